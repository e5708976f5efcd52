import { and, asc, count, eq, inArray, notInArray, sql, type SQL } from 'drizzle-orm'
import type { Db } from './client.js'
import { prepared, preparedWrite } from './prepared.js'
import { outbox, type OutboxLane } from './schema.js'

export type { OutboxLane }

export type OutboxRow = typeof outbox.$inferSelect
export type NewOutboxRow = Omit<typeof outbox.$inferInsert, 'status' | 'attempts'>

/** Notes messages to send; a key already known is left as it is. Returns the keys still pending. */
export function insertOutbox(db: Db, rows: NewOutboxRow[]): string[] {
  if (rows.length === 0) return []
  // Plain statements: every receipt passes here, and drizzle's query building cost more than
  // the insert itself.
  const insert = prepared(db, 'insertOutbox', () =>
    db.$client.prepare(
      `insert into outbox (key, room_id, room_topic, text, mention_ids, file_path, lane, compose, due_at, day, status, created_at)
       values (@key, @roomId, @roomTopic, @text, @mentionIds, @filePath, @lane, @compose, @dueAt, @day, 'pending', @createdAt)
       on conflict do nothing`,
    ),
  )
  const statusOf = prepared(db, 'outboxStatus', () =>
    db.$client.prepare('select status from outbox where key = ?').pluck(),
  )
  const write = preparedWrite(db, 'insertOutboxRows', () => (rows: NewOutboxRow[]): string[] => {
    const pending: string[] = []
    for (const row of rows) {
      insert.run({
        key: row.key,
        roomId: row.roomId ?? null,
        roomTopic: row.roomTopic,
        text: row.text,
        mentionIds: jsonOrNull(row.mentionIds),
        filePath: row.filePath ?? null,
        lane: row.lane ?? 'reply',
        compose: jsonOrNull(row.compose),
        dueAt: row.dueAt,
        day: row.day,
        createdAt: row.createdAt,
      })
      if (statusOf.get(row.key) === 'pending') pending.push(row.key)
    }
    // A key given twice is one message.
    return [...new Set(pending)]
  })
  // One row (a receipt, most often) is one statement: no savepoint around it.
  return rows.length > 1 ? write.together(rows) : write.alone(rows)
}

function jsonOrNull(value: unknown): string | null {
  return value === null || value === undefined ? null : JSON.stringify(value)
}

export function getOutbox(db: Db, key: string): OutboxRow | undefined {
  return db.select().from(outbox).where(eq(outbox.key, key)).get()
}

/** The lanes, first served first: replies, then alerts, then broadcasts. */
export const outboxLanes: readonly OutboxLane[] = ['reply', 'alert', 'broadcast']

/**
 * The room a message is for, as the outbox holds it: its id when known, else its topic.
 * @example roomRef({ roomId: null, roomTopic: '红袖标指挥部' }) // '红袖标指挥部'
 */
export function roomRef(row: Pick<OutboxRow, 'roomId' | 'roomTopic'>): string {
  return row.roomId ?? row.roomTopic
}

/** roomRef in SQL. */
const roomRefSql = sql`coalesce(${outbox.roomId}, ${outbox.roomTopic})`

/**
 * The first message waiting that has not been tried, skipping the rooms in `skipRooms` (by
 * roomRef): replies before alerts before broadcasts, and within a lane in the order they were
 * queued (the parts of a bulletin in sequence), whatever order the queue's jobs run in.
 * Ordered by lane, due time, then insertion (rowid).
 */
export function firstUntried(db: Db, skipRooms: readonly string[] = []): OutboxRow | undefined {
  // Lane by lane, each read in order off the outbox_next index: one query sorting every
  // pending row by lane took tens of milliseconds once thousands were waiting.
  for (const lane of outboxLanes) {
    const where: SQL[] = [
      eq(outbox.status, 'pending'),
      eq(outbox.lane, lane),
      eq(outbox.attempts, 0),
    ]
    if (skipRooms.length > 0) where.push(notInArray(roomRefSql, [...skipRooms]))
    const row = db
      .select()
      .from(outbox)
      .where(and(...where))
      .orderBy(asc(outbox.dueAt), asc(sql`rowid`))
      .limit(1)
      .get()
    if (row) return row
  }
  return undefined
}

/** Takes a pending message for sending; false when it is not pending (sent, dropped, or taken by another worker). */
export function claimOutbox(db: Db, key: string): boolean {
  return (
    db
      .update(outbox)
      .set({ status: 'sending', attempts: sql`${outbox.attempts} + 1` })
      .where(and(eq(outbox.key, key), eq(outbox.status, 'pending')))
      .run().changes === 1
  )
}

/**
 * Notes how a claimed message ended. `text` on a sent message is what it said when it went out
 * (a message composed at send time); the text it was queued with stays otherwise.
 */
export function finishOutbox(
  db: Db,
  key: string,
  result:
    | { status: 'sent'; at: number; text?: string }
    | { status: 'dropped' | 'failed' | 'pending'; error: string },
): void {
  db.update(outbox)
    .set(
      result.status === 'sent'
        ? { status: 'sent', sentAt: result.at, ...(result.text ? { text: result.text } : {}) }
        : { status: result.status, lastError: result.error },
    )
    .where(eq(outbox.key, key))
    .run()
}

/**
 * Puts a claimed message back, pending and as untried as before its claim: its room could not
 * be reached, which is no fault of the message, so it spends no attempt.
 */
export function holdOutbox(db: Db, key: string, error: string): void {
  db.update(outbox)
    .set({ status: 'pending', attempts: sql`max(${outbox.attempts} - 1, 0)`, lastError: error })
    .where(and(eq(outbox.key, key), eq(outbox.status, 'sending')))
    .run()
}

/**
 * Replies already sent to a room on a local day, for the daily cap: by the room's id when the
 * message has one, else by its topic. Alerts and broadcasts do not count.
 */
export function repliesSentToRoomOn(
  db: Db,
  room: Pick<OutboxRow, 'roomId' | 'roomTopic'>,
  day: string,
): number {
  return (
    db
      .select({ n: count() })
      .from(outbox)
      .where(
        and(
          room.roomId ? eq(outbox.roomId, room.roomId) : eq(outbox.roomTopic, room.roomTopic),
          eq(outbox.day, day),
          eq(outbox.lane, 'reply'),
          eq(outbox.status, 'sent'),
        ),
      )
      .get()?.n ?? 0
  )
}

/**
 * After a crash, a message left `sending` may or may not have reached WeChat; it goes back to
 * pending and is sent again (the documented at-least-once window), as untried as before its
 * claim, so it keeps its place in the order. Returns how many.
 */
export function handBackSending(db: Db): number {
  return db
    .update(outbox)
    .set({ status: 'pending', attempts: sql`max(${outbox.attempts} - 1, 0)` })
    .where(eq(outbox.status, 'sending'))
    .run().changes
}

/** Keys of the pending messages, of every room or of the rooms in `rooms` (by roomRef). */
export function pendingOutboxKeys(db: Db, rooms?: readonly string[]): string[] {
  if (rooms?.length === 0) return []
  return db
    .select({ key: outbox.key })
    .from(outbox)
    .where(and(eq(outbox.status, 'pending'), rooms ? inArray(roomRefSql, [...rooms]) : undefined))
    .orderBy(asc(outbox.dueAt), asc(sql`rowid`))
    .all()
    .map((r) => r.key)
}

export function outboxStatusCounts(db: Db): Record<string, number> {
  const rows = db
    .select({ status: outbox.status, n: count() })
    .from(outbox)
    .groupBy(outbox.status)
    .all()
  return Object.fromEntries(rows.map((r) => [r.status, r.n]))
}

/** Whether any message whose key starts with `prefix` (one job's messages) has gone out. */
export function anySentWithPrefix(db: Db, prefix: string): boolean {
  const escaped = prefix.replace(/[\\%_]/g, (c) => `\\${c}`)
  return (
    db
      .select({ key: outbox.key })
      .from(outbox)
      .where(and(eq(outbox.status, 'sent'), sql`${outbox.key} like ${`${escaped}%`} escape '\\'`))
      .limit(1)
      .get() !== undefined
  )
}
