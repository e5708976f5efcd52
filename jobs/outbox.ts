import type { Logger } from '../src/logger.js'
import type { Db } from '../db/client.js'
import {
  claimOutbox,
  firstUntried,
  finishOutbox,
  getOutbox,
  handBackSending,
  insertOutbox,
  pendingOutboxKeys,
  sentToRoomOn,
  type OutboxRow,
} from '../db/outbox.js'
import { localDay } from '../src/time/zoned.js'
import type { JobQueue, QueueCounts, QueueJob } from './queue/queue.js'

/** A message to send. The key is deterministic: the same logical message always has the same key. */
export interface OutboxItem {
  key: string
  roomTopic: string
  /** The room's id when known (replies); scheduled sends find the room by topic. */
  roomId?: string
  text: string
  mentionIds?: string[]
  /** A file to send (an export, a chart) instead of text; text is then its caption for logs. */
  filePath?: string
  /** The moment the message is meant for; default now. */
  dueAt?: number
}

export interface OutboxSettings {
  /** Minimum gap between two sends from the account. */
  minGapMs: number
  /** Random extra wait after each send, up to this. */
  jitterMs: number
  /** At most this many messages a room a local day. */
  roomDailyCap: number
  /** A message whose moment has passed by more than this is dropped, not sent late. */
  staleAfterMs: number
  /** Tries per message, the first included. */
  attempts: number
  /** Backoff before the first retry; doubles each time. */
  backoffMs: number
  /** How often pending messages are handed to the queue again (it may have lost them with Redis). */
  sweepEveryMs: number
}

export const defaultOutboxSettings: OutboxSettings = {
  minGapMs: 2000,
  jitterMs: 1000,
  roomDailyCap: 100,
  staleAfterMs: 30 * 60_000,
  attempts: 5,
  backoffMs: 5000,
  sweepEveryMs: 60_000,
}

export interface OutboxJob {
  key: string
}

export interface OutboxDeps {
  db: Db
  queue: JobQueue<OutboxJob>
  log: Logger
  timezone: string
  now: () => number
  /** Puts the message into WeChat; throws when it could not. */
  deliver: (row: OutboxRow) => Promise<void>
  settings?: Partial<OutboxSettings>
}

/**
 * The one way out: every message the bot sends passes here. Rows in SQLite are the truth of
 * what is pending and sent; the queue (BullMQ or embedded) carries the work, one send at a time
 * with a gap, retries and backoff. While the bot is logged out the worker is paused and sends
 * wait; at login every pending row is queued again and a message whose moment has passed by more
 * than the staleness is dropped rather than sent late.
 *
 * Queue job ids are the row key plus the epoch of the login that queued them: a row can be
 * queued again after a logout, and duplicates are harmless because a row is taken for sending
 * only once (claimOutbox).
 */
export class Outbox {
  readonly settings: OutboxSettings
  private loggedIn = false
  private started = false
  private epoch = ''
  private sweepTimer?: ReturnType<typeof setInterval>
  /** Cuts the wait between sends short at close; the waiting row stays pending. */
  private readonly closing = new AbortController()
  /** When the next send may go out: the gap and jitter are kept here, in the one process logged in to WeChat. */
  private nextSendAt = 0

  constructor(private readonly deps: OutboxDeps) {
    this.settings = { ...defaultOutboxSettings, ...deps.settings }
  }

  /** Notes the messages and queues them; resolves to how many are pending (new or not yet sent). */
  async enqueue(items: OutboxItem[]): Promise<number> {
    const { db, now, timezone } = this.deps
    const at = now()
    const pending = insertOutbox(
      db,
      items.map((item) => {
        const dueAt = item.dueAt ?? at
        return {
          key: item.key,
          roomId: item.roomId ?? null,
          roomTopic: item.roomTopic,
          text: item.text,
          mentionIds: item.mentionIds ?? null,
          filePath: item.filePath ?? null,
          dueAt,
          day: localDay(dueAt, timezone),
          createdAt: at,
        }
      }),
    )
    if (this.started) await this.queueKeys(pending)
    return pending.length
  }

  /** Starts sending: hands back what a crash left half-sent, queues what is pending, sweeps periodically. */
  async start(): Promise<void> {
    const { db, queue, log } = this.deps
    const handedBack = handBackSending(db)
    if (handedBack > 0)
      log.warn({ handedBack }, 'outbox: messages left mid-send by a crash will be sent again')
    if (!this.loggedIn) await queue.pause()
    queue.process((job) => this.handle(job))
    this.started = true
    await this.requeue()
    this.sweepTimer = setInterval(() => void this.sweep(), this.settings.sweepEveryMs)
    this.sweepTimer.unref?.()
  }

  /** How much work waits in the queue, for #状态. */
  queueCounts(): Promise<QueueCounts> {
    return this.deps.queue.counts()
  }

  /** Login resumes sending (everything pending is queued again); logout pauses it. */
  setLoggedIn(loggedIn: boolean): void {
    if (loggedIn === this.loggedIn) return
    this.loggedIn = loggedIn
    if (!this.started) return
    if (loggedIn) {
      this.deps.queue.resume()
      void this.requeue()
    } else {
      void this.deps.queue.pause()
    }
  }

  async close(): Promise<void> {
    clearInterval(this.sweepTimer)
    this.started = false
    this.closing.abort()
    await this.deps.queue.close()
  }

  /** Queues every pending row under a new epoch: rows whose jobs ended while logged out come back. */
  private async requeue(): Promise<void> {
    this.epoch = this.deps.now().toString(36)
    await this.sweep()
  }

  /** Hands every pending row to the queue under the current epoch; ids dedupe, so only lost jobs come back. */
  async sweep(): Promise<void> {
    try {
      await this.queueKeys(pendingOutboxKeys(this.deps.db))
    } catch (error) {
      this.deps.log.warn({ err: error }, 'outbox: could not reach the queue; pending messages wait')
    }
  }

  private async queueKeys(keys: string[], suffix = this.epoch, delayMs = 0): Promise<void> {
    if (keys.length === 0) return
    await this.deps.queue.addBulk(
      keys.map((key) => ({
        // Queue ids must not hold ':' (BullMQ's separator); message ids from some protocols do.
        id: `${key.replaceAll(':', '_')}-${suffix}`,
        name: 'send',
        data: { key },
        options: { delayMs },
      })),
    )
  }

  /** Waits out the gap since the last send (or until close). */
  private async pace(): Promise<void> {
    const wait = this.nextSendAt - this.deps.now()
    if (wait <= 0) return
    const { signal } = this.closing
    await new Promise<void>((resolve) => {
      const stop = () => {
        clearTimeout(timer)
        resolve()
      }
      const timer = setTimeout(() => {
        signal.removeEventListener('abort', stop)
        resolve()
      }, wait)
      signal.addEventListener('abort', stop, { once: true })
    })
  }

  /**
   * A job is a turn to send one message: a retry sends its own row; otherwise the first untried
   * message goes, so messages keep their order even when jobs are queued again after a logout or
   * a restart. Every pending row has a job, and a turn whose row another worker took (or that
   * was dropped) passes to the next, so every row gets a turn.
   */
  private async handle(job: QueueJob<OutboxJob>): Promise<void> {
    const { db, now } = this.deps
    const own = getOutbox(db, job.data.key)
    if (!own) return
    await this.pace()
    let retry = own.status === 'pending' && own.attempts > 0
    for (;;) {
      // Logged out or closing: the rows stay pending and are queued again at login or start.
      if (!this.loggedIn || this.closing.signal.aborted) return
      const row = retry ? getOutbox(db, own.key) : firstUntried(db)
      retry = false
      if (!row || row.status !== 'pending') return
      if (this.dropped(row)) continue
      if (!claimOutbox(db, row.key)) continue
      try {
        await this.send(row)
      } finally {
        this.nextSendAt = now() + this.settings.minGapMs + Math.random() * this.settings.jitterMs
      }
      return
    }
  }

  /** Drops a message whose moment has passed or whose room has had its fill today. */
  private dropped(row: OutboxRow): boolean {
    const { db, log, now } = this.deps
    const late = now() - row.dueAt
    if (late > this.settings.staleAfterMs) {
      finishOutbox(db, row.key, {
        status: 'dropped',
        error: `stale by ${Math.round(late / 1000)} s`,
      })
      log.warn(
        { key: row.key, room: row.roomTopic, lateMs: late, text: row.text.slice(0, 80) },
        'outbox: dropped, its moment has passed',
      )
      return true
    }
    if (sentToRoomOn(db, row.roomTopic, row.day) >= this.settings.roomDailyCap) {
      finishOutbox(db, row.key, { status: 'dropped', error: 'room daily cap reached' })
      log.error(
        {
          key: row.key,
          room: row.roomTopic,
          cap: this.settings.roomDailyCap,
          text: row.text.slice(0, 80),
        },
        'outbox: dropped, room daily cap reached',
      )
      return true
    }
    return false
  }

  /**
   * Delivers a claimed row. A failure goes back to pending with a retry job of its own, after a
   * backoff that doubles each time; the last attempt fails for good with a log line. Retries are
   * the outbox's, not the queue's, because the job that failed may have been another row's turn.
   */
  private async send(row: OutboxRow): Promise<void> {
    const { db, log, now, deliver } = this.deps
    const itemLog = log.child({ key: row.key, room: row.roomTopic })
    const attempt = row.attempts + 1
    try {
      await deliver(row)
    } catch (error) {
      const final = attempt >= this.settings.attempts
      finishOutbox(db, row.key, {
        status: final ? 'failed' : 'pending',
        error: (error as Error).message,
      })
      if (final) {
        itemLog.error(
          { err: error, attempts: attempt, text: row.text },
          'outbox: message failed for good and was not sent',
        )
        return
      }
      const delayMs = this.settings.backoffMs * 2 ** (attempt - 1)
      itemLog.warn({ err: error, attempt, retryInMs: delayMs }, 'outbox: send failed, will retry')
      await this.queueKeys([row.key], `retry${attempt}`, delayMs)
      return
    }
    finishOutbox(db, row.key, { status: 'sent', at: now() })
    itemLog.debug('outbox: sent')
  }
}
