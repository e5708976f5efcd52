import { Queue, QueueEvents } from 'bullmq'
import { randomUUID } from 'node:crypto'
import { Redis } from 'ioredis'
import {
  accountKeys,
  inboundQueueName,
  sendQueueName,
  type AccountHeartbeat,
  type GatewayEvent,
  type InboundJob,
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
  const inbound = new Queue<InboundJob>(inboundQueueName, { connection: redis, prefix })
  const sends = new Queue<SendJob, SendOutcome>(sendQueueName(account), {
    connection: redis,
    prefix,
  })
  const sendEvents = new QueueEvents(sendQueueName(account), {
    connection: { url: redisUrl },
    prefix,
  })

  /** The inbound jobs oldest first; of one millisecond, in the order the queue holds them. */
  const inboundInOrder = async () =>
    (await inbound.getJobs(['waiting', 'active', 'completed', 'failed'], 0, -1, true)).sort(
      (a, b) => a.timestamp - b.timestamp,
    )

  return {
    prefix,
    redis,

    async heartbeat(): Promise<AccountHeartbeat | undefined> {
      const json = await redis.get(accountKeys.heartbeat(prefix, account))
      return json ? (JSON.parse(json) as AccountHeartbeat) : undefined
    },

    /** What the gateway forwarded, in order, a batch's messages each as its own event. */
    async inboundEvents(): Promise<Array<{ id: string; data: GatewayEvent }>> {
      return (await inboundInOrder()).flatMap(
        ({ id, data }): Array<{ id: string; data: GatewayEvent }> =>
          data.kind === 'messages'
            ? data.inbounds.map((m) => ({
                id: id!,
                data: { kind: 'message' as const, account: data.account, inbound: m },
              }))
            : [{ id: id!, data }],
      )
    },

    /** The inbound queue's jobs as the gateway added them, oldest first. */
    async inboundJobs(): Promise<InboundJob[]> {
      return (await inboundInOrder()).map((job) => job.data)
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
