import { and, eq, gte, inArray, lte, max } from 'drizzle-orm'
import type { Day } from '../src/time/zoned.js'
import type { Db } from './client.js'
import { spotChecks, type CheckStatus } from './schema.js'

export type SpotCheck = typeof spotChecks.$inferSelect
export type NewSpotCheck = typeof spotChecks.$inferInsert

/** Notes checks; an id already known is left as it is (a repeated job asks once). Returns the new ones. */
export function insertChecks(db: Db, rows: NewSpotCheck[]): SpotCheck[] {
  if (rows.length === 0) return []
  return db.insert(spotChecks).values(rows).onConflictDoNothing().returning().all()
}

export function getChecks(db: Db, ids: string[]): SpotCheck[] {
  if (ids.length === 0) return []
  return db.select().from(spotChecks).where(inArray(spotChecks.id, ids)).all()
}

/**
 * Checks an answer in a room may be for: open ones, and those whose deadline passed today
 * without an answer (a late answer still counts, as late).
 */
export function answerableChecks(db: Db, roomTopic: string, day: Day): SpotCheck[] {
  return db
    .select()
    .from(spotChecks)
    .where(
      and(
        eq(spotChecks.roomTopic, roomTopic),
        eq(spotChecks.day, day),
        inArray(spotChecks.status, ['open', 'unanswered'] satisfies CheckStatus[]),
      ),
    )
    .orderBy(spotChecks.askedAt)
    .all()
}

/** Records an answer: in time or late, by when it came. False when the check was already answered. */
export function answerCheck(
  db: Db,
  check: SpotCheck,
  answer: { at: number; messageId: string; by: string; post: string | null },
): boolean {
  const status: CheckStatus = answer.at <= check.deadlineAt ? 'answered' : 'late'
  return (
    db
      .update(spotChecks)
      .set({
        status,
        answeredAt: answer.at,
        answerMessageId: answer.messageId,
        answeredBy: answer.by,
        post: answer.post,
      })
      .where(
        and(
          eq(spotChecks.id, check.id),
          inArray(spotChecks.status, ['open', 'unanswered'] satisfies CheckStatus[]),
        ),
      )
      .run().changes === 1
  )
}

/** Asks a planned check: it opens now, with its deadline. False when it was already asked. */
export function openCheck(db: Db, id: string, askedAt: number, deadlineAt: number): boolean {
  return (
    db
      .update(spotChecks)
      .set({ status: 'open', askedAt, deadlineAt })
      .where(and(eq(spotChecks.id, id), eq(spotChecks.status, 'planned')))
      .run().changes === 1
  )
}

/** Closes the checks still open at their deadline as unanswered; returns those it closed. */
export function expireChecks(db: Db, ids: string[], at: number): SpotCheck[] {
  if (ids.length === 0) return []
  return db
    .update(spotChecks)
    .set({ status: 'unanswered' })
    .where(
      and(
        inArray(spotChecks.id, ids),
        eq(spotChecks.status, 'open'),
        lte(spotChecks.deadlineAt, at),
      ),
    )
    .returning()
    .all()
}

export function checksOfDay(
  db: Db,
  day: Day,
  filter: { kind?: SpotCheck['kind']; idPrefix?: string } = {},
): SpotCheck[] {
  return db
    .select()
    .from(spotChecks)
    .where(and(eq(spotChecks.day, day), filter.kind ? eq(spotChecks.kind, filter.kind) : undefined))
    .orderBy(spotChecks.askedAt, spotChecks.unit)
    .all()
    .filter((c) => !filter.idPrefix || c.id.startsWith(filter.idPrefix))
}

/** When each unit was last asked (any kind), since a day: the random draw favours the least recent. */
export function lastCheckedByUnit(db: Db, since: Day): Map<string, number> {
  const rows = db
    .select({ unit: spotChecks.unit, at: max(spotChecks.askedAt) })
    .from(spotChecks)
    .where(
      and(
        gte(spotChecks.day, since),
        inArray(spotChecks.status, [
          'open',
          'answered',
          'late',
          'unanswered',
        ] satisfies CheckStatus[]),
      ),
    )
    .groupBy(spotChecks.unit)
    .all()
  return new Map(rows.map((r) => [r.unit, r.at ?? 0]))
}
