import { and, asc, eq, gte, inArray } from 'drizzle-orm'
import type { BulletinReport, WorkBulletinInput } from '../src/bulletin/work-bulletin.js'
import { addDays, type Day } from '../src/time/zoned.js'
import type { Db } from './client.js'
import { activities, messages, reports } from './schema.js'

/**
 * What the work bulletin of `day` is built from: the counted reports of the day and of the day
 * before (one query on reports_day_unit), and the day's activities that were not retracted (one
 * query on activities_day_unit). `day` is the stored local day, never derived from reported_at.
 */
export function workBulletinInput(db: Db, day: Day, deadlineAt: number): WorkBulletinInput {
  const previousDay = addDays(day, -1)
  const rows = db
    .select({
      day: reports.day,
      unit: reports.unit,
      count: reports.count,
      approx: reports.approx,
      points: reports.points,
      reportedAt: reports.reportedAt,
      correction: reports.correction,
    })
    .from(reports)
    .where(and(inArray(reports.day, [previousDay, day]), eq(reports.status, 'counted')))
    .orderBy(asc(reports.reportedAt), asc(reports.id))
    .all()
  const today: BulletinReport[] = []
  const previous: BulletinReport[] = []
  for (const { day: rowDay, ...row } of rows) (rowDay === day ? today : previous).push(row)

  const activityRows = db
    .select({
      unit: activities.unit,
      kind: activities.kind,
      count: activities.count,
      reportedAt: activities.reportedAt,
    })
    .from(activities)
    .where(and(eq(activities.day, day), eq(activities.retracted, false)))
    .orderBy(asc(activities.reportedAt), asc(activities.id))
    .all()

  return { day, deadlineAt, reports: today, previous, activities: activityRows }
}

/**
 * Units that sent counted reports from a room (by topic) on or after `since`: who a liaison room
 * that the roster binds to no unit speaks for.
 */
export function unitsReportedFromRoom(db: Db, roomTopic: string, since: Day): string[] {
  return db
    .selectDistinct({ unit: reports.unit })
    .from(reports)
    .innerJoin(messages, eq(messages.id, reports.messageId))
    .where(
      and(
        gte(reports.day, since),
        eq(reports.status, 'counted'),
        eq(messages.roomTopic, roomTopic),
      ),
    )
    .all()
    .map((r) => r.unit)
}
