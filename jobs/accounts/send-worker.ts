import { Worker, type Job } from 'bullmq'
import type { Redis } from 'ioredis'
import { setTimeout as sleep } from 'node:timers/promises'
import type { Logger } from '../../src/logger.js'
import {
  accountKeys,
  sendQueueName,
  takeRouteScript,
  type SendJob,
  type SendOutcome,
} from './protocol.js'

export interface SendWorkerOptions {
  redis: Redis
  prefix: string
  account: string
  log: Logger
  /** The account's own safe rate: this gap, plus a random extra up to jitterMs, between sends. */
  minGapMs: number
  jitterMs: number
  say: (job: SendJob) => Promise<'sent' | 'unreachable'>
  isThrottle: (error: unknown) => boolean
  /** Whether the account is logged in now: a job is not taken while it is not. */
  loggedIn: () => boolean
  onSent: () => void
  onThrottled: () => void
}

/**
 * The worker of the account's send queue, one job at a time. A job speaks only if its route is
 * still its own in Redis (taken atomically, so the core cannot hand it to another account
 * meanwhile, and a route whose time ran out cannot be taken); its return value is the
 * SendOutcome. Any error other than a
 * throttle fails the job, and the core reads its failedReason.
 */
export function startSendWorker(options: SendWorkerOptions): Worker<SendJob, SendOutcome> {
  const { redis, prefix, log } = options
  /** Not before this moment may the next job speak (real time: it paces the real WeChat). */
  let nextAt = 0

  async function send(job: Job<SendJob, SendOutcome>): Promise<SendOutcome> {
    const wait = nextAt - Date.now()
    if (wait > 0) await sleep(wait)
    const data = job.data
    // Failed before the route is taken: the core can still revoke it and give it elsewhere.
    if (!options.loggedIn()) throw new Error('the account is logged out; not sent')
    const took = await redis.eval(
      takeRouteScript,
      1,
      accountKeys.route(prefix, data.key),
      data.route,
    )
    if (took !== 1) return 'superseded'
    try {
      const outcome = await options.say(data)
      if (outcome === 'sent') options.onSent()
      return outcome
    } catch (error) {
      if (!options.isThrottle(error))
        throw error instanceof Error ? error : new Error(String(error))
      options.onThrottled()
      log.warn(
        { err: error, key: data.key, roomId: data.roomId },
        'WeChat refused a send as too frequent',
      )
      return 'throttled'
    } finally {
      nextAt = Date.now() + options.minGapMs + Math.random() * options.jitterMs
    }
  }

  const worker = new Worker<SendJob, SendOutcome>(sendQueueName(options.account), send, {
    connection: redis,
    prefix,
    concurrency: 1,
    // After a Redis blip cut a fetch short, look again in 2 s rather than BullMQ's 15.
    runRetryDelay: 2000,
  })
  worker.on('error', (error) => log.warn({ err: error }, 'send worker error (retried by itself)'))
  worker.on('failed', (job, error) =>
    log.error({ err: error, key: job?.data.key, roomId: job?.data.roomId }, 'send failed'),
  )
  return worker
}
