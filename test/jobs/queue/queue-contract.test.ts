import { randomBytes } from 'node:crypto'
import { rmSync } from 'node:fs'
import { join } from 'node:path'
import { Writable } from 'node:stream'
import { Redis } from 'ioredis'
import { pino } from 'pino'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import type { Logger } from '../../../src/logger.js'
import { closeDb, openDb, type Db } from '../../../db/client.js'
import { HANDED_BACK, claimQueueJob, getQueueJob, insertQueueJobs } from '../../../db/queue-jobs.js'
import { createBullQueue } from '../../../jobs/queue/bullmq-queue.js'
import { createEmbeddedQueue } from '../../../jobs/queue/embedded-queue.js'
import {
  PermanentJobError,
  type JobQueue,
  type NewJob,
  type QueueJob,
} from '../../../jobs/queue/queue.js'
import { tempDir } from '../../helpers/temp.js'
import { redisProxy } from '../../helpers/redis-proxy.js'

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379'
/** Timers and clocks differ by a few ms between Node, Redis and the test. */
const SLACK_MS = 25

interface Payload {
  n: number
}

/** One store per test; every open() is another queue instance on it, as another process would be. */
interface Harness {
  open<T = Payload>(options?: { name?: string; log?: Logger; connection?: string }): JobQueue<T>
  cleanup(): Promise<void>
}

const silent = pino({ level: 'silent' })

function bullHarness(): Harness {
  const prefix = `rbtest-${randomBytes(6).toString('hex')}`
  const queues: JobQueue<unknown>[] = []
  return {
    open<T>(options: { name?: string; log?: Logger; connection?: string } = {}) {
      const queue = createBullQueue<T>(options.name ?? 'contract', {
        connection: options.connection ?? REDIS_URL,
        prefix,
        log: options.log ?? silent,
      })
      queues.push(queue as JobQueue<unknown>)
      return queue
    },
    async cleanup() {
      await Promise.all(queues.map((queue) => queue.close()))
      await deleteKeys(`${prefix}:*`)
    },
  }
}

function embeddedHarness(): Harness {
  const dir = tempDir('redband-queue-')
  const file = join(dir, 'queue.db')
  const queues: JobQueue<unknown>[] = []
  const dbs: Db[] = []
  return {
    open<T>(options: { name?: string; log?: Logger } = {}) {
      const db = openDb(file)
      dbs.push(db)
      const queue = createEmbeddedQueue<T>(options.name ?? 'contract', {
        db,
        log: options.log ?? silent,
      })
      queues.push(queue as JobQueue<unknown>)
      return queue
    },
    async cleanup() {
      await Promise.all(queues.map((queue) => queue.close()))
      for (const db of dbs) closeDb(db)
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

let admin: Redis
beforeAll(() => {
  admin = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 })
})
afterAll(async () => {
  await admin.quit()
})

async function deleteKeys(pattern: string): Promise<void> {
  let cursor = '0'
  do {
    const [next, keys] = await admin.scan(cursor, 'MATCH', pattern, 'COUNT', 1000)
    cursor = next
    if (keys.length > 0) await admin.del(...keys)
  } while (cursor !== '0')
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const until = Date.now() + timeoutMs
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`condition not met within ${timeoutMs} ms`)
    await sleep(10)
  }
}

const gates = new Set<() => void>()
/** A gate a handler waits on until the test opens it (cleanup opens any left shut). */
function gate(): { wait: Promise<void>; open: () => void } {
  let open = () => {}
  const wait = new Promise<void>((resolve) => (open = resolve))
  gates.add(open)
  return { wait, open }
}
function openGates(): void {
  for (const open of gates) open()
  gates.clear()
}

function gaps(times: number[]): number[] {
  const sorted = [...times].sort((a, b) => a - b)
  return sorted.slice(1).map((t, i) => t - (sorted[i] ?? t))
}

const job = (id: string, n = 0, options?: NewJob<Payload>['options']): NewJob<Payload> => ({
  id,
  name: 'work',
  data: { n },
  ...(options ? { options } : {}),
})

describe.each([
  { kind: 'bullmq', harness: bullHarness },
  { kind: 'embedded', harness: embeddedHarness },
])('$kind queue contract', ({ harness }) => {
  let h: Harness
  afterEach(async () => {
    openGates()
    await h.cleanup()
  })
  const setup = () => (h = harness())

  it('runs a job once with its data, on attempt 1', async () => {
    const q = setup().open()
    const seen: QueueJob<Payload>[] = []
    q.process(async (j) => void seen.push(j))
    expect(await q.add(job('one', 7))).toBe(true)
    await waitFor(() => seen.length === 1)
    await sleep(100)
    expect(seen).toEqual([{ id: 'one', name: 'work', data: { n: 7 }, attempt: 1 }])
  })

  it('refuses ids BullMQ cannot take, on both queues', async () => {
    const q = setup().open()
    await expect(q.add(job('a:b'))).rejects.toThrow(/must not/)
    await expect(q.add(job('42'))).rejects.toThrow(/must not/)
    await expect(q.addBulk([job('ok'), job('')])).rejects.toThrow(/must not/)
  })

  it('adds an id once: a second add, before or after it ran, resolves false', async () => {
    const q = setup().open()
    expect(await q.add(job('same', 1))).toBe(true)
    expect(await q.add(job('same', 2))).toBe(false)
    const seen: number[] = []
    q.process(async (j) => void seen.push(j.data.n))
    await waitFor(() => seen.length === 1)
    await sleep(50)
    expect(await q.add(job('same', 3))).toBe(false)
    await sleep(150)
    expect(seen).toEqual([1])
  })

  it('adds an id once when adds race', async () => {
    const q = setup().open()
    const seen: string[] = []
    q.process(async (j) => void seen.push(j.id))
    const results = await Promise.all(Array.from({ length: 6 }, (_, n) => q.add(job('race', n))))
    expect(results.filter(Boolean)).toHaveLength(1)
    await waitFor(() => seen.length === 1)
    await sleep(150)
    expect(seen).toEqual(['race'])
  })

  it('addBulk counts only new ids, within the batch and against known ones', async () => {
    const q = setup().open()
    expect(await q.add(job('known'))).toBe(true)
    expect(await q.addBulk([job('b1'), job('b2'), job('b1'), job('known')])).toBe(2)
    expect(await q.addBulk([job('b2'), job('b3')])).toBe(1)
    expect(await q.addBulk([])).toBe(0)
    const seen: string[] = []
    q.process(async (j) => void seen.push(j.id))
    await waitFor(() => seen.length === 4)
    await sleep(150)
    expect(seen.sort()).toEqual(['b1', 'b2', 'b3', 'known'])
  })

  it('keeps a delayed job until its time', async () => {
    const q = setup().open()
    const starts: Record<string, number> = {}
    q.process(async (j) => void (starts[j.id] = Date.now()))
    const addedAt = Date.now()
    await q.add(job('later', 0, { delayMs: 300 }))
    await q.add(job('now'))
    await waitFor(() => Object.keys(starts).length === 2)
    expect((starts.now ?? 0) - addedAt).toBeLessThan(250)
    expect((starts.later ?? 0) - addedAt).toBeGreaterThanOrEqual(300 - SLACK_MS)
  })

  it('retries a failing job with exponential backoff, then reports it failed once', async () => {
    const q = setup().open()
    const starts: number[] = []
    const attempts: number[] = []
    const failures: [QueueJob<Payload>, Error][] = []
    q.onFailed((j, error) => failures.push([j, error]))
    q.process(async (j) => {
      starts.push(Date.now())
      attempts.push(j.attempt)
      throw new Error(`boom ${j.attempt}`)
    })
    await q.add(job('flaky', 5, { attempts: 3, backoffMs: 100 }))
    await waitFor(() => failures.length === 1)
    await sleep(200)
    expect(attempts).toEqual([1, 2, 3])
    const [first, second] = gaps(starts)
    expect(first).toBeGreaterThanOrEqual(100 - SLACK_MS)
    expect(second).toBeGreaterThanOrEqual(200 - SLACK_MS)
    expect(failures).toHaveLength(1)
    expect(failures[0]?.[0]).toMatchObject({
      id: 'flaky',
      name: 'work',
      data: { n: 5 },
      attempt: 3,
    })
    expect(failures[0]?.[1].message).toBe('boom 3')
    expect(await q.counts()).toMatchObject({ failed: 1, waiting: 0, delayed: 0, active: 0 })
    expect(await q.add(job('flaky'))).toBe(false)
  })

  it('stops retrying once an attempt succeeds', async () => {
    const q = setup().open()
    const attempts: number[] = []
    const failures: string[] = []
    q.onFailed((j) => failures.push(j.id))
    q.process(async (j) => {
      attempts.push(j.attempt)
      if (j.attempt === 1) throw new Error('once')
    })
    await q.add(job('mends', 0, { attempts: 4, backoffMs: 50 }))
    await waitFor(() => attempts.length === 2)
    await sleep(250)
    expect(attempts).toEqual([1, 2])
    expect(failures).toEqual([])
  })

  it('fails a PermanentJobError at once, whatever the attempts left', async () => {
    const q = setup().open()
    let calls = 0
    const failures: Error[] = []
    q.onFailed((_j, error) => failures.push(error))
    q.process(async () => {
      calls++
      throw new PermanentJobError('room is gone')
    })
    await q.add(job('doomed', 0, { attempts: 5, backoffMs: 10 }))
    await waitFor(() => failures.length === 1)
    await sleep(200)
    expect(calls).toBe(1)
    expect(failures[0]).toBeInstanceOf(PermanentJobError)
    expect(failures[0]?.message).toBe('room is gone')
  })

  it('logs a job that failed for good with its id, name and error', async () => {
    const lines: Record<string, unknown>[] = []
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>)
        done()
      },
    })
    const q = setup().open({ log: pino({ level: 'info' }, sink) })
    q.process(async () => {
      throw new Error('no network')
    })
    await q.add({ id: 'logged', name: 'send-brief', data: { n: 1 } })
    await waitFor(() => lines.some((line) => line.msg === 'job failed for good'))
    const line = lines.find((l) => l.msg === 'job failed for good')
    expect(line).toMatchObject({
      jobId: 'logged',
      jobName: 'send-brief',
      err: { message: 'no network' },
    })
  })

  it('runs one job at a time', async () => {
    const q = setup().open()
    let running = 0
    let most = 0
    let done = 0
    q.process(async () => {
      running++
      most = Math.max(most, running)
      await sleep(20)
      running--
      done++
    })
    await q.addBulk(Array.from({ length: 6 }, (_, n) => job(`serial-${n}`, n)))
    await waitFor(() => done === 6)
    expect(most).toBe(1)
  })

  it('keeps minGapMs between the starts of two jobs', async () => {
    const q = setup().open()
    const starts: number[] = []
    q.process(async () => void starts.push(Date.now()), { minGapMs: 150 })
    await q.addBulk(Array.from({ length: 5 }, (_, n) => job(`gap-${n}`, n)))
    await waitFor(() => starts.length === 5)
    for (const gap of gaps(starts)) expect(gap).toBeGreaterThanOrEqual(150 - SLACK_MS)
  })

  it('waits a random jitter after each job, at most jitterMs', async () => {
    const q = setup().open()
    const starts: number[] = []
    const ends: number[] = []
    q.process(
      async () => {
        starts.push(Date.now())
        await sleep(5)
        ends.push(Date.now())
      },
      { jitterMs: 80 },
    )
    await q.addBulk(Array.from({ length: 4 }, (_, n) => job(`jitter-${n}`, n)))
    await waitFor(() => starts.length === 4)
    // A start never comes before the previous job ended; the waits stay within the jitter (+ slack).
    for (let i = 1; i < starts.length; i++) {
      const rest = (starts[i] ?? 0) - (ends[i - 1] ?? 0)
      expect(rest).toBeGreaterThanOrEqual(0)
      expect(rest).toBeLessThan(80 + 250)
    }
  })

  it('pause stops new jobs after the one in hand; resume carries on', async () => {
    const q = setup().open()
    const seen: string[] = []
    const first = gate()
    let firstDone = false
    q.process(async (j) => {
      seen.push(j.id)
      if (j.id === 'p1') {
        await first.wait
        firstDone = true
      }
    })
    await q.add(job('p1'))
    await waitFor(() => seen.length === 1)
    const pausing = q.pause()
    await sleep(50)
    await q.add(job('p2'))
    first.open()
    await pausing
    expect(firstDone).toBe(true)
    await sleep(300)
    expect(seen).toEqual(['p1'])
    expect(await q.counts()).toMatchObject({ waiting: 1, active: 0 })
    q.resume()
    await waitFor(() => seen.length === 2)
    expect(seen).toEqual(['p1', 'p2'])
  })

  it('a queue paused before process() takes nothing until resumed', async () => {
    const q = setup().open()
    const seen: string[] = []
    await q.pause()
    q.process(async (j) => void seen.push(j.id))
    await q.add(job('held'))
    await sleep(300)
    expect(seen).toEqual([])
    q.resume()
    await waitFor(() => seen.length === 1)
  })

  it('counts waiting, active, delayed and failed jobs', async () => {
    const q = setup().open()
    expect(await q.counts()).toEqual({ waiting: 0, active: 0, delayed: 0, failed: 0 })
    await q.addBulk([job('c1'), job('c2'), job('c3', 0, { delayMs: 60_000 })])
    expect(await q.counts()).toEqual({ waiting: 2, active: 0, delayed: 1, failed: 0 })
    const hold = gate()
    let started = 0
    q.process(async (j) => {
      started++
      if (j.id === 'c1') throw new PermanentJobError('bad')
      await hold.wait
    })
    try {
      await waitFor(async () => {
        const { active, failed } = await q.counts()
        return active === 1 && failed === 1
      })
      expect(await q.counts()).toEqual({ waiting: 0, active: 1, delayed: 1, failed: 1 })
    } finally {
      hold.open()
    }
    await waitFor(async () => (await q.counts()).active === 0)
    expect(await q.counts()).toEqual({ waiting: 0, active: 0, delayed: 1, failed: 1 })
    expect(started).toBe(2)
  })

  it('closes at once when idle', async () => {
    const q = setup().open()
    q.process(async () => {})
    await q.add(job('idle'))
    await sleep(100)
    const before = Date.now()
    await q.close()
    expect(Date.now() - before).toBeLessThan(2000)
  })

  it('closes a queue that never processed', async () => {
    const q = setup().open()
    await q.add(job('unprocessed'))
    await q.close()
  })

  it('close waits for the job in hand to finish, and takes no other', async () => {
    const hn = setup()
    const q = hn.open()
    const seen: string[] = []
    const hold = gate()
    q.process(async (j) => {
      seen.push(j.id)
      await hold.wait
    })
    await q.addBulk([job('h1'), job('h2')])
    await waitFor(() => seen.length === 1)
    let closed = false
    const closing = q.close().then(() => (closed = true))
    await sleep(100)
    expect(closed).toBe(false)
    hold.open()
    await closing
    expect(seen).toEqual(['h1'])
    // A new instance finds h1 done and h2 still waiting.
    const again = hn.open()
    expect(await again.add(job('h1'))).toBe(false)
    expect(await again.counts()).toMatchObject({ waiting: 1, active: 0 })
  })

  it('after a restart, a new instance runs the jobs left behind exactly once', async () => {
    const hn = setup()
    const before = hn.open()
    await before.addBulk(Array.from({ length: 5 }, (_, n) => job(`left-${n}`, n)))
    await before.add(job('left-later', 9, { delayMs: 200 }))
    await before.close()
    const after = hn.open()
    const seen: string[] = []
    after.process(async (j) => void seen.push(j.id))
    await waitFor(() => seen.length === 6)
    await sleep(200)
    expect(seen.sort()).toEqual(['left-0', 'left-1', 'left-2', 'left-3', 'left-4', 'left-later'])
  })

  it('adds 2,000 jobs with addBulk quickly', async () => {
    const q = setup().open()
    const jobs = Array.from({ length: 2000 }, (_, n) => job(`bulk-${n}`, n))
    const started = performance.now()
    expect(await q.addBulk(jobs)).toBe(2000)
    const elapsed = performance.now() - started
    expect(elapsed).toBeLessThan(2500) // a sanity bound; the bench measures
    expect(await q.addBulk(jobs.slice(0, 10))).toBe(0)
    expect(await q.counts()).toMatchObject({ waiting: 2000 })
  })
})

describe('bullmq queue across processes', () => {
  let h: Harness
  afterEach(async () => {
    openGates()
    await h.cleanup()
  })

  it('two workers on one prefix run each job once, keeping minGapMs across both', async () => {
    h = bullHarness()
    const a = h.open()
    const b = h.open()
    const starts: { id: string; at: number; by: string }[] = []
    const handler = (by: string) => async (j: QueueJob<Payload>) =>
      void starts.push({ id: j.id, at: Date.now(), by })
    a.process(handler('a'), { minGapMs: 100 })
    b.process(handler('b'), { minGapMs: 100 })
    const n = 12
    expect(await a.addBulk(Array.from({ length: n }, (_, i) => job(`shared-${i}`, i)))).toBe(n)
    await waitFor(() => starts.length === n, 10_000)
    await sleep(200)
    expect(new Set(starts.map((s) => s.id)).size).toBe(n)
    expect(starts).toHaveLength(n)
    for (const gap of gaps(starts.map((s) => s.at)))
      expect(gap).toBeGreaterThanOrEqual(100 - SLACK_MS)
  })

  it('waits while Redis is away, then adds and processes what came meanwhile', async () => {
    const proxy = await redisProxy(new URL(REDIS_URL))
    h = bullHarness()
    try {
      const q = h.open({ connection: `redis://127.0.0.1:${proxy.port}` })
      const seen: string[] = []
      q.process(async (j) => void seen.push(j.id))
      await q.add(job('before'))
      await waitFor(() => seen.length === 1)

      await proxy.stop()
      let added: boolean | undefined
      const adding = q.add(job('during')).then((result) => (added = result))
      await sleep(700)
      expect(added).toBeUndefined()

      await proxy.start()
      await adding
      expect(added).toBe(true)
      await waitFor(() => seen.length === 2, 10_000)
      expect(seen).toEqual(['before', 'during'])
    } finally {
      await h.cleanup()
      await proxy.stop()
    }
  })
})

describe('embedded queue with fake timers', () => {
  let db: Db
  const queues: JobQueue<Payload>[] = []
  const open = (options: { retentionMs?: number; idleCheckMs?: number } = {}) => {
    const q = createEmbeddedQueue<Payload>('fake', { db, log: silent, ...options })
    queues.push(q)
    return q
  }

  beforeAll(() => {
    vi.useFakeTimers({ now: Date.parse('2026-10-12T08:00:00+08:00') })
  })
  afterAll(() => {
    vi.useRealTimers()
  })
  afterEach(async () => {
    await Promise.all(queues.splice(0).map((q) => q.close()))
    closeDb(db)
  })
  const setup = () => (db = openDb(':memory:'))

  it('sleeps on one timer until the next job is due, never polling', async () => {
    setup()
    const q = open()
    const seen: string[] = []
    q.process(async (j) => void seen.push(j.id))
    expect(vi.getTimerCount()).toBe(0)
    await q.add(job('in-an-hour', 0, { delayMs: 3_600_000 }))
    expect(vi.getTimerCount()).toBe(1)
    await vi.advanceTimersByTimeAsync(3_599_000)
    expect(seen).toEqual([])
    await q.add(job('in-a-minute', 0, { delayMs: 60_000 }))
    expect(vi.getTimerCount()).toBe(1)
    await vi.advanceTimersByTimeAsync(1000)
    expect(seen).toEqual(['in-an-hour'])
    await vi.advanceTimersByTimeAsync(59_000)
    expect(seen).toEqual(['in-an-hour', 'in-a-minute'])
    expect(vi.getTimerCount()).toBe(0)
  })

  it('backs off 1×, 2×, 4× backoffMs between attempts', async () => {
    setup()
    const q = open()
    const starts: number[] = []
    q.process(async () => {
      starts.push(Date.now())
      throw new Error('down')
    })
    const t0 = Date.now()
    await q.add(job('backoff', 0, { attempts: 4, backoffMs: 1000 }))
    await vi.advanceTimersByTimeAsync(10_000)
    expect(starts.map((t) => t - t0)).toEqual([0, 1000, 3000, 7000])
    expect(await q.counts()).toMatchObject({ failed: 1 })
  })

  it('keeps minGapMs and the jitter rest exactly', async () => {
    setup()
    const q = open()
    const starts: number[] = []
    vi.spyOn(Math, 'random').mockReturnValue(0.5)
    q.process(async () => void starts.push(Date.now()), { minGapMs: 3000, jitterMs: 8000 })
    const t0 = Date.now()
    await q.addBulk([job('g1'), job('g2'), job('g3')])
    await vi.advanceTimersByTimeAsync(20_000)
    vi.mocked(Math.random).mockRestore()
    // The rest after each job (4 s) outlasts the 3 s gap.
    expect(starts.map((t) => t - t0)).toEqual([0, 4000, 8000])
  })

  it('hands a job left active by a stopped process back to waiting, without spending an attempt', async () => {
    setup()
    insertQueueJobs(
      db,
      'fake',
      [
        {
          id: 'orphan',
          name: 'work',
          data: { n: 1 },
          maxAttempts: 1,
          backoffMs: 10,
          runAt: Date.now(),
        },
      ],
      Date.now(),
    )
    expect(claimQueueJob(db, 'fake', Date.now())?.status).toBe('active') // the process that died
    const q = open()
    expect(await q.counts()).toMatchObject({ active: 1 })
    const seen: QueueJob<Payload>[] = []
    q.process(async (j) => void seen.push(j))
    await vi.advanceTimersByTimeAsync(10)
    expect(seen).toEqual([{ id: 'orphan', name: 'work', data: { n: 1 }, attempt: 1 }])
    expect(getQueueJob(db, 'fake', 'orphan')?.status).toBe('done')
  })

  it('fails a job that was active when the process stopped a second time', async () => {
    setup()
    insertQueueJobs(
      db,
      'fake',
      [
        {
          id: 'poison',
          name: 'work',
          data: { n: 1 },
          maxAttempts: 3,
          backoffMs: 10,
          runAt: Date.now(),
        },
      ],
      Date.now(),
    )
    claimQueueJob(db, 'fake', Date.now())
    db.$client.prepare("update queue_jobs set last_error = ? where id = 'poison'").run(HANDED_BACK)
    const q = open()
    const failures: string[] = []
    q.onFailed((j) => failures.push(j.id))
    const seen: string[] = []
    q.process(async (j) => void seen.push(j.id))
    await vi.advanceTimersByTimeAsync(100)
    expect(seen).toEqual([])
    expect(failures).toEqual(['poison'])
    expect(await q.counts()).toMatchObject({ failed: 1, active: 0 })
  })

  it('forgets done jobs past the retention, so their ids are new again', async () => {
    setup()
    const first = open({ retentionMs: 86_400_000 })
    const seen: string[] = []
    first.process(async (j) => void seen.push(j.id))
    await first.add(job('daily'))
    await vi.advanceTimersByTimeAsync(10)
    expect(await first.add(job('daily'))).toBe(false)
    await first.close()
    await vi.advanceTimersByTimeAsync(2 * 86_400_000)
    const next = open({ retentionMs: 86_400_000 })
    next.process(async (j) => void seen.push(j.id))
    expect(await next.add(job('daily'))).toBe(true)
    await vi.advanceTimersByTimeAsync(10)
    expect(seen).toEqual(['daily', 'daily'])
  })

  it('with idleCheckMs, finds a job another process added', async () => {
    setup()
    const runner = open({ idleCheckMs: 30_000 })
    const seen: string[] = []
    runner.process(async (j) => void seen.push(j.id))
    expect(vi.getTimerCount()).toBe(1)
    const cli = createEmbeddedQueue<Payload>('fake', { db, log: silent }) // as the CLI would
    await cli.add(job('from-cli'))
    await vi.advanceTimersByTimeAsync(29_000)
    expect(seen).toEqual([])
    await vi.advanceTimersByTimeAsync(1000)
    expect(seen).toEqual(['from-cli'])
  })

  it('an add from inside a handler waits for the job in hand', async () => {
    setup()
    const q = open()
    let running = 0
    let most = 0
    const seen: string[] = []
    q.process(async (j) => {
      running++
      most = Math.max(most, running)
      seen.push(j.id)
      if (j.id === 'parent') await q.add(job('child'))
      await sleep(50)
      running--
    })
    await q.add(job('parent'))
    await vi.advanceTimersByTimeAsync(100)
    expect(seen).toEqual(['parent', 'child'])
    expect(most).toBe(1)
  })
})
