import { and, asc, count, desc, eq, isNull } from 'drizzle-orm'
import type { Day } from '../src/time/zoned.js'
import type { Db } from './client.js'
import { outboxLanes } from './outbox.js'
import { prepared } from './prepared.js'
import {
  messages,
  outbox,
  reports,
  reviewItems,
  type CheckKind,
  type OutboxLane,
} from './schema.js'

/** A figure held as implausible, waiting for the liaison's #确认. */
export interface HeldFigure {
  unit: string
  count: number
  reportedAt: number
}

/** The day's figures held as implausible, oldest first: the page's 待确认 column. */
export function heldFiguresOf(db: Db, day: Day): HeldFigure[] {
  return db
    .select({ unit: reports.unit, count: reports.count, reportedAt: reports.reportedAt })
    .from(reports)
    .where(and(eq(reports.day, day), eq(reports.status, 'held')))
    .orderBy(asc(reports.reportedAt), asc(reports.id))
    .all()
}

/** A spot check still waiting for its answer. */
export interface OpenCheckRow {
  unit: string
  kind: CheckKind
  status: 'open'
  roomTopic: string
  askedAt: number
  deadlineAt: number
}

/**
 * The day's spot checks still waiting for an answer, soonest deadline first: during a display
 * period that is every unit, so only what the page shows is read.
 */
export function openChecksOf(db: Db, day: Day): OpenCheckRow[] {
  const select = prepared(db, 'openChecksOf', () =>
    db.$client.prepare(
      `select unit, kind, status, room_topic as roomTopic, asked_at as askedAt, deadline_at as deadlineAt
       from spot_checks where day = ? and status = 'open' order by deadline_at, unit`,
    ),
  )
  return select.all(day) as OpenCheckRow[]
}

/** Messages waiting to be sent, per lane. */
export function pendingByLane(db: Db): Record<OutboxLane, number> {
  const rows = db
    .select({ lane: outbox.lane, n: count() })
    .from(outbox)
    .where(eq(outbox.status, 'pending'))
    .groupBy(outbox.lane)
    .all()
  const lanes = Object.fromEntries(outboxLanes.map((lane) => [lane, 0])) as Record<
    OutboxLane,
    number
  >
  for (const { lane, n } of rows) lanes[lane] = n
  return lanes
}

export interface FailedSend {
  roomTopic: string
  dueAt: number
  error: string | null
}

/** The latest messages that failed for good, latest first. */
export function failedSends(db: Db, limit: number): FailedSend[] {
  return db
    .select({ roomTopic: outbox.roomTopic, dueAt: outbox.dueAt, error: outbox.lastError })
    .from(outbox)
    .where(eq(outbox.status, 'failed'))
    .orderBy(desc(outbox.dueAt))
    .limit(limit)
    .all()
}

/** When the latest stored message came in (rows are stored as they come): null for none. */
export function lastInboundAt(db: Db): number | null {
  const select = prepared(db, 'lastInboundAt', () =>
    db.$client.prepare(`select received_at from messages order by rowid desc limit 1`).pluck(),
  )
  return (select.get() as number | undefined) ?? null
}

/** Review items (待核) nobody has settled yet, as the review list counts them (recalled ones aside). */
export function openReviewCount(db: Db): number {
  return (
    db
      .select({ n: count() })
      .from(reviewItems)
      .innerJoin(messages, eq(messages.id, reviewItems.messageId))
      .where(and(eq(reviewItems.status, 'open'), isNull(messages.recalledAt)))
      .get()?.n ?? 0
  )
}
