import { and, eq, gte, inArray, lte, max, or, sql, type Placeholder } from 'drizzle-orm'
import type { Day } from '../src/time/zoned.js'
import type { Db } from './client.js'
import { prepared } from './prepared.js'
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
 * Checks a message may answer: those asked in its room (by room id) at or before it was sent,
 * open or with their deadline passed today unanswered (a late answer still counts, as late),
 * and those it answered already (its handling is being run again). A photo taken before the
 * question is no answer to it.
 */
export function answerableChecks(
  db: Db,
  message: { id: string; roomId: string; sentAt: number },
  day: Day,
): SpotCheck[] {
  // Asked for every message a liaison group sends: built once per store, not per message.
  const query = prepared(db, 'answerableChecks', () =>
    db
      .select()
      .from(spotChecks)
      .where(
        and(
          eq(spotChecks.roomId, sql.placeholder('roomId')),
          eq(spotChecks.day, sql.placeholder('day')),
          lte(spotChecks.askedAt, sql.placeholder('sentAt')),
          answerable(sql.placeholder('messageId')),
        ),
      )
      .orderBy(spotChecks.askedAt)
      .prepare(),
  )
  return query.all({ roomId: message.roomId, day, sentAt: message.sentAt, messageId: message.id })
}

/** The statuses of a check still waiting for its answer (a late answer still counts). */
const waiting = ['open', 'unanswered'] as const satisfies readonly CheckStatus[]

/**
 * Whether the message may answer any check (answerableChecks is not empty): asked for every
 * text a liaison group sends, where there mostly is none, so a plain statement that reads no row.
 */
export function mayAnswerCheck(
  db: Db,
  message: { id: string; roomId: string; sentAt: number },
  day: Day,
): boolean {
  const query = prepared(db, 'mayAnswerCheck', () =>
    db.$client
      .prepare(
        // Positional parameters: binding by name costs about as much again as the look-up.
        `select exists (select 1 from spot_checks
           where room_id = ? and day = ? and asked_at <= ?
             and (status in (${waiting.map(() => '?').join(', ')}) or answer_message_id = ?))`,
      )
      .pluck(),
  )
  return query.get(message.roomId, day, message.sentAt, ...waiting, message.id) === 1
}

/** Still waiting for an answer, or answered by this very message. */
function answerable(messageId: string | Placeholder) {
  return or(inArray(spotChecks.status, [...waiting]), eq(spotChecks.answerMessageId, messageId))
}

/**
 * Records an answer: in time or late, by when it came. False when another message answered it
 * already, or when the message came before the check was asked (no answer to it); true again
 * for the same message (its handling run again after the store was locked).
 */
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
          lte(spotChecks.askedAt, answer.at),
          answerable(answer.messageId),
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
