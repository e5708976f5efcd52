import { afterEach, describe, expect, it } from 'vitest'
import { createLogger } from '../../bot/logger.js'
import { createAlerter } from '../../jobs/alert-webhooks.js'
import { webhookServer } from '../helpers/webhook-server.js'

describe('alerts to webhooks', () => {
  const servers: Array<Awaited<ReturnType<typeof webhookServer>>> = []
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => s.close()))
  })
  const serve = async (options?: { failFirst?: number }) => {
    const server = await webhookServer(options)
    servers.push(server)
    return server
  }

  it('tells every endpoint once a cause, again only after the repeat time, and when it clears', async () => {
    const wecom = await serve()
    const json = await serve()
    let clock = 0
    const alerter = createAlerter({
      webhooks: [
        { type: 'wecom', url: wecom.url },
        { type: 'json', url: json.url },
      ],
      log: createLogger('silent'),
      now: () => clock,
      repeatAfterMs: 60_000,
    })
    await alerter.raise('logged-out', '掉线')
    await alerter.raise('logged-out', '掉线')
    expect(wecom.bodies).toEqual([{ msgtype: 'text', text: { content: '掉线' } }])
    expect(json.bodies).toMatchObject([{ cause: 'logged-out', recovered: false, text: '掉线' }])
    clock = 60_000
    await alerter.raise('logged-out', '仍掉线')
    await alerter.recover('logged-out', '已恢复')
    await alerter.recover('logged-out', '已恢复')
    await alerter.recover('redis-lost', '从未报过')
    expect(wecom.bodies.map((b) => (b as { text: { content: string } }).text.content)).toEqual([
      '掉线',
      '仍掉线',
      '已恢复',
    ])
    expect(json.bodies.at(-1)).toMatchObject({ recovered: true, text: '已恢复' })
  })

  it('retries a failing endpoint, and a dead one never stops the others or throws', async () => {
    const flaky = await serve({ failFirst: 2 })
    const alive = await serve()
    const alerter = createAlerter({
      webhooks: [
        { type: 'json', url: flaky.url },
        { type: 'json', url: 'http://127.0.0.1:9/closed' },
        { type: 'json', url: alive.url },
      ],
      log: createLogger('silent'),
      now: () => 0,
      retryDelaysMs: [10, 10],
      timeoutMs: 1000,
    })
    await expect(alerter.raise('redis-lost', 'Redis 中断')).resolves.toBeUndefined()
    expect(flaky.bodies).toHaveLength(1)
    expect(alive.bodies).toHaveLength(1)
  })
})
