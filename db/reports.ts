import { and, desc, eq, inArray } from 'drizzle-orm'
import type { Activity, Headcount } from '../src/parse/types.js'
import type { Day } from '../src/time/zoned.js'
import type { Db } from './client.js'
import { activities, reports, type ReportStatus } from './schema.js'

export interface ReportSource {
  messageId: string
  senderId: string
  day: Day
  reportedAt: number
  correction: boolean
}

function reportRows(source: ReportSource, records: Headcount[], status: ReportStatus) {
  return records.map((r) => ({
    messageId: source.messageId,
    unit: r.unit,
    day: source.day,
    count: r.count,
    approx: r.approx,
    points: r.points ?? null,
    breakdown: r.breakdown ?? null,
    correction: source.correction,
    status,
    senderId: source.senderId,
    reportedAt: source.reportedAt,
  }))
}

/** Writes a message's headcounts (counted and held) and activities in one transaction. */
export function recordReport(
  db: Db,
  source: ReportSource,
  parsed: { records: Headcount[]; held: Headcount[]; activities: Activity[] },
): void {
  db.transaction((tx) => {
    const rows = [
      ...reportRows(source, parsed.records, 'counted'),
      ...reportRows(source, parsed.held, 'held'),
    ]
    if (rows.length > 0) tx.insert(reports).values(rows).run()
    if (parsed.activities.length > 0) {
      tx.insert(activities)
        .values(
          parsed.activities.map((a) => ({
            messageId: source.messageId,
            unit: a.unit,
            day: source.day,
            kind: a.kind,
            count: a.count,
            reportedAt: source.reportedAt,
          })),
        )
        .run()
    }
  })
}

/** Retracts everything a recalled message reported; returns its reports as they were before. */
export function retractMessage(db: Db, messageId: string) {
  return db.transaction((tx) => {
    const live = and(eq(reports.messageId, messageId), inArray(reports.status, ['counted', 'held']))
    const before = tx.select().from(reports).where(live).all()
    tx.update(reports).set({ status: 'retracted' }).where(live).run()
    tx.update(activities).set({ retracted: true }).where(eq(activities.messageId, messageId)).run()
    return before
  })
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
