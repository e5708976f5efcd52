import { Queue, type JobsOptions } from 'bullmq'
import { createHash, randomUUID } from 'node:crypto'
import type { RoomSighting } from '../../db/rooms.js'
import type { Inbound } from '../../src/inbound.js'
import type { Logger } from '../../src/logger.js'
import { connect } from '../queue/bullmq-queue.js'
import { startHeartbeat, type AccountState } from './heartbeat.js'
import {
  accountKeys,
  inboundQueueName,
  type GatewayEvent,
  type InboundJob,
  type SendJob,
} from './protocol.js'
import { startSendWorker } from './send-worker.js'

export interface GatewayLinkSettings {
  minGapMs: number
  jitterMs: number
  heartbeatEveryMs: number
  heartbeatLapseMs: number
  /** Where the day of sentToday ends; default Asia/Shanghai. */
  timezone?: string
  /** close() waits this long for the send in hand and Redis, then disconnects anyway. Default 10 s. */
  closeTimeoutMs?: number
  /** Text messages forwarded within this long of the first go as one job. Default 5 ms. */
  forwardBatchMs?: number
}

export interface GatewayLinkOptions {
  account: string
  /** A redis:// URL. */
  connection: string
  prefix: string
  log: Logger
  now?: () => number
  settings: GatewayLinkSettings
  say: (job: SendJob) => Promise<'sent' | 'unreachable'>
  isThrottle: (error: unknown) => boolean
  state: () => AccountState
}

export interface GatewayLink {
  /**
   * Adds what the account saw to the inbound queue, in the order given; waits for Redis while
   * it is away. Text messages that come together go as one job (see InboundJob).
   */
  forward(event: GatewayEvent): Promise<void>
  /** Rewrites the account's rooms key and beats at once with its new version. */
  publishRooms(rooms: RoomSighting[]): Promise<void>
  /** Beats at once (a login or a logout). */
  beat(): Promise<void>
  close(): Promise<void>
}

const HOUR_S = 3600
/**
 * How long a forwarded job is kept after the core took it, so the same message forwarded again
 * (protocols deliver some twice) is one job. Photos are kept an hour only: their bytes are in
 * the job, and the core keeps each message id once anyway.
 */
const keepForwardedS = { text: 24 * HOUR_S, media: HOUR_S }
/** A job the core failed on is kept for a look, a photo's for a day only. */
const keepFailedS = { text: 7 * 24 * HOUR_S, media: 24 * HOUR_S }

/**
 * A message id as a BullMQ job id: BullMQ refuses ':' in ids. Every character outside
 * [A-Za-z0-9_.-] becomes ~hex~ ('~' included), so two ids never give the same job id.
 */
function jobIdPart(id: string): string {
  return id.replace(/[^A-Za-z0-9_.-]/gu, (c) => `~${c.codePointAt(0)!.toString(16)}~`)
}

/**
 * Whether the link sends an event with the text messages that come within forwardBatchMs of
 * it, rather than alone: a message that carries no photo.
 */
export function goesInBatch(event: GatewayEvent): event is GatewayEvent & { kind: 'message' } {
  return event.kind === 'message' && !event.media
}

/** Most text messages in one job: a burst's job stays small, and its transaction short. */
const batchMax = 200

function jobOptions(event: InboundJob): JobsOptions {
  if (event.kind === 'messages') {
    // The same batch added twice (a retried add) is one job; any other batch is its own.
    const ids = createHash('sha1')
      .update(event.inbounds.map((m) => m.id).join('\n'))
      .digest('base64url')
    return {
      jobId: `${event.account}-batch-${jobIdPart(ids)}`,
      removeOnComplete: { age: keepForwardedS.text },
      removeOnFail: { age: keepFailedS.text },
    }
  }
  if (event.kind !== 'message') {
    return {
      jobId: `${event.account}-${event.kind}-${randomUUID()}`,
      removeOnComplete: { age: keepForwardedS.text },
      removeOnFail: { age: keepFailedS.text },
    }
  }
  const kind = event.media ? 'media' : 'text'
  return {
    jobId: `${event.account}-${jobIdPart(event.inbound.id)}`,
    removeOnComplete: { age: keepForwardedS[kind] },
    removeOnFail: { age: keepFailedS[kind] },
  }
}

/**
 * A gateway's side of the Redis protocol (protocol.ts): it forwards what its account sees to
 * the inbound queue, keeps the account's heartbeat and rooms keys, and works its send queue at
 * the account's own rate. One Redis client carries it all; while Redis is away, ioredis keeps
 * the commands (maxRetriesPerRequest null) and BullMQ waits, so nothing forwarded is lost.
 * @example
 * const link = startGatewayLink({ account: 'a1', connection: 'redis://127.0.0.1:6379', prefix: 'redband', log, settings, say, isThrottle, state })
 * await link.forward({ kind: 'topic', account: 'a1', roomId, topic })
 */
export function startGatewayLink(options: GatewayLinkOptions): GatewayLink {
  const { account, prefix, settings } = options
  const now = options.now ?? Date.now
  const log = options.log.child({ account })
  const closeTimeoutMs = settings.closeTimeoutMs ?? 10_000
  const redis = connect(options.connection, `${prefix}:gateway:${account}`)
  redis.on('error', (error) => log.debug({ err: error }, 'Redis connection error'))
  const inbound = new Queue<InboundJob>(inboundQueueName, { connection: redis, prefix })
  inbound.on('error', (error) =>
    log.warn({ err: error }, 'inbound queue error (retried by itself)'),
  )
  const heartbeat = startHeartbeat({
    redis,
    prefix,
    account,
    everyMs: settings.heartbeatEveryMs,
    lapseMs: settings.heartbeatLapseMs,
    timezone: settings.timezone ?? 'Asia/Shanghai',
    now,
    log,
    state: options.state,
    paceMs: settings.minGapMs + settings.jitterMs / 2,
  })
  const worker = startSendWorker({
    redis,
    prefix,
    account,
    log,
    minGapMs: settings.minGapMs,
    jitterMs: settings.jitterMs,
    say: options.say,
    isThrottle: options.isThrottle,
    loggedIn: () => options.state().loggedInSince !== null,
    onSent: () => heartbeat.sent(),
    onThrottled: () => heartbeat.throttled(),
  })
  const inFlight = new Set<Promise<unknown>>()
  let closing: Promise<void> | undefined
  const batchMs = settings.forwardBatchMs ?? 5
  /** Text messages waiting to go as one job, and the promise each of their forwards waits on. */
  let batch:
    | { inbounds: Inbound[]; settle: (added: Promise<unknown>) => void; added: Promise<void> }
    | undefined
  let batchTimer: ReturnType<typeof setTimeout> | undefined

  /** Runs a write, and lets close() wait for it. */
  function tracked<T>(write: Promise<T>): Promise<T> {
    inFlight.add(write)
    void write.finally(() => inFlight.delete(write)).catch(() => {})
    return write
  }

  function add(job: InboundJob): Promise<unknown> {
    return tracked(inbound.add(job.kind, job, jobOptions(job)))
  }

  /** Adds the waiting text messages: alone as a message job, together as a batch. */
  function addBatch(): void {
    clearTimeout(batchTimer)
    batchTimer = undefined
    const ready = batch
    batch = undefined
    if (!ready) return
    const [only] = ready.inbounds
    ready.settle(
      ready.inbounds.length === 1
        ? add({ kind: 'message', account, inbound: only! })
        : add({ kind: 'messages', account, inbounds: ready.inbounds }),
    )
  }

  function joinBatch(inbound: Inbound): Promise<void> {
    if (!batch) {
      let settle!: (added: Promise<unknown>) => void
      const added = new Promise<void>((resolve, reject) => {
        settle = (job) => job.then(() => resolve(), reject)
      })
      batch = { inbounds: [], settle, added }
      batchTimer = setTimeout(addBatch, batchMs)
    }
    const joined = batch
    // WeChat delivering a message twice in one burst: it goes once.
    if (joined.inbounds.some((m) => m.id === inbound.id)) return joined.added
    joined.inbounds.push(inbound)
    if (joined.inbounds.length >= batchMax) addBatch()
    return joined.added
  }

  async function stopWorker(): Promise<void> {
    let timer: ReturnType<typeof setTimeout> | undefined
    const timedOut = new Promise<true>(
      (resolve) => (timer = setTimeout(resolve, closeTimeoutMs, true)),
    )
    const graceful = worker.close().then(() => false)
    try {
      if (await Promise.race([graceful, timedOut])) {
        // The send in hand hangs (or Redis is away): it stays active; the core, which saw the
        // heartbeat go, does not send it again (it was taken) nor wait for it.
        log.warn({ closeTimeoutMs }, 'the send in hand did not finish in time; disconnecting')
        graceful.catch(() => {})
        void worker.close(true).catch(() => {})
      }
    } finally {
      clearTimeout(timer)
    }
  }

  return {
    async forward(event) {
      if (closing) throw new Error(`gateway ${account} is closed: nothing more is forwarded`)
      if (goesInBatch(event)) return joinBatch(event.inbound)
      // What came before is added first: the core takes events in the order they came.
      addBatch()
      await add(event)
    },

    async publishRooms(rooms) {
      const json = JSON.stringify(rooms)
      await tracked(redis.set(accountKeys.rooms(prefix, account), json))
      // Written first, then announced: a core that sees the new version finds the new rooms.
      const version = createHash('sha1').update(json).digest('base64url').slice(0, 16)
      heartbeat.roomsChanged(version, rooms.length)
      await heartbeat.beat()
    },

    beat: () => heartbeat.beat(),

    close() {
      closing ??= (async () => {
        // Said first: the core stops routing here at once and gives back what this account has
        // not taken, while the send in hand (if any) finishes; and it is said even if the
        // process is stopped before the rest is done.
        await heartbeat.stop()
        addBatch()
        await stopWorker()
        await Promise.race([
          Promise.allSettled([...inFlight]),
          new Promise((resolve) => setTimeout(resolve, closeTimeoutMs).unref()),
        ])
        await inbound.close().catch(() => {})
        if (redis.status === 'ready') await redis.quit().catch(() => redis.disconnect())
        else redis.disconnect()
      })()
      return closing
    },
  }
}
