import { randomUUID } from 'node:crypto'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import Database from 'better-sqlite3'
import { Redis } from 'ioredis'
import { afterEach, describe, expect, it } from 'vitest'
import { startCore, type Core } from '../../../bot/core/core.js'
import { createLogger } from '../../../bot/logger.js'
import { startGatewayLink, type GatewayLink } from '../../../jobs/accounts/gateway-link.js'
import { startHeartbeat } from '../../../jobs/accounts/heartbeat.js'
import { accountKeys, sendQueueName, type SendJob } from '../../../jobs/accounts/protocol.js'
import { Queue } from 'bullmq'
import { getOutbox } from '../../../db/outbox.js'
import { memoryLogger } from '../../helpers/memory-logger.js'
import { tempDir } from '../../helpers/temp.js'

const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379'
const log = createLogger('silent')
const room = { id: 'r1@chatroom', topic: '龙城派出所红袖标群' }

/**
 * The router's once-only promise where an account fails mid-send, on the real core and real
 * gateway links (WeChat left out: a link's `say` stands for it).
 */
describe('the core when an account fails with a message in hand', () => {
  const prefix = `rbtest-${randomUUID().slice(0, 8)}`
  let core: Core | undefined
  const links: GatewayLink[] = []
  let coreLog = memoryLogger()

  afterEach(async () => {
    await core?.close()
    await Promise.all(links.splice(0).map((link) => link.close()))
    const redis = new Redis(redisUrl)
    const keys = await redis.keys(`${prefix}:*`)
    if (keys.length) await redis.del(...keys)
    await redis.quit()
  })

  function link(
    account: string,
    say: (job: SendJob) => Promise<'sent' | 'unreachable'>,
    state: () => { name: string; loggedInSince: number | null },
    // A beat a minute, lapsing in one second: the test decides when the account goes quiet.
    settings = {
      minGapMs: 0,
      jitterMs: 0,
      heartbeatEveryMs: 60_000,
      heartbeatLapseMs: 1000,
      closeTimeoutMs: 500,
    },
  ): GatewayLink {
    const started = startGatewayLink({
      account,
      connection: redisUrl,
      prefix,
      log,
      settings,
      say,
      isThrottle: () => false,
      state,
    })
    links.push(started)
    return started
  }

  /** An account that beats steadily, sits in the room and says whatever it is given. */
  async function steadyAccount(account: string, onSay: () => void): Promise<void> {
    const steady = link(
      account,
      async () => {
        onSay()
        return 'sent'
      },
      () => ({ name: `助手${account}`, loggedInSince: 1 }),
      {
        minGapMs: 0,
        jitterMs: 0,
        heartbeatEveryMs: 200,
        heartbeatLapseMs: 5000,
        closeTimeoutMs: 500,
      },
    )
    await steady.publishRooms([room])
  }

  async function startedCore(): Promise<Core> {
    const dir = tempDir('redband-failover-')
    coreLog = memoryLogger()
    core = startCore({
      env: { REDIS_URL: redisUrl, REDBAND_HTTP: 'off' },
      roster: 'test/fixtures/roster.corpus.yaml',
      db: join(dir, 'redband.db'),
      evidenceDir: join(dir, 'evidence'),
      queuePrefix: prefix,
      charts: false,
      logger: coreLog.log,
      lookEveryMs: 50,
      outbox: { backoffMs: 60_000 },
    })
    await core.ready
    return core
  }

  async function until(what: string, done: () => boolean | Promise<boolean>): Promise<void> {
    const end = Date.now() + 15_000
    while (!(await done())) {
      if (Date.now() > end) throw new Error(`timed out waiting for ${what}`)
      await sleep(25)
    }
  }

  const live = async (c: Core) =>
    (await c.runtime.deps.status!()).accounts.filter((a) => a.live).map((a) => a.account)

  it('gives a message to another account when the first logged out before taking it', async () => {
    let aLoggedIn = true
    const saidBy: string[] = []
    const a = link(
      'a',
      async () => {
        saidBy.push('a')
        return 'sent'
      },
      () => ({ name: '助手A', loggedInSince: aLoggedIn ? 1 : null }),
    )
    await a.publishRooms([room])
    const c = await startedCore()
    await until('a live', async () => (await live(c)).includes('a'))
    // Logged out between two beats: the core still takes it for live.
    aLoggedIn = false
    await steadyAccount('b', () => saidBy.push('b'))
    await until('b live', async () => (await live(c)).includes('b'))
    // a is the one given it first: b has just been given nothing, and a sits there longer.
    await c.runtime.jobs.outbox.enqueue([
      { key: 'receipt-1', roomId: room.id, roomTopic: room.topic, text: '收到：龙城派出所 46 人' },
    ])
    await until('sent', () => getOutbox(c.runtime.deps.db, 'receipt-1')?.status === 'sent')
    expect(saidBy).toEqual(['b'])
    // It was a's first, and a gave it back untaken.
    expect(coreLog.lines).toContainEqual(
      expect.objectContaining({ account: 'a', msg: expect.stringContaining('did not take it') }),
    )
    // Nothing was spent on a's refusal: the message went at its first attempt.
    expect(getOutbox(c.runtime.deps.db, 'receipt-1')?.attempts).toBe(1)
  })

  it('does not send again a message an account took and then went quiet on', async () => {
    let bSaid = 0
    // a takes the route and never answers (its WeChat hangs, then its gateway dies).
    const a = link(
      'a',
      () => new Promise(() => {}),
      () => ({ name: '助手A', loggedInSince: 1 }),
    )
    await a.publishRooms([room])
    const c = await startedCore()
    await until('a live', async () => (await live(c)).includes('a'))
    await c.runtime.jobs.outbox.enqueue([
      { key: 'receipt-2', roomId: room.id, roomTopic: room.topic, text: '收到：龙城派出所 46 人' },
    ])
    await until('taken', () => getOutbox(c.runtime.deps.db, 'receipt-2')?.status === 'sending')
    await steadyAccount('b', () => bSaid++)
    // a's heartbeat lapses a second after its last beat; the core gives up on it.
    await until('given up', () => getOutbox(c.runtime.deps.db, 'receipt-2')?.status === 'failed')
    const { error } = c.runtime.deps.db.$client
      .prepare("select last_error as error from outbox where key = 'receipt-2'")
      .get() as { error: string }
    expect(error).toMatch(/may have gone out/)
    await sleep(300)
    expect(bSaid).toBe(0)
  })

  it('leaves a message no account took pending when the core closes, its route revoked', async () => {
    // An account that beats and sits in the room, whose gateway never takes its sends (busy
    // elsewhere): the core waits for it when it is closed.
    const redis = new Redis(redisUrl)
    await redis.set(accountKeys.rooms(prefix, 'a'), JSON.stringify([room]))
    const heartbeat = startHeartbeat({
      redis,
      prefix,
      account: 'a',
      everyMs: 200,
      lapseMs: 5000,
      timezone: 'Asia/Shanghai',
      now: Date.now,
      log,
      state: () => ({ name: '助手A', loggedInSince: 1 }),
      paceMs: 0,
    })
    heartbeat.roomsChanged('v1', 1)
    await heartbeat.beat()
    const c = await startedCore()
    await until('a live', async () => (await live(c)).includes('a'))
    await c.runtime.jobs.outbox.enqueue([
      { key: 'receipt-3', roomId: room.id, roomTopic: room.topic, text: '收到：龙城派出所 46 人' },
    ])
    const lane = new Queue(sendQueueName('a'), { connection: redis, prefix })
    await until('given to a', async () => (await lane.getJobCounts('wait')).wait === 1)
    const db = c.runtime.deps.db
    await c.close()
    core = undefined
    // The row waits for the next start; its job no longer waits in a's queue to be said late.
    const reopened = new Database(db.$client.name, { readonly: true })
    const row = reopened
      .prepare("select status, attempts from outbox where key = 'receipt-3'")
      .get()
    reopened.close()
    // Spending no attempt: a row on its last one is not failed for good by a restart.
    expect(row).toEqual({ status: 'pending', attempts: 0 })
    // Not taken for a room no account can reach (that would alert the command rooms).
    expect(coreLog.lines).not.toContainEqual(
      expect.objectContaining({ msg: expect.stringContaining('room unreachable') }),
    )
    expect((await lane.getJobCounts('wait')).wait).toBe(0)
    expect(await redis.get(accountKeys.route(prefix, 'receipt-3'))).toBeNull()
    await heartbeat.stop()
    await lane.close()
    await redis.quit()
  })
})
