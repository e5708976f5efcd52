import { and, asc, desc, eq, gte, inArray } from 'drizzle-orm'
import {
  buildWorkBulletin,
  type BulletinReport,
  type WorkBulletin,
  type WorkBulletinInput,
} from '../src/bulletin/work-bulletin.js'
import type { Roster } from '../src/roster/roster.js'
import { deadlineOf, type Schedule } from '../src/schedule/schedule.js'
import { addDays, instantOf, type Day } from '../src/time/zoned.js'
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
 * Who has reported for each of `units` from a room since a day, latest first: the people a
 * chase @mentions. A person counts once per unit.
 */
export function reportersFromRoom(
  db: Db,
  units: string[],
  roomId: string,
  since: Day,
): Map<string, string[]> {
  const rows = db
    .select({ unit: reports.unit, senderId: reports.senderId })
    .from(reports)
    .innerJoin(messages, eq(messages.id, reports.messageId))
    .where(
      and(
        inArray(reports.unit, units),
        gte(reports.day, since),
        eq(reports.status, 'counted'),
        eq(messages.roomId, roomId),
      ),
    )
    .orderBy(desc(reports.reportedAt))
    .all()
  const byUnit = new Map<string, string[]>()
  for (const { unit, senderId } of rows) {
    const people = byUnit.get(unit) ?? []
    if (!people.includes(senderId)) people.push(senderId)
    byUnit.set(unit, people)
  }
  return byUnit
}

/** The work bulletin of a day as it stands, with the schedule's deadline for late reports. */
export function workBulletinOf(db: Db, roster: Roster, schedule: Schedule, day: Day): WorkBulletin {
  return buildWorkBulletin(roster, workBulletinInputOf(db, roster, schedule, day))
}

/** What workBulletinOf builds from: the day's rows and the schedule's deadline (the page reuses them). */
export function workBulletinInputOf(
  db: Db,
  roster: Roster,
  schedule: Schedule,
  day: Day,
): WorkBulletinInput {
  return workBulletinInput(db, day, instantOf(day, deadlineOf(schedule), roster.timezone))
}
