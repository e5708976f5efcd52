import { and, asc, count, eq, inArray, sql } from 'drizzle-orm'
import type { Db } from './client.js'
import { outbox } from './schema.js'

export type OutboxRow = typeof outbox.$inferSelect
export type NewOutboxRow = Omit<typeof outbox.$inferInsert, 'status' | 'attempts'>

/** Notes messages to send; a key already known is left as it is. Returns the keys still pending. */
export function insertOutbox(db: Db, rows: NewOutboxRow[]): string[] {
  if (rows.length === 0) return []
  return db.transaction((tx) => {
    for (let i = 0; i < rows.length; i += 500) {
      tx.insert(outbox)
        .values(rows.slice(i, i + 500).map((row) => ({ ...row, status: 'pending' as const })))
        .onConflictDoNothing()
        .run()
    }
    const keys = rows.map((r) => r.key)
    const pending: string[] = []
    for (let i = 0; i < keys.length; i += 500) {
      pending.push(
        ...tx
          .select({ key: outbox.key })
          .from(outbox)
          .where(and(inArray(outbox.key, keys.slice(i, i + 500)), eq(outbox.status, 'pending')))
          .all()
          .map((r) => r.key),
      )
    }
    return pending
  })
}

export function getOutbox(db: Db, key: string): OutboxRow | undefined {
  return db.select().from(outbox).where(eq(outbox.key, key)).get()
}

/**
 * The first message waiting that has not been tried: messages go out in the order they were
 * queued (the parts of a bulletin in sequence), whatever order the queue's jobs run in.
 * Ordered by due time, then insertion (rowid).
 */
export function firstUntried(db: Db): OutboxRow | undefined {
  return db
    .select()
    .from(outbox)
    .where(and(eq(outbox.status, 'pending'), eq(outbox.attempts, 0)))
    .orderBy(asc(outbox.dueAt), asc(sql`rowid`))
    .limit(1)
    .get()
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

export function finishOutbox(
  db: Db,
  key: string,
  result:
    { status: 'sent'; at: number } | { status: 'dropped' | 'failed' | 'pending'; error: string },
): void {
  db.update(outbox)
    .set(
      result.status === 'sent'
        ? { status: 'sent', sentAt: result.at }
        : { status: result.status, lastError: result.error },
    )
    .where(eq(outbox.key, key))
    .run()
}

/** Messages already sent to a room on a local day, for the daily cap. */
export function sentToRoomOn(db: Db, roomTopic: string, day: string): number {
  return (
    db
      .select({ n: count() })
      .from(outbox)
      .where(and(eq(outbox.roomTopic, roomTopic), eq(outbox.day, day), eq(outbox.status, 'sent')))
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

export function pendingOutboxKeys(db: Db): string[] {
  return db
    .select({ key: outbox.key })
    .from(outbox)
    .where(eq(outbox.status, 'pending'))
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
