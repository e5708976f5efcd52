import { randomBytes } from 'node:crypto'
import { Redis } from 'ioredis'
import { createLogger } from '../../bot/logger.js'
import type { Logger } from '../../src/logger.js'
import { closeDb, openDb, type Db } from '../../db/client.js'
import { outboxStatusCounts, type NewOutboxRow, type OutboxRow } from '../../db/outbox.js'
import type { OutboxSettings } from '../../jobs/outbox.js'
import { createJobs, type Jobs } from '../../jobs/start-jobs.js'
import type { Schedule } from '../../src/schedule/schedule.js'
import { localDay } from '../../src/time/zoned.js'
import { loadTemplates } from '../../templates/load-templates.js'
import { bindRosterRooms } from '../helpers/bound-rooms.js'
import { exampleRoster } from '../helpers/fixtures.js'

/** Shared pieces of the fault tests: Redis prefixes, waiting, a movable clock, a bot's jobs. */

export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379'
export const roster = exampleRoster()
export const templates = loadTemplates()

/** A key prefix of its own for one test, so tests never see each other's jobs. */
export function testPrefix(): string {
  return `rbfault-${randomBytes(5).toString('hex')}`
}

/** Deletes every key under a prefix: what a Redis that keeps nothing on disk has after a restart. */
export async function deleteRedisKeys(prefix: string): Promise<number> {
  const admin = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 })
  try {
    let deleted = 0
    let cursor = '0'
    do {
      const [next, keys] = await admin.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000)
      cursor = next
      if (keys.length > 0) deleted += await admin.del(...keys)
    } while (cursor !== '0')
    return deleted
  } finally {
    await admin.quit()
  }
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

/** Polls `check` until it holds; the error names what was awaited and, if given, the state then. */
export async function waitFor(
  what: string,
  check: () => boolean | Promise<boolean>,
  options: { timeoutMs?: number; state?: () => string } = {},
): Promise<void> {
  const timeoutMs = options.timeoutMs ?? 10_000
  const until = Date.now() + timeoutMs
  while (!(await check())) {
    if (Date.now() > until) {
      const state = options.state ? `\n${options.state()}` : ''
      throw new Error(`${what}: not within ${timeoutMs} ms${state}`)
    }
    await sleep(5)
  }
}

/** A clock for the bot that runs with real time from a chosen instant and can be moved. */
export function movableClock(at: number): { now: () => number; set(at: number): void } {
  let offset = at - Date.now()
  return {
    now: () => Date.now() + offset,
    set(next) {
      offset = next - Date.now()
    },
  }
}

/** Outbox rows of one bulletin split in `parts` parts to `rooms` rooms, room by room, parts in order. */
export function bulletinFanOut(rooms: number, parts: number, at: number): NewOutboxRow[] {
  const rows: NewOutboxRow[] = []
  for (let r = 0; r < rooms; r++) {
    for (let p = 1; p <= parts; p++) {
      rows.push({
        key: `bulletin-2026-10-12-room${r}-part${p}`,
        roomId: null,
        roomTopic: `联络群${r}`,
        text: `工作情况通报（${p}/${parts}）`,
        mentionIds: null,
        filePath: null,
        dueAt: at,
        day: localDay(at, roster.timezone),
        createdAt: at,
      })
    }
  }
  return rows
}

/** Outbox rows by status, with zeros, for assertions and waiting. */
export function statusCounts(db: Db): { pending: number; sending: number; sent: number } {
  const counts = outboxStatusCounts(db)
  return { pending: counts.pending ?? 0, sending: counts.sending ?? 0, sent: counts.sent ?? 0 }
}

/** What a crash-test child (child-jobs.ts) is told to do, in its `go` message. */
export interface ChildSettings {
  dbFile: string
  /** The file that stands for WeChat: one JSON line a message taken. */
  wechatFile: string
  /** BullMQ on this Redis and prefix; the embedded queue without. */
  redisUrl?: string
  queuePrefix?: string
  gapMs: number
  /** How long WeChat takes to answer after it took a message. */
  ackMs?: number
  /** The n-th send of the process hangs before WeChat takes it. */
  hangBefore?: number
  /** The n-th send of the process hangs after WeChat took it, before the store notes it. */
  hangAfter?: number
  logLevel?: string
}

/** What the fake WeChat received in this process. */
export interface Received {
  key: string
  topic: string
  text: string
  at: number
}

export interface FaultJobsOptions {
  dbFile: string
  received: Received[]
  now: () => number
  schedule?: Schedule
  redisUrl?: string
  queuePrefix?: string
  outbox?: Partial<OutboxSettings>
  log?: Logger
  /** Runs before a message is taken by WeChat (a test holds a send here). */
  beforeDeliver?: (row: OutboxRow) => Promise<void>
  /** Whether to await start(); false hands the start back unawaited (Redis down at start). */
  awaitStart?: boolean
  /** How long Redis may be away before the command rooms are told. */
  tellRedisLostAfterMs?: number
}

export interface FaultJobs {
  jobs: Jobs
  db: Db
  started: Promise<void>
  close(): Promise<void>
}

/** The jobs of one bot process, logged in, delivering into `received`; no schedule unless given. */
export async function startFaultJobs(options: FaultJobsOptions): Promise<FaultJobs> {
  const db = openDb(options.dbFile)
  bindRosterRooms(db, roster)
  const jobs = createJobs({
    db,
    roster,
    templates,
    log: options.log ?? createLogger('silent'),
    schedule: options.schedule ?? { event: {} },
    redisUrl: options.redisUrl,
    queuePrefix: options.queuePrefix,
    now: options.now,
    outbox: { minGapMs: 50, jitterMs: 0, ...options.outbox },
    ...(options.tellRedisLostAfterMs ? { tellRedisLostAfterMs: options.tellRedisLostAfterMs } : {}),
    deliver: async (row) => {
      await options.beforeDeliver?.(row)
      options.received.push({ key: row.key, topic: row.roomTopic, text: row.text, at: Date.now() })
    },
  })
  jobs.outbox.setLoggedIn(true)
  const started = jobs.start()
  if (options.awaitStart !== false) await started
  return {
    jobs,
    db,
    started,
    async close() {
      await started
      await jobs.close()
      closeDb(db)
    },
  }
}

/** How many times each key was received, for the keys received more than once. */
export function doubled(keys: string[]): Record<string, number> {
  const times = new Map<string, number>()
  for (const key of keys) times.set(key, (times.get(key) ?? 0) + 1)
  return Object.fromEntries([...times].filter(([, n]) => n > 1))
}
