import { Queue, UnrecoverableError, Worker, type Job, type JobsOptions } from 'bullmq'
import { Redis, type RedisOptions } from 'ioredis'
import type { Logger } from '../../src/logger.js'
import { failedJobs } from './failed-jobs.js'
import {
  PermanentJobError,
  assertJobId,
  type JobHandler,
  type JobQueue,
  type NewJob,
  type ProcessOptions,
  type QueueCounts,
} from './queue.js'

export interface BullQueueOptions {
  /** A redis:// URL or ioredis options. maxRetriesPerRequest is always null (BullMQ needs it). */
  connection: string | RedisOptions
  /** Namespace of every key: `${prefix}:${name}:…`. Default 'redband'. */
  prefix?: string
  log: Logger
  /** How long a completed job is kept, so adding its id again stays a no-op. Default 7 days. */
  retentionMs?: number
  /** How long a job that failed for good is kept. Default 30 days. */
  failedRetentionMs?: number
  /** close() waits this long for the job in hand and Redis, then disconnects anyway. Default 10 s. */
  closeTimeoutMs?: number
}

const DAY_MS = 86_400_000
/** Set with HSETNX on a job's hash by the first add of its id: tells a new job from a known one. */
const ADDED_FIELD = 'redbandAdded'
/** The same connection error is logged at warn once a minute at most while Redis is away. */
const ERROR_LOG_EVERY_MS = 60_000

/**
 * The queue on BullMQ 6 and Redis: every process sharing the prefix shares the work, and
 * minGapMs holds across them (BullMQ's rate limiter lives in Redis).
 *
 * While Redis is away, add() and the worker wait (ioredis keeps the commands and reconnects)
 * and carry on when it is back; nothing is dropped. A job whose process died, or whose lock
 * lapsed during a long outage, is moved back to waiting by the stalled check (within
 * about 30 s) and runs again; a job that stalls twice fails for good.
 * @example
 * const queue = createBullQueue<Send>('outbox', { connection: 'redis://127.0.0.1:6379', log })
 * queue.process(send, { minGapMs: 3000, jitterMs: 2000 })
 */
export function createBullQueue<T>(name: string, options: BullQueueOptions): JobQueue<T> {
  if (name === '' || name.includes(':')) {
    throw new Error(`queue name ${JSON.stringify(name)} must not be empty or hold ':'`)
  }
  const prefix = options.prefix ?? 'redband'
  const log = options.log.child({ queue: name })
  const retentionS = Math.ceil((options.retentionMs ?? 7 * DAY_MS) / 1000)
  const failedRetentionS = Math.ceil((options.failedRetentionMs ?? 30 * DAY_MS) / 1000)
  const closeTimeoutMs = options.closeTimeoutMs ?? 10_000
  const logError = errorLogger(log)

  // One client for the queue (and our HSETNX); the worker duplicates it for its own two.
  const client = connect(options.connection, `${prefix}:${name}`)
  client.on('ready', () => logError.recovered())
  const queue = new Queue<unknown>(name, { connection: client, prefix })
  queue.on('error', (error) => logError(error, 'queue'))

  const failed = failedJobs<T>(log)
  let worker: Worker<unknown> | undefined
  let started = false
  let paused = false
  let concurrency = 1
  let closing: Promise<void> | undefined
  const stopJitter = new AbortController()

  function jobOptions(job: NewJob<T>): JobsOptions {
    assertJobId(job.id)
    const delay = job.options?.delayMs ?? 0
    return {
      jobId: job.id,
      ...(delay > 0 ? { delay } : {}),
      attempts: Math.max(1, job.options?.attempts ?? 1),
      backoff: { type: 'exponential', delay: job.options?.backoffMs ?? 1000 },
      removeOnComplete: { age: retentionS },
      removeOnFail: { age: failedRetentionS },
    }
  }

  /** One round trip: which of these ids were set by this add (1) rather than known before (0). */
  async function claim(ids: string[]): Promise<number> {
    const pipeline = client.pipeline()
    for (const id of ids) pipeline.hsetnx(queue.toKey(id), ADDED_FIELD, '1')
    const results = (await pipeline.exec()) ?? []
    let added = 0
    for (const [error, value] of results) {
      if (error) throw error
      if (value === 1) added++
    }
    return added
  }

  function onJobFailed(job: Job<unknown> | undefined, error: Error): void {
    if (!job?.id) return
    if (!job.finishedOn) {
      log.warn(
        { jobId: job.id, jobName: job.name, attempt: job.attemptsMade, err: error },
        'job failed, will retry',
      )
      return
    }
    const cause =
      error instanceof UnrecoverableError && error.cause instanceof Error ? error.cause : error
    failed.report(
      { id: job.id, name: job.name, data: job.data as T, attempt: job.attemptsMade },
      cause,
    )
  }

  return {
    name,

    async add(job) {
      const opts = jobOptions(job)
      await queue.add(job.name, job.data, opts)
      return (await claim([job.id])) === 1
    },

    async addBulk(jobs) {
      if (jobs.length === 0) return 0
      const entries = jobs.map((job) => ({
        name: job.name,
        data: job.data as unknown,
        opts: jobOptions(job),
      }))
      await queue.addBulk(entries)
      return claim(jobs.map((job) => job.id))
    },

    process(handler: JobHandler<T>, processOptions: ProcessOptions = {}) {
      if (worker) throw new Error(`queue ${name}: process() was already called`)
      if (closing) throw new Error(`queue ${name} is closed`)
      const minGapMs = processOptions.minGapMs ?? 0
      const jitterMs = processOptions.jitterMs ?? 0
      const processor = async (job: Job<unknown>): Promise<void> => {
        try {
          await handler({
            id: job.id ?? '',
            name: job.name,
            data: job.data as T,
            attempt: job.attemptsMade + 1,
          })
        } catch (error) {
          if (error instanceof PermanentJobError) {
            throw Object.assign(new UnrecoverableError(error.message), { cause: error })
          }
          throw error instanceof Error ? error : new Error(String(error))
        } finally {
          if (jitterMs > 0) await sleep(Math.random() * jitterMs, stopJitter.signal)
        }
      }
      worker = new Worker<unknown>(name, processor, {
        connection: client,
        prefix,
        concurrency,
        autorun: !paused,
        // After a Redis blip cut a fetch short, look again in 2 s rather than BullMQ's 15.
        runRetryDelay: 2000,
        ...(minGapMs > 0 ? { limiter: { max: 1, duration: minGapMs } } : {}),
      })
      started = !paused
      worker.on('error', (error) => logError(error, 'worker'))
      worker.on('failed', (job, error) => onJobFailed(job, error))
    },

    setConcurrency(turns) {
      concurrency = Math.max(1, Math.floor(turns))
      if (worker) worker.concurrency = concurrency
    },

    async pause() {
      paused = true
      if (worker) await worker.pause()
    },

    resume() {
      paused = false
      if (!worker || closing) return
      if (started) {
        void worker.resume()
      } else {
        started = true
        worker.run().catch((error: unknown) => logError(error, 'worker'))
      }
    },

    async counts(): Promise<QueueCounts> {
      const c = await queue.getJobCounts('wait', 'prioritized', 'active', 'delayed', 'failed')
      return {
        waiting: (c.wait ?? 0) + (c.prioritized ?? 0),
        active: c.active ?? 0,
        delayed: c.delayed ?? 0,
        failed: c.failed ?? 0,
      }
    },

    onFailed(listener) {
      failed.listen(listener)
    },

    onConnection(listener) {
      // 'close' comes once per lost connection (and again after each failed reconnect): only a
      // change is told. Start-up checked Redis, so a close before the first 'ready' is a loss too.
      let connected = true
      const tell = (now: boolean) => {
        if (now === connected) return
        connected = now
        listener(now)
      }
      client.on('ready', () => tell(true))
      client.on('close', () => tell(false))
    },

    close() {
      closing ??= (async () => {
        stopJitter.abort()
        // Waits for the job in hand; an unstarted worker closes at once.
        const graceful = (async () => {
          if (worker) await worker.close()
          await queue.close()
        })()
        let timer: ReturnType<typeof setTimeout> | undefined
        const timedOut = new Promise<true>(
          (resolve) => (timer = setTimeout(() => resolve(true), closeTimeoutMs)),
        )
        try {
          if ((await Promise.race([graceful.then(() => false), timedOut])) === true) {
            // Redis is away (or the job hangs): drop the connections; the job in hand, if any,
            // stays active in Redis and the stalled check hands it to a worker again.
            log.warn({ closeTimeoutMs }, 'queue did not close in time; disconnecting')
            graceful.catch(() => {})
            void worker?.close(true).catch(() => {})
            void worker?.disconnect().catch(() => {})
          }
        } finally {
          clearTimeout(timer)
          if (client.status === 'ready') await client.quit().catch(() => client.disconnect())
          else client.disconnect()
        }
      })()
      return closing
    },
  }
}

/** A client that waits for a lost Redis for ever (commands queue meanwhile), as BullMQ needs. */
export function connect(connection: string | RedisOptions, connectionName: string): Redis {
  const defaults: RedisOptions = {
    connectionName,
    // Retry for ever, at most every 5 s: the queue waits for Redis rather than failing.
    retryStrategy: (times: number) => Math.min(times * 200, 5000),
  }
  return typeof connection === 'string'
    ? new Redis(connection, { ...defaults, maxRetriesPerRequest: null })
    : new Redis({ ...defaults, ...connection, maxRetriesPerRequest: null })
}

interface ErrorLogger {
  (error: unknown, source: string): void
  recovered(): void
}

/** Logs connection trouble without a line per reconnect attempt, and says when it is over. */
function errorLogger(log: Logger): ErrorLogger {
  let last = ''
  let lastAt = 0
  let troubled = false
  const logError = (error: unknown, source: string) => {
    const message = error instanceof Error ? error.message : String(error)
    const now = Date.now()
    troubled = true
    if (message === last && now - lastAt < ERROR_LOG_EVERY_MS) {
      log.debug({ err: error, source }, 'queue error (repeated)')
      return
    }
    last = message
    lastAt = now
    log.warn(
      { err: error, source },
      'queue error (a lost connection is retried by itself; keys lost with Redis are re-queued from SQLite)',
    )
  }
  return Object.assign(logError, {
    recovered() {
      if (!troubled) return
      troubled = false
      last = ''
      log.info('queue connection to Redis is back')
    },
  })
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  if (signal.aborted || ms <= 0) return Promise.resolve()
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms)
    function done() {
      clearTimeout(timer)
      signal.removeEventListener('abort', done)
      resolve()
    }
    signal.addEventListener('abort', done, { once: true })
  })
}
