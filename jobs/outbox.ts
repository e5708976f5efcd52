import type { Logger } from '../src/logger.js'
import { retryBusy } from '../db/busy.js'
import type { Db } from '../db/client.js'
import {
  claimOutbox,
  firstUntried,
  finishOutbox,
  getOutbox,
  handBackSending,
  holdOutbox,
  insertOutbox,
  pendingOutboxKeys,
  repliesSentToRoomOn,
  roomRef,
  type OutboxLane,
  type OutboxRow,
} from '../db/outbox.js'
import type { ComposeSpec } from '../db/schema.js'
import { localDay } from '../src/time/zoned.js'
import type { Templates } from '../templates/load-templates.js'
import type { JobQueue, QueueCounts, QueueJob } from './queue/queue.js'
import { MaybeSentError } from './accounts/maybe-sent-error.js'
import { RoomUnreachableError } from './room-unreachable-error.js'
import { SendCancelledError } from './send-cancelled-error.js'
import { roomKey } from './tasks/task.js'

/** Sends noted inside a transaction and queued once it commits (Outbox.grouped). */
export interface GroupedSends {
  /** Notes the messages; resolves to how many are pending. */
  send(items: OutboxItem[]): Promise<number>
  /** Queues what was noted since the last flush: call it once the transaction committed. */
  flush(): Promise<void>
  /** Forgets what was noted since the last flush: the transaction was rolled back. */
  drop(): void
}

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
  /**
   * Which goes first, and what the daily cap limits: 'reply' (the default: receipts, answers to
   * commands), 'alert' (to operators and commanders), 'broadcast' (scheduled messages).
   */
  lane?: OutboxLane
  /**
   * Composed again just before it is sent (a chase lists the units missing at that moment);
   * `text` is what it said when queued.
   */
  compose?: ComposeSpec
}

/** A message composed at send time; null from a composer when there is nothing to say any more. */
export interface Composed {
  text: string
  mentionIds?: string[]
}

export interface OutboxSettings {
  /** Minimum gap between two sends from the account. */
  minGapMs: number
  /** Random extra wait after each send, up to this. */
  jitterMs: number
  /** At most this many replies to a room a local day (alerts and broadcasts are not limited). */
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
  templates: Templates
  /**
   * Puts the message into WeChat; throws when it could not, RoomUnreachableError when the room
   * cannot be found (the message is then held, not retried).
   */
  deliver: (row: OutboxRow) => Promise<void>
  /** Whether a message may still go to its room (it is still bound); default yes. */
  addressable?: (row: OutboxRow) => boolean
  /** Composes a message that has a compose spec, at send time; without it the queued text goes. */
  compose?: (row: OutboxRow) => Promise<Composed | null> | Composed | null
  /** A room could not be reached and its messages are held: told once per room and day. */
  onHeld?: (row: OutboxRow) => void | Promise<void>
  /**
   * A room whose messages were held took one again: `row` went out, `heldAs` is the room's
   * roomRef when it was held (a room found again under a new id keeps its held messages).
   */
  onReached?: (row: OutboxRow, heldAs: string) => void | Promise<void>
  settings?: Partial<OutboxSettings>
}

/** How a turn's try at one message ended: a message went out (or failed), or the turn goes on. */
type Outcome = 'spent' | 'passed'

/**
 * The one way out: every message the bot sends passes here. Rows in SQLite are the truth of
 * what is pending and sent; the queue (BullMQ or embedded) carries the work, one send at a time
 * with a gap, retries and backoff. While the bot is logged out the worker is paused and sends
 * wait; at login every pending row is queued again and a message whose moment has passed by more
 * than the staleness is dropped rather than sent late.
 *
 * Lanes: replies go before alerts, alerts before broadcasts, so a receipt goes out in the next
 * turn while a fan-out to hundreds of rooms is in progress. Only replies count toward the daily
 * cap (it guards against reply floods); the first reply over it tells the room once that day.
 *
 * A room that cannot be reached is held: its messages stay pending, spend no attempt and are
 * skipped (other rooms' messages flow) until the next sweep, login or retryHeld().
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
  /** Rooms found unreachable (by roomRef), skipped until they are tried again. */
  private readonly held = new Set<string>()
  /** The local day each held room was last reported on, so it is logged and reported once a day. */
  private readonly heldReported = new Map<string, string>()
  /**
   * Held messages (by key) and the room (by roomRef) each was held for, until a message reaches
   * that room: by then the room's id may have changed, and its held messages went with it.
   */
  private readonly heldRows = new Map<string, string>()

  constructor(private readonly deps: OutboxDeps) {
    this.settings = { ...defaultOutboxSettings, ...deps.settings }
  }

  /** Notes the messages and queues them; resolves to how many are pending (new or not yet sent). */
  async enqueue(items: OutboxItem[]): Promise<number> {
    const pending = this.note(items)
    if (this.started) await this.queueKeys(pending)
    return pending.length
  }

  /**
   * Sends for a group commit (bot/intake.ts): each is noted in the store at once, inside the
   * group's transaction, and queued only by `flush`, once that transaction has committed. (A
   * sweep meanwhile may queue one early: its job finds the row, or, rolled back, none.)
   */
  grouped(): GroupedSends {
    const keys: string[] = []
    return {
      send: async (items) => {
        const pending = this.note(items)
        keys.push(...pending)
        return pending.length
      },
      flush: async () => {
        const committed = keys.splice(0)
        if (this.started) await this.queueKeys(committed)
      },
      drop: () => void keys.splice(0),
    }
  }

  /**
   * Sends messages at once from this process, without the queue, for when its backend (Redis)
   * is away and the command rooms must hear of it. Noted in the store first like any message,
   * each waits out the gap; one that fails stays pending for the queue to carry once it is back.
   */
  async sendNow(items: OutboxItem[]): Promise<void> {
    const { db, now } = this.deps
    for (const key of this.note(items)) {
      if (!this.loggedIn || this.closing.signal.aborted) return
      await this.pace()
      const row = getOutbox(db, key)
      if (!row || !(await this.write('claim', () => claimOutbox(db, key)))) continue
      try {
        await this.send(row)
      } finally {
        this.nextSendAt = now() + this.settings.minGapMs + Math.random() * this.settings.jitterMs
      }
    }
  }

  /** Writes the messages into the store; returns the keys still pending (new or not yet sent). */
  private note(items: OutboxItem[]): string[] {
    const { db, now, timezone } = this.deps
    const at = now()
    return insertOutbox(
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
          lane: item.lane ?? 'reply',
          compose: item.compose ?? null,
        }
      }),
    )
  }

  /** Starts sending: hands back what a crash left half-sent, queues what is pending, sweeps periodically. */
  async start(): Promise<void> {
    const { db, queue, log } = this.deps
    const handedBack = await this.write('hand back', () => handBackSending(db))
    if (handedBack > 0)
      log.warn({ handedBack }, 'outbox: messages left mid-send by a crash will be sent again')
    if (!this.loggedIn) await queue.pause()
    queue.process((job) => this.handle(job))
    this.started = true
    await this.requeue()
    this.sweepTimer = setInterval(() => void this.sweep(), this.settings.sweepEveryMs)
    this.sweepTimer.unref?.()
  }

  /**
   * How many messages may be on their way at once: one per WeChat account when accounts pace
   * themselves (the core); one, paced here, when this process is logged in itself.
   */
  setTurns(turns: number): void {
    this.deps.queue.setConcurrency(turns)
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

  /**
   * Queues every pending row under a new epoch: rows whose jobs ended while logged out come back,
   * held rooms too, and rows given a new room (a room bound again) get a turn.
   */
  async requeue(): Promise<void> {
    this.epoch = this.deps.now().toString(36)
    this.held.clear()
    await this.sweep()
  }

  /**
   * Hands every pending row to the queue under the current epoch (ids dedupe, so only lost jobs
   * come back) and tries held rooms again.
   */
  async sweep(): Promise<void> {
    try {
      await this.retryHeld()
      await this.queueKeys(pendingOutboxKeys(this.deps.db))
    } catch (error) {
      this.deps.log.warn({ err: error }, 'outbox: could not reach the queue; pending messages wait')
    }
  }

  /** Tries the messages of unreachable rooms again (after a room was bound again, say). */
  async retryHeld(): Promise<void> {
    if (this.held.size === 0) return
    const rooms = [...this.held]
    // Released before their turns are queued, so a turn that starts at once can take them.
    this.held.clear()
    try {
      await this.queueKeys(
        pendingOutboxKeys(this.deps.db, rooms),
        `held${this.deps.now().toString(36)}`,
      )
    } catch (error) {
      for (const room of rooms) this.held.add(room)
      throw error
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

  /**
   * A write to the store that must not be lost to a lock held a moment by another writer (an
   * ingest, a backup): tried again on a timer. Losing the note that a message went out would
   * send it again at the next start.
   */
  private write<T>(what: string, fn: () => T): Promise<T> {
    return retryBusy(fn, { log: this.deps.log, what: `outbox ${what}`, tries: 10, maxMs: 1000 })
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
   * message goes (replies first, see firstUntried), so messages keep their order even when jobs
   * are queued again after a logout or a restart. Every pending row has a job, and a turn whose
   * row another worker took, was dropped, had nothing to say or was held passes to the next, so
   * every row gets a turn; a held row gets a new one when its room is tried again.
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
      const row = retry ? getOutbox(db, own.key) : firstUntried(db, [...this.held])
      retry = false
      // A retry whose room is held waits: it is queued again when the room is tried again.
      if (!row || row.status !== 'pending' || this.held.has(roomRef(row))) return
      if (await this.dropped(row)) continue
      if (!(await this.write('claim', () => claimOutbox(db, row.key)))) continue
      let outcome: Outcome = 'spent'
      try {
        outcome = await this.send(row)
      } finally {
        if (outcome === 'spent')
          this.nextSendAt = now() + this.settings.minGapMs + Math.random() * this.settings.jitterMs
      }
      if (outcome === 'spent') return
    }
  }

  /**
   * Drops a message whose moment has passed, one for a room no longer bound, or a reply to a
   * room that has had its fill of replies today (the room is told once that day, in the alert
   * lane).
   */
  private async dropped(row: OutboxRow): Promise<boolean> {
    const { db, log, now, addressable } = this.deps
    if (addressable && !addressable(row)) {
      await this.write('finish', () =>
        finishOutbox(db, row.key, { status: 'dropped', error: 'room no longer bound' }),
      )
      log.warn(
        { key: row.key, room: row.roomTopic, roomId: row.roomId, text: row.text.slice(0, 80) },
        'outbox: dropped, its room is no longer bound',
      )
      return true
    }
    const late = now() - row.dueAt
    if (late > this.settings.staleAfterMs) {
      await this.write('finish', () =>
        finishOutbox(db, row.key, {
          status: 'dropped',
          error: `stale by ${Math.round(late / 1000)} s`,
        }),
      )
      log.warn(
        { key: row.key, room: row.roomTopic, lateMs: late, text: row.text.slice(0, 80) },
        'outbox: dropped, its moment has passed',
      )
      return true
    }
    const cap = this.settings.roomDailyCap
    if (row.lane !== 'reply' || repliesSentToRoomOn(db, row, row.day) < cap) return false
    await this.write('finish', () =>
      finishOutbox(db, row.key, { status: 'dropped', error: 'room daily cap reached' }),
    )
    log.error(
      { key: row.key, room: row.roomTopic, cap, text: row.text.slice(0, 80) },
      'outbox: dropped, room daily cap reached',
    )
    await this.enqueue([
      {
        key: `cap-notice-${row.day}-${roomKey(roomRef(row))}`,
        roomTopic: row.roomTopic,
        ...(row.roomId ? { roomId: row.roomId } : {}),
        lane: 'alert',
        text: this.deps.templates.render('reply-cap', { cap }),
      },
    ])
    return true
  }

  /**
   * Composes (when the row says so) and delivers a claimed row. A failure goes back to pending
   * with a retry job of its own, after a backoff that doubles each time; the last attempt fails
   * for good with a log line. Retries are the outbox's, not the queue's, because the job that
   * failed may have been another row's turn. 'passed': nothing went to WeChat (nothing left to
   * say, or the room is held), so the turn goes on to the next message.
   */
  private async send(row: OutboxRow): Promise<Outcome> {
    const { db, log, now, deliver, compose } = this.deps
    const itemLog = log.child({ key: row.key, room: row.roomTopic })
    const attempt = row.attempts + 1
    let out = row
    try {
      if (row.compose && compose) {
        const composed = await compose(row)
        if (!composed) {
          await this.write('finish', () =>
            finishOutbox(db, row.key, { status: 'dropped', error: 'nothing left to say' }),
          )
          itemLog.info({ compose: row.compose.kind }, 'outbox: not sent, nothing left to say')
          return 'passed'
        }
        out = { ...row, text: composed.text, mentionIds: composed.mentionIds ?? null }
      }
      await deliver(out)
    } catch (error) {
      if (error instanceof RoomUnreachableError) {
        await this.hold(row, error)
        return 'passed'
      }
      if (error instanceof SendCancelledError) {
        // Back as it was before its claim; the turn ends here (the next would be cancelled too).
        await this.write('hand back', () => holdOutbox(db, row.key, error.message))
        itemLog.info('outbox: closing; the message waits for the next start')
        return 'spent'
      }
      // Perhaps said already: sending it again could say it twice.
      const final = error instanceof MaybeSentError || attempt >= this.settings.attempts
      await this.write('finish', () =>
        finishOutbox(db, row.key, {
          status: final ? 'failed' : 'pending',
          error: (error as Error).message,
        }),
      )
      if (final) {
        itemLog.error(
          { err: error, attempts: attempt, text: out.text },
          'outbox: message failed for good and was not sent',
        )
        return 'spent'
      }
      const delayMs = this.settings.backoffMs * 2 ** (attempt - 1)
      itemLog.warn({ err: error, attempt, retryInMs: delayMs }, 'outbox: send failed, will retry')
      await this.queueKeys([row.key], `retry${attempt}`, delayMs)
      return 'spent'
    }
    await this.write('finish', () =>
      finishOutbox(db, row.key, {
        status: 'sent',
        at: now(),
        ...(row.compose ? { text: out.text } : {}),
      }),
    )
    itemLog.debug('outbox: sent')
    this.reached(row)
    return 'spent'
  }

  /** Holds an unreachable room's messages; logs and reports it once per room and local day. */
  private async hold(row: OutboxRow, error: RoomUnreachableError): Promise<void> {
    const { db, log, now, timezone, onHeld } = this.deps
    const room = roomRef(row)
    await this.write('hold', () => holdOutbox(db, row.key, error.message))
    this.held.add(room)
    this.heldRows.set(row.key, room)
    const day = localDay(now(), timezone)
    if (this.heldReported.get(room) === day) return
    this.heldReported.set(room, day)
    log.warn(
      { key: row.key, room: row.roomTopic, roomId: row.roomId, err: error },
      'outbox: room unreachable; its messages are held until it can be reached',
    )
    if (onHeld)
      void Promise.resolve()
        .then(() => onHeld(row))
        .catch((err: unknown) => log.error({ err, room: row.roomTopic }, 'outbox: onHeld failed'))
  }

  /** A message went out: if its room's messages were held, the room is reached again (told once). */
  private reached(row: OutboxRow): void {
    if (this.heldRows.size === 0) return
    const { log, onReached } = this.deps
    const room = this.heldRows.get(row.key) ?? roomRef(row)
    if (![...this.heldRows.values()].includes(room)) return
    for (const [key, heldAs] of this.heldRows) if (heldAs === room) this.heldRows.delete(key)
    log.info(
      { key: row.key, room: row.roomTopic, roomId: row.roomId },
      'outbox: held room reached again',
    )
    if (onReached)
      void Promise.resolve()
        .then(() => onReached(row, room))
        .catch((err: unknown) =>
          log.error({ err, room: row.roomTopic }, 'outbox: onReached failed'),
        )
  }
}
