import { and, desc, eq, inArray } from 'drizzle-orm'
import type { Activity, Headcount } from '../src/parse/types.js'
import type { Day } from '../src/time/zoned.js'
import type { Db } from './client.js'
import { prepared, preparedWrite } from './prepared.js'
import { activities, reports } from './schema.js'

export interface ReportSource {
  messageId: string
  senderId: string
  day: Day
  reportedAt: number
  correction: boolean
}

function insertReport(db: Db) {
  return prepared(db, 'insertReport', () =>
    db.$client.prepare(
      `insert into reports (message_id, unit, day, count, approx, points, breakdown, correction, status, sender_id, reported_at)
       values (@messageId, @unit, @day, @count, @approx, @points, @breakdown, @correction, @status, @senderId, @reportedAt)`,
    ),
  )
}

function insertActivity(db: Db) {
  return prepared(db, 'insertActivity', () =>
    db.$client.prepare(
      `insert into activities (message_id, unit, day, kind, count, reported_at)
       values (@messageId, @unit, @day, @kind, @count, @reportedAt)`,
    ),
  )
}

type ReportRow = Record<string, unknown>

/** Writes a message's rows unless it already recorded some; one transaction (a savepoint inside a batch). */
function writeOnce(db: Db) {
  return prepared(db, 'writeReportOnce', () => {
    const report = insertReport(db)
    const activity = insertActivity(db)
    const recorded = db.$client
      .prepare(
        `select exists (select 1 from reports where message_id = @messageId)
             or exists (select 1 from activities where message_id = @messageId)`,
      )
      .pluck()
    return db.$client.transaction(
      (messageId: string, rows: ReportRow[], activityRows: ReportRow[]): boolean => {
        if (recorded.get({ messageId }) === 1) return false
        for (const row of rows) report.run(row)
        for (const row of activityRows) activity.run(row)
        return true
      },
    )
  })
}

/** Writes a message's rows, all or nothing: one statement is atomic, several are a transaction. */
function writeAll(db: Db, rows: ReportRow[], activityRows: ReportRow[]): void {
  const write = preparedWrite(db, 'writeReport', () => {
    const report = insertReport(db)
    const activity = insertActivity(db)
    return (rows: ReportRow[], activityRows: ReportRow[]) => {
      for (const row of rows) report.run(row)
      for (const row of activityRows) activity.run(row)
    }
  })
  if (rows.length + activityRows.length > 1) write.together(rows, activityRows)
  else write.alone(rows, activityRows)
}

/**
 * Writes a message's headcounts (counted and held) and activities, all or nothing. With
 * `mayRepeat` (its handling may be running again after the store was locked) it writes once: a
 * message that already recorded figures records nothing again (its handling may be retried
 * after the store was locked). Returns whether it wrote.
 */
export function recordReport(
  db: Db,
  source: ReportSource,
  parsed: { records: Headcount[]; held: Headcount[]; activities: Activity[] },
  options: { mayRepeat?: boolean } = {},
): boolean {
  const { messageId, senderId, day, reportedAt } = source
  const correction = source.correction ? 1 : 0
  const rows = [
    ...parsed.records.map((r) => [r, 'counted'] as const),
    ...parsed.held.map((r) => [r, 'held'] as const),
  ].map(([r, status]) => ({
    messageId,
    unit: r.unit,
    day,
    count: r.count,
    approx: r.approx ? 1 : 0,
    points: r.points ?? null,
    breakdown: r.breakdown ? JSON.stringify(r.breakdown) : null,
    correction,
    status,
    senderId,
    reportedAt,
  }))
  const activityRows = parsed.activities.map((a) => ({
    messageId,
    unit: a.unit,
    day,
    kind: a.kind,
    count: a.count,
    reportedAt,
  }))
  if (rows.length + activityRows.length === 0) return false
  // A message stored just now cannot have recorded anything: the check is for repeats only,
  // and costs an ingest of history a third of its speed.
  if (!options.mayRepeat) {
    writeAll(db, rows, activityRows)
    return true
  }
  // Immediate: the check and the writes see the same store, with no upgrade from a read lock.
  return writeOnce(db).immediate(messageId, rows, activityRows)
}

/** Retracts everything a recalled message reported; returns its reports as they were before. */
export function retractMessage(db: Db, messageId: string) {
  return db.transaction(
    (tx) => {
      const live = and(
        eq(reports.messageId, messageId),
        inArray(reports.status, ['counted', 'held']),
      )
      const before = tx.select().from(reports).where(live).all()
      tx.update(reports).set({ status: 'retracted' }).where(live).run()
      tx.update(activities)
        .set({ retracted: true })
        .where(eq(activities.messageId, messageId))
        .run()
      return before
    },
    // Immediate: a read then a write in one transaction could not wait out another writer.
    { behavior: 'immediate' },
  )
}

/** A sender's held figures for the day that are still waiting for confirmation, newest message first. */
export function heldReports(db: Db, senderId: string, day: Day) {
  return db
    .select()
    .from(reports)
    .where(and(eq(reports.senderId, senderId), eq(reports.day, day), eq(reports.status, 'held')))
    .orderBy(desc(reports.reportedAt))
    .all()
}

/** Counts held figures, as of the moment they are confirmed (a confirmation is the newer word). */
export function confirmHeld(db: Db, ids: number[], confirmedAt: number) {
  return db
    .update(reports)
    .set({ status: 'counted', reportedAt: confirmedAt })
    .where(and(inArray(reports.id, ids), eq(reports.status, 'held')))
    .returning()
    .all()
}

/** The unit a person last reported a headcount for, if any: who speaks for which unit. */
export function lastUnitOf(db: Db, senderId: string): string | undefined {
  return db
    .select({ unit: reports.unit })
    .from(reports)
    .where(and(eq(reports.senderId, senderId), eq(reports.status, 'counted')))
    .orderBy(desc(reports.reportedAt))
    .limit(1)
    .get()?.unit
}

/** A unit's figure for a day as it stands: its latest counted report. */
export function currentFigure(
  db: Db,
  unit: string,
  day: Day,
): { count: number; points: number | null } | undefined {
  const select = prepared(db, 'currentFigure', () =>
    db.$client.prepare(
      `select count, points from reports where day = ? and unit = ? and status = 'counted'
       order by reported_at desc, id desc limit 1`,
    ),
  )
  return select.get(day, unit) as { count: number; points: number | null } | undefined
}
