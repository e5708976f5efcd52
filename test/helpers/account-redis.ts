import { Queue, QueueEvents } from 'bullmq'
import { randomUUID } from 'node:crypto'
import { Redis } from 'ioredis'
import {
  accountKeys,
  inboundQueueName,
  sendQueueName,
  type AccountHeartbeat,
  type GatewayEvent,
  type SendJob,
  type SendOutcome,
} from '../../jobs/accounts/protocol.js'

export const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379'

/**
 * The core's side of one test's Redis, under a prefix of its own: reads what a gateway wrote
 * and gives it send jobs as the core would. close() deletes every key of the prefix.
 */
export function coreSide(account: string) {
  const prefix = `t-gw-${randomUUID()}`
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: null })
  const inbound = new Queue<GatewayEvent>(inboundQueueName, { connection: redis, prefix })
  const sends = new Queue<SendJob, SendOutcome>(sendQueueName(account), {
    connection: redis,
    prefix,
  })
  const sendEvents = new QueueEvents(sendQueueName(account), {
    connection: { url: redisUrl },
    prefix,
  })

  return {
    prefix,
    redis,

    async heartbeat(): Promise<AccountHeartbeat | undefined> {
      const json = await redis.get(accountKeys.heartbeat(prefix, account))
      return json ? (JSON.parse(json) as AccountHeartbeat) : undefined
    },

    /** Every inbound job's data, oldest first. */
    async inboundEvents(): Promise<Array<{ id: string; data: GatewayEvent }>> {
      const jobs = await inbound.getJobs(['waiting', 'active', 'completed', 'failed'])
      return jobs
        .sort((a, b) => a.timestamp - b.timestamp)
        .map((job) => ({ id: job.id!, data: job.data }))
    },

    /** A message routed to the account: its route set live (unless `live` is false), its outcome awaited. */
    async send(job: Partial<SendJob> & { roomId: string }, live = true): Promise<SendOutcome> {
      const full: SendJob = {
        key: `k-${randomUUID()}`,
        route: randomUUID(),
        text: 'hello',
        ...job,
      }
      if (live) await redis.set(accountKeys.route(prefix, full.key), full.route)
      await sendEvents.waitUntilReady()
      const added = await sends.add('send', full, { jobId: `${full.key}-${full.route}` })
      return added.waitUntilFinished(sendEvents, 15_000)
    },

    async close(): Promise<void> {
      await sendEvents.close()
      await sends.close()
      await inbound.close()
      const keys = await redis.keys(`${prefix}*`)
      if (keys.length > 0) await redis.del(...keys)
      await redis.quit()
    },
  }
}

export type CoreSide = ReturnType<typeof coreSide>
