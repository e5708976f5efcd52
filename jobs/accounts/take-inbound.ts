import { Worker } from 'bullmq'
import type { Logger } from '../../src/logger.js'
import { inboundQueueName, type InboundJob } from './protocol.js'

export interface TakeInboundOptions {
  /** A redis:// URL. */
  connection: string
  prefix: string
  log: Logger
  /** Handles one event; a throw is logged and the event is not tried again. */
  handle: (event: InboundJob) => Promise<void>
}

/**
 * The core's side of the `inbound` queue: what every gateway saw, in the order the gateways
 * added them (the intake stores messages in that order). A handler that
 * fails is logged with the room and message, never retried: the intake has its own journal for
 * a locked store, and handling a message twice would answer it twice.
 */
export function takeInbound(options: TakeInboundOptions): { close(): Promise<void> } {
  const { log } = options
  const worker = new Worker<InboundJob>(
    inboundQueueName,
    async (job) => {
      try {
        await options.handle(job.data)
      } catch (error) {
        const event = job.data
        log.error(
          {
            err: error,
            account: event.account,
            kind: event.kind,
            ...(event.kind === 'message'
              ? {
                  roomId: event.inbound.roomId,
                  room: event.inbound.roomTopic,
                  msgId: event.inbound.id,
                }
              : {}),
            ...(event.kind === 'messages'
              ? { messages: event.inbounds.length, firstMsgId: event.inbounds[0]?.id }
              : {}),
          },
          'could not handle what a gateway forwarded',
        )
      }
    },
    {
      connection: { url: options.connection, maxRetriesPerRequest: null },
      prefix: options.prefix,
      // Taken in the order the gateways added them; the intake stores them in the order it is
      // handed them and handles each while the next is fetched, as the plugin does with
      // Wechaty's messages. One at a time, a Redis round trip per message caps the rate.
      concurrency: 64,
      runRetryDelay: 2000,
      // A core killed with jobs in hand: another (or the restarted one) takes them again once
      // their lock runs out, found by a check every stalledInterval. A job is handled in
      // milliseconds, so 10 s locks cost nothing and bring a burst back within ~20 s, not a
      // minute (BullMQ's 30 s defaults). Handled twice, a message is stored and answered once.
      lockDuration: 10_000,
      stalledInterval: 5_000,
    },
  )
  worker.on('error', (error) => log.warn({ err: error }, 'inbound: worker error'))
  return { close: () => worker.close() }
}
