import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { runCli } from '../../../bot/cli/run-cli.js'
import { readAudit } from '../../../db/audit.js'
import { unbindRoom } from '../../../db/bindings.js'
import { webLinks } from '../../../db/schema.js'
import type { AccountState } from '../../../bot/context.js'
import { instantOf } from '../../../src/time/zoned.js'
import { accountState, busyAccount, serveAccountsPage } from '../../helpers/accounts.js'
import { startBotWorld, type BotWorld } from '../../helpers/bot-world.js'
import { memoryIo } from '../../helpers/cli-io.js'
import { WebClient } from '../../helpers/web-client.js'

const command = '红袖标指挥部'
const liaison = '呈贡分局红袖标联络群'
const metricsToken = 'metrics-token-0123456789abcdef'
let clients = 0
/** A browser of its own, at an address of its own (as a reverse proxy would say). */
const browser = (base: string) => new WebClient(base, `198.51.100.${++clients}`)

describe('the command-centre page over HTTP', () => {
  let bot: BotWorld
  let base: string
  /** A link for `role`, as the operator gets it at the server. */
  const cliLink = async (role: string) => {
    const { io, out } = memoryIo('', { REDBAND_HTTP: new URL(base).host, USER: '运维老周' })
    expect(await runCli(['link', '--role', role, '--db', join(bot.dir, 'redband.db')], io)).toBe(0)
    return out().trim()
  }
  /** A link from #大屏, said by `who` in `room`; the bot's reply. */
  const screenCommand = async (who: string, room: string) => {
    const before = bot.world.sentTo(room).length
    bot.world.say(who, room, '#大屏', { timestamp: Date.now() + before * 1000 })
    await vi.waitFor(() => expect(bot.world.sentTo(room).length).toBeGreaterThan(before))
    return bot.world.sentTo(room)[before]!
  }

  beforeAll(async () => {
    bot = await startBotWorld({
      admins: ['wxid_admin'],
      commandsPerMinute: 100,
      http: '127.0.0.1:0',
      env: { REDBAND_METRICS_TOKEN: metricsToken },
    })
    base = (await bot.redband.pageUrl())!
  })
  afterAll(() => bot.close())

  it('shows no figure to a browser that is not signed in', async () => {
    const anonymous = browser(base)
    for (const path of [
      '/api/today',
      '/api/event',
      '/api/review',
      '/api/rooms',
      '/api/health',
      '/api/feed',
    ])
      expect((await anonymous.get(path)).status, path).toBe(401)
    const page = await anonymous.get('/')
    expect(page.status).toBe(401)
    expect(await page.text()).toContain('请在指挥群发送')
    const healthz = await anonymous.json('/healthz')
    expect(healthz).toEqual({
      status: 200,
      body: { status: 'ok', wechat: 'logged-in', queue: 'up' },
    })
  })

  it('answers #大屏 in a command room with a link that opens a commander’s session once', async () => {
    const reply = await screenCommand('张指挥', command)
    expect(reply).toContain('指挥大屏登录链接（10 分钟内有效，只能使用一次）')
    const link = /http:\/\/\S+\/s\/\S+/.exec(reply)![0]
    const commander = browser(base)
    expect(await commander.signIn(link)).toBe(200)
    const me = await commander.json<{ role: string; name: string; views: string[] }>('/api/me')
    expect(me.body).toMatchObject({ role: 'commander', name: '张指挥' })
    expect(me.body.views).not.toContain('nothing')
    expect((await commander.json('/api/rooms')).status).toBe(200)
    // Used: a second browser is refused, on the link's page and on its use.
    const other = browser(base)
    expect((await other.get(link)).status).toBe(403)
    expect(await other.signIn(link)).toBe(403)
    expect(readAudit(bot.db, { action: 'web-sign-in' })).toMatchObject([
      {
        actorId: expect.stringMatching(/./),
        actorName: '张指挥',
        roomTopic: 'web',
        target: 'commander',
      },
    ])
  })

  it('gives no link outside a command room, even to an admin', async () => {
    const admin = bot.world.newPerson('王管理', { id: 'wxid_admin' })
    const before = bot.world.sentTo(liaison).length
    bot.world.say(admin, liaison, '#大屏')
    await vi.waitFor(() => expect(bot.world.sentTo(liaison).length).toBeGreaterThan(before))
    const reply = bot.world.sentTo(liaison)[before]!
    expect(reply).toContain('#大屏 只能在指挥群里使用')
    expect(reply).not.toMatch(/\/s\//)
  })

  it('refuses an expired or forged link plainly, and rate-limits sign-in', async () => {
    const link = await cliLink('commander')
    bot.db
      .update(webLinks)
      .set({ expiresAt: Date.now() - 1 })
      .run()
    const late = browser(base)
    const refused = await late.get(link)
    expect(refused.status).toBe(403)
    expect(await refused.text()).toContain('此登录链接无效、已经使用过或已过期')
    expect(await late.signIn(link)).toBe(403)
    const forger = browser(base)
    const statuses: number[] = []
    for (let i = 0; i < 11; i++)
      statuses.push((await forger.post('/api/sign-in', { token: `forged-${i}` })).status)
    expect(statuses.slice(0, 8)).toEqual(Array(8).fill(403))
    expect(statuses.at(-1)).toBe(429)
  })

  it('refuses a POST without its CSRF token', async () => {
    const admin = browser(base)
    expect(await admin.signIn(await cliLink('admin'))).toBe(200)
    const bare = await admin.post(
      '/api/rooms/bind-expected',
      { seenBefore: Date.now() },
      { csrf: false },
    )
    expect(bare).toEqual({ status: 403, body: { error: 'csrf' } })
  })

  it('keeps an inspector to checks and field records', async () => {
    const inspector = browser(base)
    expect(await inspector.signIn(await cliLink('inspector'))).toBe(200)
    const today = await inspector.json('/api/today')
    expect(today.status).toBe(200)
    expect(today.body).not.toHaveProperty('work')
    expect(today.body).toHaveProperty('checks')
    for (const path of ['/api/rooms', '/api/review', '/api/event', '/api/health'])
      expect((await inspector.get(path)).status, path).toBe(403)
    const rooms = await inspector.get('/rooms')
    expect(rooms.status).toBe(403)
    expect(await rooms.text()).toContain('无权查看')
  })

  it('lets an admin confirm the waiting rooms in one step, audited; a commander is refused', async () => {
    // An operator took 晋宁's binding away: its room waits for confirmation again.
    unbindRoom(bot.db, bot.world.room('晋宁分局红袖标联络群').id)
    const commander = browser(base)
    await commander.signIn(await cliLink('commander'))
    const readAt = (
      await commander.json<{ readAt: number; counts: { waiting: number } }>('/api/rooms')
    ).body
    expect(readAt.counts.waiting).toBeGreaterThan(0)
    expect(await commander.post('/api/rooms/bind-expected', { seenBefore: readAt.readAt })).toEqual(
      {
        status: 403,
        body: { error: 'forbidden' },
      },
    )
    const admin = browser(base)
    await admin.signIn(await cliLink('admin'))
    const done = await admin.post('/api/rooms/bind-expected', { seenBefore: readAt.readAt })
    expect(done.status).toBe(200)
    expect(done.body.bound).toEqual(
      expect.arrayContaining([expect.objectContaining({ topic: '晋宁分局红袖标联络群' })]),
    )
    const after = (await admin.json<{ counts: { waiting: number } }>('/api/rooms')).body
    expect(after.counts.waiting).toBe(0)
    expect(readAudit(bot.db, { action: 'refused', target: 'bind-rooms' })).toHaveLength(1)
    expect(readAudit(bot.db, { action: 'web', target: 'rooms bind --expected' })).toHaveLength(1)
    expect(
      readAudit(bot.db, {
        action: 'bind',
        target: '晋宁分局红袖标联络群',
        from: readAt.readAt,
      }).map((a) => [a.actorId, a.actorName]),
    ).toEqual([['cli', '运维老周']])
  })

  it('serves Prometheus metrics to this machine or with the token, and not through a proxy', async () => {
    bot.world.say('李警官', liaison, '龙城所今日上岗 146 人')
    await vi.waitFor(() => expect(bot.world.sentTo(liaison).join('\n')).toContain('146'))
    const local = new WebClient(base)
    const metrics = await local.get('/metrics')
    expect(metrics.status).toBe(200)
    const text = await metrics.text()
    for (const line of [
      /^redband_messages_in_total [1-9]/m,
      /^redband_records_today 1$/m,
      /^redband_unread_open 0$/m,
      /^redband_outbox_pending\{lane="reply"\} \d+$/m,
      /^redband_sends\{result="sent"\} [1-9]/m,
      /^redband_logged_in 1$/m,
      /^redband_last_inbound_timestamp_seconds \d+/m,
      /^redband_queue_up\{backend="embedded"\} 1$/m,
    ])
      expect(text).toMatch(line)
    const proxied = await local.get('/metrics', { 'x-forwarded-for': '203.0.113.9' })
    expect(proxied.status).toBe(403)
    const withToken = await local.get('/metrics', {
      'x-forwarded-for': '203.0.113.9',
      authorization: `Bearer ${metricsToken}`,
    })
    expect(withToken.status).toBe(200)
  })

  it('gives an admin the plugin’s one account in the Health view, logged in, without figures', async () => {
    const admin = browser(base)
    expect(await admin.signIn(await cliLink('admin'))).toBe(200)
    const health = await admin.json<{ accounts: unknown[] }>('/api/health')
    expect(health.body.accounts).toEqual([
      {
        account: 'wechat',
        name: '红袖标助手',
        condition: 'live',
        since: expect.stringMatching(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/),
        rooms: null,
        sentToday: null,
        throttledToday: null,
      },
    ])
  })
})

describe('the Health view of a core speaking through several accounts', () => {
  const at = (time: string) => instantOf('2026-12-02', time, 'Asia/Shanghai')
  let accounts: AccountState[] = []
  let page: Awaited<ReturnType<typeof serveAccountsPage>>
  beforeAll(async () => {
    page = await serveAccountsPage(() => accounts)
  })
  afterAll(() => page.close())

  it('lists every account with its condition, local since and figures; /healthz only says whether any is live', async () => {
    accounts = [
      busyAccount(at('07:01')),
      accountState('acct-3', {
        rooms: 40,
        sentToday: 12,
        throttledToday: 0,
        silentSince: at('09:15'),
      }),
    ]
    const admin = browser(page.base)
    expect(await admin.signIn(page.link())).toBe(200)
    const health = await admin.json<{ accounts: unknown[] }>('/api/health')
    expect(health.body.accounts).toEqual([
      {
        account: 'acct-2',
        name: '红袖标助手2',
        condition: 'live',
        since: '2026-12-02 07:01',
        rooms: 212,
        sentToday: 340,
        throttledToday: 1,
      },
      {
        account: 'acct-3',
        name: 'acct-3',
        condition: 'silent',
        since: '2026-12-02 09:15',
        rooms: 40,
        sentToday: 12,
        throttledToday: 0,
      },
    ])
    const anonymous = browser(page.base)
    expect((await anonymous.json('/healthz')).body).toEqual({
      status: 'ok',
      wechat: 'logged-in',
      queue: 'up',
    })
    accounts = accounts.map((a) => ({ ...a, live: false, loggedInSince: null }))
    expect((await anonymous.json('/healthz')).body).toMatchObject({ wechat: 'logged-out' })
  })
})
