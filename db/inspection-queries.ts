import { asc, eq } from 'drizzle-orm'
import {
  buildInspectionBulletin,
  type InspectionBulletin,
  type InspectionBulletinInput,
} from '../src/bulletin/inspection-bulletin.js'
import type { WorkBulletinInput } from '../src/bulletin/work-bulletin.js'
import type { Roster } from '../src/roster/roster.js'
import type { Day } from '../src/time/zoned.js'
import { workBulletinInput } from './bulletin-queries.js'
import type { Db } from './client.js'
import { fieldRecords, notes, spotChecks } from './schema.js'

/**
 * What the inspection bulletin of `day` is built from: the day's spot checks, field records and
 * notes as stored, retracted and planned ones included (the metrics decide what counts), one
 * query each on their day index; and the counted reports and activities the work bulletin reads.
 */
export function inspectionBulletinInput(
  db: Db,
  day: Day,
  /** The work bulletin's rows of the day, when the caller has read them already. */
  read: Pick<WorkBulletinInput, 'reports' | 'activities'> = workBulletinInput(db, day, 0),
): InspectionBulletinInput {
  const checks = db
    .select({
      unit: spotChecks.unit,
      kind: spotChecks.kind,
      status: spotChecks.status,
      askedAt: spotChecks.askedAt,
    })
    .from(spotChecks)
    .where(eq(spotChecks.day, day))
    .orderBy(asc(spotChecks.askedAt), asc(spotChecks.id))
    .all()

  const records = db
    .select({
      unit: fieldRecords.unit,
      onDuty: fieldRecords.onDuty,
      volunteers: fieldRecords.volunteers,
      engaged: fieldRecords.engaged,
      retracted: fieldRecords.retracted,
    })
    .from(fieldRecords)
    .where(eq(fieldRecords.day, day))
    .orderBy(asc(fieldRecords.recordedAt), asc(fieldRecords.id))
    .all()

  const dayNotes = db
    .select({
      kind: notes.kind,
      unit: notes.unit,
      subject: notes.subject,
      text: notes.text,
      createdAt: notes.createdAt,
      retracted: notes.retracted,
    })
    .from(notes)
    .where(eq(notes.day, day))
    .orderBy(asc(notes.createdAt), asc(notes.id))
    .all()

  // The report deadline only marks late reports, which this bulletin does not show.
  const { reports, activities } = read

  return { day, checks, fieldRecords: records, notes: dayNotes, reports, activities }
}

/** The inspection bulletin of a day as it stands. */
export function inspectionBulletinOf(db: Db, roster: Roster, day: Day): InspectionBulletin {
  return buildInspectionBulletin(roster, inspectionBulletinInput(db, day))
}
