import { describe, expect, it } from 'vitest'
import { parseWebhook, webhookBody, type Alert } from '../../../src/alerts/webhooks.js'
import { readConfig } from '../../../src/config/read-config.js'

const wecom = 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abc'

describe('REDBAND_ALERT_WEBHOOKS', () => {
  it.each([
    [`wecom=${wecom}`, { type: 'wecom', url: wecom }],
    ['dingtalk=https://oapi.dingtalk.com/robot/send?access_token=t', { type: 'dingtalk' }],
    ['feishu=https://open.feishu.cn/open-apis/bot/v2/hook/x', { type: 'feishu' }],
    ['http://127.0.0.1:9000/alerts', { type: 'json', url: 'http://127.0.0.1:9000/alerts' }],
    ['json=http://alerts.example.org/x', { type: 'json' }],
  ])('reads %s', (value, expected) => {
    expect(parseWebhook(value)).toMatchObject(expected)
  })

  it.each(['slack=https://hooks.slack.com/x', 'wecom=ftp://x', 'wecom=', 'not a url'])(
    'refuses %s',
    (value) => {
      expect(parseWebhook(value)).toBeUndefined()
    },
  )

  it('takes several, separated by spaces or commas, and none by default', () => {
    const hooks = readConfig({
      REDBAND_ALERT_WEBHOOKS: `wecom=${wecom}, http://127.0.0.1:9000/a feishu=https://f.example/h`,
    }).alertWebhooks
    expect(hooks.map((h) => h.type)).toEqual(['wecom', 'json', 'feishu'])
    expect(readConfig({}).alertWebhooks).toEqual([])
  })

  it('names the bad endpoint and the fix', () => {
    expect(() => readConfig({ REDBAND_ALERT_WEBHOOKS: 'slack=https://x.example' })).toThrow(
      /REDBAND_ALERT_WEBHOOKS.*"slack=https:\/\/x.example" is not a webhook; write TYPE=URL/s,
    )
  })
})

describe('the body each group robot expects', () => {
  const alert: Alert = { cause: 'logged-out', text: '微信账号掉线', recovered: false, at: 0 }
  it.each([
    ['wecom', { msgtype: 'text', text: { content: '微信账号掉线' } }],
    ['dingtalk', { msgtype: 'text', text: { content: '微信账号掉线' } }],
    ['feishu', { msg_type: 'text', content: { text: '微信账号掉线' } }],
    [
      'json',
      {
        source: 'redband',
        cause: 'logged-out',
        recovered: false,
        at: '1970-01-01T00:00:00.000Z',
        text: '微信账号掉线',
      },
    ],
  ] as const)('%s', (type, body) => {
    expect(webhookBody(type, alert)).toEqual(body)
  })
})
