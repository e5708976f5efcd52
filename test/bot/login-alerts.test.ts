import { afterEach, describe, expect, it, vi } from 'vitest'
import { startBotWorld, type BotWorld } from '../helpers/bot-world.js'
import { instantOf } from '../../src/time/zoned.js'
import { webhookServer } from '../helpers/webhook-server.js'

describe('a logged-out account, on the second channel', () => {
  let bot: BotWorld | undefined
  let hook: Awaited<ReturnType<typeof webhookServer>> | undefined
  afterEach(async () => {
    await bot?.close()
    await hook?.close()
  })

  it('is told to the webhooks when the logout lasts, and that it cleared at the next login', async () => {
    hook = await webhookServer()
    bot = await startBotWorld({
      env: { REDBAND_ALERT_WEBHOOKS: `wecom=${hook.url}`, REDBAND_ALERT_LOGOUT_AFTER_MIN: '0' },
    })
    const texts = () => hook!.bodies.map((b) => (b as { text: { content: string } }).text.content)
    expect(texts()).toEqual([])

    await bot.world.mocker.puppet.logout()
    await vi.waitFor(() => expect(texts()).toHaveLength(1))
    expect(texts()[0]).toMatch(
      /^⚠️ 红袖标助手的微信账号自 \d\d:\d\d 起掉线.*请运维尽快重新扫码登录。$/,
    )

    await bot.world.relogin()
    await vi.waitFor(() => expect(texts()).toHaveLength(2))
    expect(texts()[1]).toMatch(/^红袖标助手的微信账号已重新登录（\d\d:\d\d 起掉线）/)
  })

  it('keeps a quick re-login to itself', async () => {
    hook = await webhookServer()
    bot = await startBotWorld({
      env: { REDBAND_ALERT_WEBHOOKS: `json=${hook.url}`, REDBAND_ALERT_LOGOUT_AFTER_MIN: '5' },
    })
    await bot.world.relogin()
    await bot.settle()
    expect(hook.bodies).toEqual([])
  })
})

describe('a command room the bot cannot reach, on the second channel', () => {
  let bot: BotWorld | undefined
  let hook: Awaited<ReturnType<typeof webhookServer>> | undefined
  afterEach(async () => {
    await bot?.close()
    await hook?.close()
    vi.useRealTimers()
  })

  it('is told to the webhooks, and so are the bulletins it did not get by 20:05', async () => {
    hook = await webhookServer()
    vi.useFakeTimers({
      now: instantOf('2026-10-12', '19:58', 'Asia/Shanghai'),
      toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'],
    })
    bot = await startBotWorld({
      env: { REDBAND_ALERT_WEBHOOKS: `json=${hook.url}` },
      schedule: { bulletins: '20:00', event: {} },
      charts: false,
    })
    await bot.world.removeRoom('红袖标指挥部')
    await vi.advanceTimersByTimeAsync(9 * 60_000)
    const causes = () => hook!.bodies.map((b) => (b as { cause: string }).cause)
    await vi.waitFor(() =>
      expect(causes()).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/^command-room-held-/),
          'bulletins-late-2026-10-12',
        ]),
      ),
    )
    const held = hook.bodies.find((b) => (b as { cause: string }).cause.startsWith('command'))
    expect((held as { text: string }).text).toMatch(
      /^⚠️ 发往「红袖标指挥部」（指挥部群）的消息暂时发不出去/,
    )
  })

  it('is told to the webhooks when held, and that it cleared once found again under a new id', async () => {
    hook = await webhookServer()
    bot = await startBotWorld({ env: { REDBAND_ALERT_WEBHOOKS: `json=${hook.url}` } })
    const world = bot.world
    for (const name of ['王五', '赵六', '孙七']) world.newPerson(name)
    // A login sees who is in each room; the next one finds the rooms by those people.
    await world.relogin()
    const newCommand = await world.reissueRoom('红袖标指挥部')
    // The command room's old id is bound and gone: the rename it is told of is held, until the
    // room is found again by its people under the new id and what was held follows it.
    await world.renameRoom('龙城派出所红袖标群', '龙城派出所红袖标群（新）')
    const alerts = () =>
      hook!.bodies.map((b) => b as { cause: string; text: string; recovered: boolean })
    await vi.waitFor(() => expect(alerts()).toHaveLength(2))
    expect(alerts()[0]).toMatchObject({
      cause: expect.stringMatching(/^command-room-held-/),
      recovered: false,
    })
    expect(alerts()[0]!.text).toMatch(/^⚠️ 发往「红袖标指挥部」（指挥部群）的消息暂时发不出去/)
    expect(alerts()[1]).toMatchObject({ cause: alerts()[0]!.cause, recovered: true })
    expect(alerts()[1]!.text).toMatch(/^发往「红袖标指挥部」（指挥部群）的消息已恢复发送/)
    expect(world.sentTo(newCommand).join('\n')).toContain('龙城派出所红袖标群（新）')
  })
})
