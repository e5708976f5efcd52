import { and, asc, eq, isNull, sql, type SQL } from 'drizzle-orm'
import type { Day } from '../src/time/zoned.js'
import type { Db } from './client.js'
import { prepared } from './prepared.js'
import { messages, reviewItems, type ReviewStatus } from './schema.js'

export type NewReviewItem = Omit<
  typeof reviewItems.$inferInsert,
  'status' | 'settledBy' | 'settledAt'
>

/** A review item with the message it is about: what the operator reads. */
export interface ReviewEntry {
  messageId: string
  day: Day
  roomId: string
  roomTopic: string
  senderId: string
  senderName: string
  sentAt: number
  text: string
  units: string[]
  why: string
  status: ReviewStatus
  settledBy: string | null
  settledAt: number | null
}

/** Lists a message for review (待核), once: handling it again adds nothing. Returns whether it did. */
export function addReviewItem(db: Db, item: NewReviewItem): boolean {
  const insert = prepared(db, 'addReviewItem', () =>
    db.$client.prepare(
      `insert into review_items (message_id, day, room_id, units, why, status, created_at)
       values (@messageId, @day, @roomId, @units, @why, 'open', @createdAt)
       on conflict do nothing`,
    ),
  )
  const { messageId, day, roomId, units, why, createdAt } = item
  return (
    insert.run({ messageId, day, roomId, units: JSON.stringify(units), why, createdAt }).changes ===
    1
  )
}

const entryColumns = {
  messageId: reviewItems.messageId,
  day: reviewItems.day,
  roomId: reviewItems.roomId,
  roomTopic: messages.roomTopic,
  senderId: messages.senderId,
  senderName: messages.senderName,
  sentAt: messages.sentAt,
  text: messages.text,
  units: reviewItems.units,
  why: reviewItems.why,
  status: reviewItems.status,
  settledBy: reviewItems.settledBy,
  settledAt: reviewItems.settledAt,
}

/**
 * The review items of a day (and status), in the order their messages were sent. A message its
 * sender recalled is no longer listed: there is nothing left to review.
 */
export function reviewItemsOf(
  db: Db,
  query: { day?: Day; status?: ReviewStatus } = {},
): ReviewEntry[] {
  const conditions: Array<SQL | undefined> = [
    query.day !== undefined ? eq(reviewItems.day, query.day) : undefined,
    query.status !== undefined ? eq(reviewItems.status, query.status) : undefined,
    isNull(messages.recalledAt),
  ]
  return (
    db
      .select(entryColumns)
      .from(reviewItems)
      .innerJoin(messages, eq(messages.id, reviewItems.messageId))
      .where(and(...conditions))
      // Messages of one second (WeChat's timestamps) in the order they arrived.
      .orderBy(asc(messages.sentAt), asc(messages.receivedAt), asc(sql`${messages}.rowid`))
      .all()
  )
}

/** One review item with its message, recalled or not (recalledAt says when). */
export function getReviewItem(
  db: Db,
  messageId: string,
): (ReviewEntry & { recalledAt: number | null }) | undefined {
  return db
    .select({ ...entryColumns, recalledAt: messages.recalledAt })
    .from(reviewItems)
    .innerJoin(messages, eq(messages.id, reviewItems.messageId))
    .where(eq(reviewItems.messageId, messageId))
    .get()
}

/**
 * Settles an open review item (a figure was recorded for it, or it was dismissed), noting who
 * and when. Returns false when it was not open: someone settled it first.
 */
export function settleReviewItem(
  db: Db,
  messageId: string,
  status: Exclude<ReviewStatus, 'open'>,
  by: string,
  at: number,
): boolean {
  return (
    db
      .update(reviewItems)
      .set({ status, settledBy: by, settledAt: at })
      .where(and(eq(reviewItems.messageId, messageId), eq(reviewItems.status, 'open')))
      .run().changes === 1
  )
}

/**
 * Whether the sender was asked about an unread message in the `windowMs` before this one: at most
 * one such question per sender per window. Each of the sender's review items was asked about
 * unless one asked before it lies within the window, so the answer follows from the items of
 * messages sent before this one alone: the same whenever, and however often, it is asked.
 */
export function askedWithin(
  db: Db,
  message: { id: string; senderId: string; sentAt: number },
  windowMs: number,
): boolean {
  // The sender's earlier review items, latest first; a run longer than this starts anew.
  const earlier = prepared(db, 'reviewItemsBefore', () =>
    db.$client
      .prepare(
        `select m.sent_at from review_items r join messages m on m.id = r.message_id
         where m.sender_id = @senderId
           and (m.sent_at < @sentAt or (m.sent_at = @sentAt and m.id < @id))
         order by m.sent_at desc, m.id desc limit 200`,
      )
      .pluck(),
  )
  // The run of items each within the window of the next: its first was asked about.
  const run: number[] = []
  let next = message.sentAt
  for (const at of earlier.all(message) as number[]) {
    if (next - at >= windowMs) break
    run.unshift(at)
    next = at
  }
  let asked: number | undefined
  for (const at of run) if (asked === undefined || at - asked >= windowMs) asked = at
  return asked !== undefined && message.sentAt - asked < windowMs
}
