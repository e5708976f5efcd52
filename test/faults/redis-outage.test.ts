import { rmSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { checksOfDay } from '../../db/spot-checks.js'
import { defaultSchedule, type Schedule } from '../../src/schedule/schedule.js'
import { instantOf } from '../../src/time/zoned.js'
import { memoryLogger } from '../helpers/memory-logger.js'
import { redisProxy, type RedisProxy } from '../helpers/redis-proxy.js'
import { tempDir } from '../helpers/temp.js'
import {
  REDIS_URL,
  deleteRedisKeys,
  doubled,
  movableClock,
  roster,
  sleep,
  startFaultJobs,
  statusCounts,
  testPrefix,
  waitFor,
  type FaultJobs,
  type Received,
} from './fault-kit.js'

/**
 * Redis taken away and brought back empty (a Redis that keeps nothing on disk, restarted), and
 * Redis down when the bot starts: the outbox rows in SQLite are the truth, the sweep hands the
 * pending ones to the queue again and the scheduler's one-minute catch-up queues again the
 * moments still fresh, so nothing is lost; the deterministic keys keep anything from going
 * twice. The machine's Redis stays up: a TCP proxy in front of it is what goes away.
 *
 * Only setInterval is faked: the outbox sweep and the scheduler's catch-up run when the test
 * says a minute has passed; everything else (Redis, BullMQ, the send gap) runs in real time.
 */

const day = '2026-10-12'
const at = (time: string) => instantOf(day, time, roster.timezone)
/** The work day's moments: 07:30 reminder, 09:00 chase, 09:30 escalation, 20:00 bulletins. */
const workDay: Schedule = { ...defaultSchedule, inspection: undefined }
const liaisonRooms = roster.rooms.filter((r) => r.role === 'liaison').map((r) => r.topic)

/** Nothing waits in the outbox and nothing is being sent. */
function settled(bot: FaultJobs): boolean {
  const { pending, sending } = statusCounts(bot.db)
  return pending === 0 && sending === 0
}

/** The outbox sweep and the scheduler's catch-up, both due every minute. */
const minutePasses = () => vi.advanceTimersByTime(60_000)

describe('Redis restarted empty, or down at start (BullMQ behind a proxy)', () => {
  let dir: string
  let prefix: string
  let proxy: RedisProxy | undefined
  let received: Received[]
  const bots: FaultJobs[] = []

  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] })
    dir = tempDir('redband-redis-')
    prefix = testPrefix()
    received = []
  })

  afterEach(async () => {
    await proxy?.start()
    await Promise.all(bots.splice(0).map((bot) => bot.close()))
    vi.useRealTimers()
    await proxy?.stop()
    proxy = undefined
    await deleteRedisKeys(prefix)
    rmSync(dir, { recursive: true, force: true })
  })

  const start = async (
    options: Partial<Parameters<typeof startFaultJobs>[0]> & { now: () => number },
  ) => {
    if (!proxy) throw new Error('no proxy')
    const bot = await startFaultJobs({
      dbFile: join(dir, 'redband.db'),
      received,
      schedule: workDay,
      redisUrl: proxy.url,
      queuePrefix: prefix,
      outbox: { minGapMs: 300, sweepEveryMs: 60_000 },
      ...options,
    })
    bots.push(bot)
    return bot
  }

  /** Redis goes away, comes back with nothing (keys of this test deleted while it was away). */
  async function redisRestarts(awayMs = 300): Promise<void> {
    await proxy?.stop()
    await deleteRedisKeys(prefix)
    await sleep(awayMs)
    await proxy?.start()
  }

  const sentTo = (pattern: RegExp) => received.filter((r) => pattern.test(r.text))
  const topics = (list: Received[]) => list.map((r) => r.topic).sort()
  const ran = (lines: Record<string, unknown>[], job: string) =>
    lines.filter((l) => l.msg === 'scheduled job ran' && l.job === job).length

  it('a Redis away for a while: the command room is told directly, then that it is back', async () => {
    proxy = await redisProxy(new URL(REDIS_URL))
    const { log, lines } = memoryLogger('info')
    await start({ now: Date.now, log, tellRedisLostAfterMs: 500 })
    await proxy.stop()
    await waitFor(
      'the command room told',
      () => sentTo(/队列服务（Redis）自 .+ 起连接中断/).length > 0,
    )
    expect(topics(sentTo(/连接中断/))).toEqual(['红袖标指挥部'])
    expect(lines.some((l) => l.level === 50 && /Redis is still away/.test(String(l.msg)))).toBe(
      true,
    )
    await proxy.start()
    await waitFor('the command room told it is back', () => sentTo(/已恢复/).length > 0, {
      timeoutMs: 20_000,
    })
    expect(sentTo(/连接中断/)).toHaveLength(1)
  })

  it('a Redis back within moments: nobody is told', async () => {
    proxy = await redisProxy(new URL(REDIS_URL))
    await start({ now: Date.now, tellRedisLostAfterMs: 2_000 })
    await proxy.stop()
    await sleep(200)
    await proxy.start()
    await sleep(2_500)
    expect(sentTo(/Redis/)).toEqual([])
  })

  it('a restart mid-fan-out, and after a moment ran: every message once', async () => {
    proxy = await redisProxy(new URL(REDIS_URL))
    const clock = movableClock(at('07:30:02'))
    const { log, lines } = memoryLogger('info')
    const bot = await start({ now: clock.now, log, outbox: { minGapMs: 1000 } })

    // The 07:30 reminder to the four liaison rooms, a second apart. Redis restarts just after the
    // first, while the next send waits out its gap, and is back before that send ends.
    await waitFor('the first reminder', () => received.length >= 1)
    await sleep(100)
    await redisRestarts()
    await waitFor('the queue back on Redis', () =>
      lines.some((l) => l.msg === 'queue connection to Redis is back'),
    )
    await sleep(1500)
    const beforeSweep = received.length
    expect(beforeSweep).toBeLessThan(liaisonRooms.length)
    expect(statusCounts(bot.db).pending).toBe(liaisonRooms.length - beforeSweep)

    minutePasses()
    // Had the restart cut a fetch of the next job, BullMQ's worker waits its runRetryDelay (15 s).
    await waitFor('every reminder', () => statusCounts(bot.db).sent === liaisonRooms.length, {
      timeoutMs: 25_000,
      state: () => JSON.stringify({ received: received.length, counts: statusCounts(bot.db) }),
    })
    // The catch-up queued the reminder again (Redis forgot it ran); its keys kept it from repeating.
    await waitFor('the reminder job run again', () => ran(lines, `reminder-${day}`) === 2)

    // 09:00 passes while Redis is away: the catch-up's add waits for Redis, which comes back empty.
    clock.set(at('09:00:03'))
    await proxy.stop()
    minutePasses()
    await sleep(300)
    await deleteRedisKeys(prefix)
    await proxy.start()
    await waitFor('the chase sent', () => ran(lines, `chase-${day}`) === 1 && settled(bot), {
      timeoutMs: 25_000,
    })
    const chases = sentTo(/还未上报/)
    expect(chases.length).toBeGreaterThan(0)

    // Redis restarts again after the chase went out: the catch-up runs it again, nothing is sent twice.
    await redisRestarts()
    minutePasses()
    await waitFor('the chase job run again', () => ran(lines, `chase-${day}`) === 2, {
      timeoutMs: 25_000,
    })
    minutePasses()
    await sleep(800)

    expect(topics(sentTo(/早上好/))).toEqual([...liaisonRooms].sort())
    expect(sentTo(/还未上报/)).toEqual(chases)
    expect(doubled(received.map((r) => r.key))).toEqual({})
    expect(statusCounts(bot.db)).toEqual({ pending: 0, sending: 0, sent: received.length })
  }, 60_000)

  it('Redis down at start: what was queued meanwhile is sent once when it comes up', async () => {
    proxy = await redisProxy(new URL(REDIS_URL), false)
    const clock = movableClock(at('07:30:02'))
    const bot = await start({ now: clock.now, awaitStart: false })
    const receipt = bot.jobs.outbox.enqueue([
      {
        key: 'reply-m1-0',
        roomTopic: '呈贡分局红袖标联络群',
        text: '已登记：龙城派出所 今日上岗 150 人',
      },
    ])
    await sleep(1000)
    expect(received).toEqual([])

    await proxy.start()
    await Promise.all([bot.started, receipt])
    await waitFor('everything sent', () => statusCounts(bot.db).sent === liaisonRooms.length + 1, {
      timeoutMs: 25_000,
      state: () => JSON.stringify({ received, counts: statusCounts(bot.db) }),
    })
    minutePasses()
    await sleep(800)
    expect(topics(sentTo(/早上好/))).toEqual([...liaisonRooms].sort())
    expect(sentTo(/已登记/)).toHaveLength(1)
    expect(doubled(received.map((r) => r.key))).toEqual({})
  }, 45_000)

  // A spot check is a delayed job queued at 08:00 by the day's random plan. Redis forgets it on a
  // restart; the scheduler's catch-up puts back, from the store, the follow-ups of today's checks.
  it('a spot check planned for later in the day is still queued after a Redis restart', async () => {
    proxy = await redisProxy(new URL(REDIS_URL))
    const clock = movableClock(at('08:00:05'))
    const bot = await start({ now: clock.now, schedule: { ...defaultSchedule } })
    await waitFor('the random checks planned', async () => {
      const planned = checksOfDay(bot.db, day, { kind: 'random' }).length
      return planned > 0 && (await bot.jobs.scheduledJobs.counts()).delayed === planned
    })

    clock.set(at('10:00'))
    await redisRestarts()
    minutePasses()
    await sleep(1000)
    const later = checksOfDay(bot.db, day, { kind: 'random' }).filter(
      (c) => c.status === 'planned' && c.askedAt > clock.now(),
    )
    expect(later.length).toBeGreaterThan(0)
    expect((await bot.jobs.scheduledJobs.counts()).delayed).toBe(later.length)
  }, 30_000)
})

describe('the embedded queue restarted (a new process on the same store)', () => {
  let dir: string
  let received: Received[]
  const bots: FaultJobs[] = []

  beforeEach(() => {
    dir = tempDir('redband-embedded-')
    received = []
  })
  afterEach(async () => {
    await Promise.all(bots.splice(0).map((bot) => bot.close()))
    rmSync(dir, { recursive: true, force: true })
  })

  const start = async (now: () => number, log = memoryLogger('info').log) => {
    const bot = await startFaultJobs({
      dbFile: join(dir, 'redband.db'),
      received,
      now,
      schedule: workDay,
      outbox: { minGapMs: 300 },
      log,
    })
    bots.push(bot)
    return bot
  }
  const stop = async (bot: FaultJobs) => {
    bots.splice(bots.indexOf(bot), 1)
    await bot.close()
  }
  const sentTo = (pattern: RegExp) => received.filter((r) => pattern.test(r.text))

  it('restarts mid-fan-out and after a moment ran: every message once, no moment run twice', async () => {
    const clock = movableClock(at('07:30:02'))
    const first = await start(clock.now)
    await waitFor('the first reminder', () => received.length >= 1)
    await stop(first)
    expect(received.length).toBeLessThan(liaisonRooms.length)

    const again = memoryLogger('info')
    clock.set(at('07:31'))
    const second = await start(clock.now, again.log)
    await waitFor('every reminder', () => statusCounts(second.db).sent === liaisonRooms.length)
    await stop(second)

    // Down over 09:00: the chase is run at start; a restart after it does not run it again.
    clock.set(at('09:00:40'))
    const third = await start(clock.now)
    await waitFor('the chase sent', () => sentTo(/还未上报/).length > 0 && settled(third))
    await sleep(300)
    await stop(third)
    const chases = sentTo(/还未上报/)
    const fourth = memoryLogger('info')
    clock.set(at('09:01:30'))
    await start(clock.now, fourth.log)
    await sleep(800)

    expect(again.lines.filter((l) => l.msg === 'scheduled job ran')).toEqual([])
    expect(fourth.lines.filter((l) => l.msg === 'scheduled job ran')).toEqual([])
    expect(
      received
        .filter((r) => /早上好/.test(r.text))
        .map((r) => r.topic)
        .sort(),
    ).toEqual([...liaisonRooms].sort())
    expect(sentTo(/还未上报/)).toEqual(chases)
    expect(doubled(received.map((r) => r.key))).toEqual({})
  }, 30_000)
})
