import { and, asc, between, eq, max, min, ne } from 'drizzle-orm'
import type { WorkBulletin } from '../src/bulletin/work-bulletin.js'
import { inspectionMetrics, type InspectionMetrics } from '../src/metrics/inspection-metrics.js'
import {
  eventRanking,
  type EventRanking,
  type RankingCommendation,
} from '../src/ranking/event-ranking.js'
import type { Roster } from '../src/roster/roster.js'
import type { Schedule } from '../src/schedule/schedule.js'
import { daysBetween, type Day } from '../src/time/zoned.js'
import { workBulletinOf } from './bulletin-queries.js'
import type { Db } from './client.js'
import { inspectionBulletinInput } from './inspection-queries.js'
import { fieldRecords, notes, reports, spotChecks } from './schema.js'

/** A day of a period as the bulletins count it: the work bulletin and every unit's rates. */
export interface PeriodDay {
  day: Day
  work: WorkBulletin
  metrics: InspectionMetrics
}

export interface Period {
  from: Day
  to: Day
}

/**
 * Every day from `from` to `to` as the bulletins of that day count it: the work bulletin
 * (workBulletinOf) and the inspection metrics of every unit (from inspectionBulletinInput).
 */
export function periodDays(
  db: Db,
  roster: Roster,
  schedule: Schedule,
  { from, to }: Period,
): PeriodDay[] {
  return daysBetween(from, to).map((day) => ({
    day,
    work: workBulletinOf(db, roster, schedule, day),
    metrics: inspectionMetrics(roster, inspectionBulletinInput(db, day)),
  }))
}

/**
 * The first and last day anything was recorded on: a counted report, a spot check that was
 * asked, a field record or a note (retracted ones aside). Undefined for an empty store.
 */
export function dataBounds(db: Db): Period | undefined {
  const bounds = [
    db
      .select({ first: min(reports.day), last: max(reports.day) })
      .from(reports)
      .where(eq(reports.status, 'counted'))
      .get(),
    db
      .select({ first: min(spotChecks.day), last: max(spotChecks.day) })
      .from(spotChecks)
      .where(ne(spotChecks.status, 'planned'))
      .get(),
    db
      .select({ first: min(fieldRecords.day), last: max(fieldRecords.day) })
      .from(fieldRecords)
      .where(eq(fieldRecords.retracted, false))
      .get(),
    db
      .select({ first: min(notes.day), last: max(notes.day) })
      .from(notes)
      .where(eq(notes.retracted, false))
      .get(),
  ]
  const firsts = bounds.map((b) => b?.first).filter((d): d is string => typeof d === 'string')
  const lasts = bounds.map((b) => b?.last).filter((d): d is string => typeof d === 'string')
  if (firsts.length === 0 || lasts.length === 0) return undefined
  return { from: firsts.sort()[0]!, to: lasts.sort().at(-1)! }
}

/**
 * The security period up to `today`: the schedule's start and end where it sets them, else the
 * first and last day with data. Undefined when it has not begun or nothing says where it starts.
 * @example eventPeriod(db, { event: { start: '2026-10-01' } }, '2026-10-12') // { from: '2026-10-01', to: '2026-10-12' }
 */
export function eventPeriod(db: Db, schedule: Schedule, today: Day): Period | undefined {
  const { start, end } = schedule.event
  const data = start === undefined || end === undefined ? dataBounds(db) : undefined
  const from = start ?? data?.from
  let to = end ?? (start === undefined ? data?.to : today)
  if (from === undefined || to === undefined) return undefined
  if (to > today) to = today
  return from <= to ? { from, to } : undefined
}

/** The commendations (#表扬) written from `from` to `to` and not retracted, oldest first. */
export function commendationsBetween(db: Db, { from, to }: Period): RankingCommendation[] {
  return db
    .select({ day: notes.day, unit: notes.unit, subject: notes.subject, text: notes.text })
    .from(notes)
    .where(
      and(between(notes.day, from, to), eq(notes.kind, 'commendation'), eq(notes.retracted, false)),
    )
    .orderBy(asc(notes.createdAt), asc(notes.id))
    .all()
}

/**
 * The ranking over a period; `days` when the caller already has them (an export does).
 * @example eventRankingOf(db, roster, schedule, eventPeriod(db, schedule, today)!)
 */
export function eventRankingOf(
  db: Db,
  roster: Roster,
  schedule: Schedule,
  period: Period,
  days: readonly PeriodDay[] = periodDays(db, roster, schedule, period),
): EventRanking {
  return eventRanking(roster, {
    from: period.from,
    to: period.to,
    days: days.map(({ day, work, metrics }) => ({
      day,
      units: work.units,
      rates: metrics.units,
    })),
    commendations: commendationsBetween(db, period),
  })
}
