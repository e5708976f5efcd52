import type { Logger } from '../../src/logger.js'
import { isBusy, retryBusy } from '../../db/busy.js'
import type { Db } from '../../db/client.js'
import {
  claimQueueJob,
  completeQueueJob,
  countQueueJobs,
  failQueueJob,
  handBackActiveQueueJobs,
  insertQueueJobs,
  nextQueueJobRunAt,
  postponeQueueJob,
  purgeQueueJobs,
  retryQueueJob,
  type QueueJobInsert,
  type QueueJobRow,
} from '../../db/queue-jobs.js'
import { failedJobs } from './failed-jobs.js'
import {
  PermanentJobError,
  assertJobId,
  type JobHandler,
  type JobQueue,
  type NewJob,
  type ProcessOptions,
  type QueueJob,
} from './queue.js'

export interface EmbeddedQueueOptions {
  db: Db
  log: Logger
  /** The clock, epoch ms; Date.now by default (vitest fake timers drive both). */
  now?: () => number
  /** How long a done job is kept, so adding its id again stays a no-op. Default 7 days. */
  retentionMs?: number
  /** How long a job that failed for good is kept. Default 30 days. */
  failedRetentionMs?: number
  /**
   * Look at the store at least this often even when nothing is due, to find jobs another
   * process added to the same file. Off by default: adds in this process wake the runner.
   */
  idleCheckMs?: number
}

const DAY_MS = 86_400_000
const HOUR_MS = 3_600_000
/** After a store error the runner looks again this much later. */
const RETRY_AFTER_ERROR_MS = 1000
/** After finding the store locked by another writer (ingest, a backup), about this much later. */
const RETRY_AFTER_BUSY_MS = 50

/**
 * The queue for one machine without Redis: jobs live in SQLite (queue_jobs) and run in this
 * process, one at a time. No polling: it sleeps until the next job is due (a setTimeout) or a
 * job is added.
 *
 * The queue should be processed by one process at a time. A job that was active when the
 * process stopped goes back to waiting when process() is next called, without counting the
 * attempt (at-least-once); if it was active again when the process stopped a second time it
 * fails for good. Adding works from any process sharing the file; the runner finds such a job
 * when it next looks (after its current job, when its timer fires, or every idleCheckMs).
 * A store locked by another writer is waited out on timers: no job is lost or run twice for it.
 * @example
 * const queue = createEmbeddedQueue<Send>('outbox', { db, log })
 * queue.process(send, { minGapMs: 3000, jitterMs: 2000 })
 */
export function createEmbeddedQueue<T>(name: string, options: EmbeddedQueueOptions): JobQueue<T> {
  const { db } = options
  const now = options.now ?? (() => Date.now())
  const log = options.log.child({ queue: name })
  const retentionMs = options.retentionMs ?? 7 * DAY_MS
  const failedRetentionMs = options.failedRetentionMs ?? 30 * DAY_MS
  const idleCheckMs = options.idleCheckMs ?? Number.POSITIVE_INFINITY

  const failures = failedJobs<T>(log)
  let handler: JobHandler<T> | undefined
  let minGapMs = 0
  let jitterMs = 0
  let paused = false
  let closed = false
  let inHand: Promise<void> | undefined
  let timer: ReturnType<typeof setTimeout> | undefined
  let lastStartAt = Number.NEGATIVE_INFINITY
  /** The random rest after a job ends (jitter). */
  let restUntil = Number.NEGATIVE_INFINITY
  let lastPurgeAt = Number.NEGATIVE_INFINITY

  /** The queue's own writes, tried again while another writer holds the store (for up to ~30 s). */
  function whileLocked<R>(what: string, write: () => R): Promise<R> {
    return retryBusy(write, { log, what, tries: 40, baseMs: 10, maxMs: 1000 })
  }

  function clearTimer(): void {
    if (timer !== undefined) clearTimeout(timer)
    timer = undefined
  }

  /** Starts the next job if one is due and the gap has passed, else sleeps until it will be. */
  function wake(): void {
    clearTimer()
    if (!handler || paused || closed || inHand) return
    try {
      const due = nextQueueJobRunAt(db, name) ?? Number.POSITIVE_INFINITY
      const at = Math.max(due, lastStartAt + minGapMs, restUntil)
      const t = now()
      if (at > t) {
        // Sleep until then; with nothing due, add() wakes us (or the idle check, when set).
        const sleepMs = Math.min(at - t, idleCheckMs)
        if (Number.isFinite(sleepMs)) timer = setTimeout(wake, sleepMs)
        return
      }
      const row = claimQueueJob(db, name, t)
      if (!row) {
        // Taken by another process between the two statements: look again shortly.
        timer = setTimeout(wake, RETRY_AFTER_ERROR_MS)
        return
      }
      lastStartAt = t
      const handle = handler
      // Marked in hand before the handler runs, so an add() from inside it cannot start a second job.
      inHand = Promise.resolve()
        .then(() => run(row, handle))
        .finally(() => {
          inHand = undefined
          wake()
        })
    } catch (error) {
      if (closed) return
      if (isBusy(error)) {
        log.debug('queue store locked by another writer; looking again shortly')
        timer = setTimeout(wake, RETRY_AFTER_BUSY_MS * (0.5 + Math.random()))
        return
      }
      log.error({ err: error }, 'queue store error; looking again shortly')
      timer = setTimeout(wake, RETRY_AFTER_ERROR_MS)
    }
  }

  async function run(row: QueueJobRow, handle: JobHandler<T>): Promise<void> {
    const job: QueueJob<T> = {
      id: row.id,
      name: row.name,
      data: row.data as T,
      attempt: row.attempts,
    }
    try {
      try {
        await handle(job)
      } catch (thrown) {
        await failed(row, job, thrown instanceof Error ? thrown : new Error(String(thrown)))
        return
      }
      await whileLocked('complete a job', () => completeQueueJob(db, name, row.id, now()))
      purge()
    } catch (error) {
      // The store failed after the handler ran: the row stays active and is handed back next start.
      log.error({ err: error, jobId: row.id, jobName: row.name }, 'queue store error after a job')
    } finally {
      if (jitterMs > 0) restUntil = now() + Math.random() * jitterMs
    }
  }

  async function failed(row: QueueJobRow, job: QueueJob<T>, error: Error): Promise<void> {
    const t = now()
    if (isBusy(error)) {
      // The store was locked under the handler (its jobs are idempotent): again soon, not an attempt.
      const runAt = t + RETRY_AFTER_BUSY_MS * (1 + Math.random())
      await whileLocked('postpone a job', () => postponeQueueJob(db, name, row.id, runAt, t))
      log.debug({ jobId: row.id, jobName: row.name }, 'job found the store locked; runs again soon')
      return
    }
    if (!(error instanceof PermanentJobError) && row.attempts < row.maxAttempts) {
      const delay = row.backoffMs * 2 ** (row.attempts - 1)
      await whileLocked('retry a job', () =>
        retryQueueJob(db, name, row.id, t + delay, error.message, t),
      )
      log.warn(
        { jobId: row.id, jobName: row.name, attempt: row.attempts, err: error },
        'job failed, will retry',
      )
      return
    }
    await whileLocked('fail a job', () => failQueueJob(db, name, row.id, error.message, t))
    failures.report(job, error)
  }

  /** Forgets finished jobs past their retention, at most once an hour; a locked store, next time. */
  function purge(): void {
    const t = now()
    if (t - lastPurgeAt < HOUR_MS) return
    try {
      purgeQueueJobs(db, name, 'done', t - retentionMs)
      purgeQueueJobs(db, name, 'failed', t - failedRetentionMs)
      lastPurgeAt = t
    } catch (error) {
      if (!isBusy(error)) throw error
    }
  }

  function toInsert(job: NewJob<T>, t: number): QueueJobInsert {
    assertJobId(job.id)
    return {
      id: job.id,
      name: job.name,
      data: job.data,
      maxAttempts: Math.max(1, job.options?.attempts ?? 1),
      backoffMs: job.options?.backoffMs ?? 1000,
      runAt: t + Math.max(0, job.options?.delayMs ?? 0),
    }
  }

  function insert(jobs: NewJob<T>[]): number {
    if (closed) throw new Error(`queue ${name} is closed`)
    const t = now()
    const added = insertQueueJobs(
      db,
      name,
      jobs.map((job) => toInsert(job, t)),
      t,
    )
    if (added > 0) wake()
    return added
  }

  return {
    name,

    async add(job) {
      return (await whileLocked('add a job', () => insert([job]))) === 1
    },

    async addBulk(jobs) {
      return whileLocked('add jobs', () => insert(jobs))
    },

    process(handle, processOptions: ProcessOptions = {}) {
      if (handler) throw new Error(`queue ${name}: process() was already called`)
      if (closed) throw new Error(`queue ${name} is closed`)
      const handBack = () => {
        const { handedBack, failed: stalled } = handBackActiveQueueJobs(db, name, now())
        if (handedBack > 0)
          log.warn({ handedBack }, 'jobs left active by a stopped process are waiting again')
        for (const row of stalled) {
          failures.report(
            { id: row.id, name: row.name, data: row.data as T, attempt: row.attempts },
            new Error(row.lastError ?? 'stopped twice'),
          )
        }
        purge()
      }
      try {
        handBack()
      } catch (error) {
        if (!isBusy(error)) throw error
        // Another writer holds the store: hand back once it lets go; nothing runs before.
        inHand = whileLocked('hand back active jobs', handBack)
          .catch((failure: unknown) =>
            log.error({ err: failure }, 'could not hand back active jobs; they wait for a restart'),
          )
          .finally(() => {
            inHand = undefined
            wake()
          })
      }
      handler = handle
      minGapMs = Math.max(0, processOptions.minGapMs ?? 0)
      jitterMs = Math.max(0, processOptions.jitterMs ?? 0)
      wake()
    },

    setConcurrency(turns) {
      if (turns > 1)
        throw new Error(
          `queue ${name}: the embedded runner runs one job at a time; set REDIS_URL to run ${turns}`,
        )
    },

    async pause() {
      paused = true
      clearTimer()
      await inHand
    },

    resume() {
      paused = false
      wake()
    },

    async counts() {
      const { waiting, active, delayed, failed } = countQueueJobs(db, name, now())
      return { waiting, active, delayed, failed }
    },

    onFailed(listener) {
      failures.listen(listener)
    },

    onConnection() {
      // In the store with everything else: nothing to lose.
    },

    async close() {
      closed = true
      clearTimer()
      await inHand
    },
  }
}
