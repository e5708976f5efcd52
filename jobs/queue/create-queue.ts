import type { Logger } from '../../src/logger.js'
import type { Db } from '../../db/client.js'
import { createBullQueue } from './bullmq-queue.js'
import { createEmbeddedQueue } from './embedded-queue.js'
import type { JobQueue } from './queue.js'

export interface QueueBackend {
  db: Db
  log: Logger
  /** BullMQ on this Redis when set; the embedded SQLite runner when not. */
  redisUrl?: string
  /** Redis key prefix (tests give each run its own). */
  prefix?: string
  now?: () => number
}

/** A queue on the configured backend. */
export function createQueue<T>(name: string, backend: QueueBackend): JobQueue<T> {
  if (backend.redisUrl) {
    return createBullQueue<T>(name, {
      connection: backend.redisUrl,
      prefix: backend.prefix,
      log: backend.log,
    })
  }
  return createEmbeddedQueue<T>(name, { db: backend.db, log: backend.log, now: backend.now })
}
