/**
 * The inspection-status bulletin (督导情况通报): the day's spot checks and field records, the
 * four inspection rates overall and per top-level unit ranked (比学赶超), the units that did not
 * answer in time, problems, commendations and the next day's focus. Pure: rows in, figures out.
 */
import {
  inspectionMetrics,
  type CheckKind,
  type InspectionMetricsInput,
  type InspectionRates,
  type Rate,
} from '../metrics/inspection-metrics.js'
import type { Roster } from '../roster/roster.js'
import { localTime, type Day } from '../time/zoned.js'

export type NoteKind = 'commendation' | 'problem' | 'focus'

/** A note of the day (#表扬, #问题, #明日重点), as stored. */
export interface InspectionNote {
  kind: NoteKind
  unit: string | null
  /** The person commended, or the post where the problem was seen. */
  subject: string | null
  text: string
  createdAt: number
  retracted: boolean
}

export interface InspectionBulletinInput extends InspectionMetricsInput {
  day: Day
  /** Notes written on `day`, oldest first. */
  notes: InspectionNote[]
}

/** Spot checks of one kind that were asked (planned ones are not counted), by outcome. */
export interface CheckTally {
  kind: CheckKind
  asked: number
  answered: number
  late: number
  unanswered: number
  /** Asked, deadline not yet passed. */
  open: number
}

/** Every kind's checks together: the bulletin's 合计 line and the page's totals. */
export function checksTotal(tallies: readonly CheckTally[]): Omit<CheckTally, 'kind'> {
  const total = { asked: 0, answered: 0, late: 0, unanswered: 0, open: 0 }
  for (const t of tallies) {
    total.asked += t.asked
    total.answered += t.answered
    total.late += t.late
    total.unanswered += t.unanswered
    total.open += t.open
  }
  return total
}

export interface UnitStanding {
  unit: string
  /** Place in the ranking; null for a unit with no 见勤率 (nothing checked), listed last. */
  rank: number | null
  rates: InspectionRates
}

/** A spot check not answered in time. */
export interface MissedCheck {
  unit: string
  kind: CheckKind
  status: 'late' | 'unanswered'
  askedAt: number
  /** askedAt as local HH:mm. */
  time: string
}

export interface BulletinNote {
  unit: string | null
  subject: string | null
  text: string
}

/** Field records that were not retracted. */
export interface FieldTotals {
  records: number
  /** Found volunteers on duty. */
  onDuty: number
  /** Of those, marked 管事. */
  engaged: number
  /** Of those, with 管事 not said either way. */
  unstated: number
  /** Volunteers seen, where the inspector counted them. */
  volunteers: number
}

export interface InspectionBulletin {
  date: Day
  /** One per kind, in the order display, random, ordered. */
  checks: CheckTally[]
  /** The four rates over every unit. */
  rates: InspectionRates
  /** The top-level units, ranked (比学赶超). */
  units: UnitStanding[]
  /** Checks not answered in time (未按时回复): no answer, or a late one; by time asked. */
  unanswered: MissedCheck[]
  problems: BulletinNote[]
  commendations: BulletinNote[]
  /** The next day's focus (#明日重点), written on this day. */
  focus: BulletinNote[]
  field: FieldTotals
}

const checkKinds: readonly CheckKind[] = ['display', 'random', 'ordered']

function checkTallies(roster: Roster, input: InspectionBulletinInput): CheckTally[] {
  const tallies = checkKinds.map((kind): CheckTally => ({
    kind,
    asked: 0,
    answered: 0,
    late: 0,
    unanswered: 0,
    open: 0,
  }))
  for (const check of input.checks) {
    const tally = tallies.find((t) => t.kind === check.kind)
    if (!tally || check.status === 'planned' || !roster.units.has(check.unit)) continue
    tally.asked++
    tally[check.status]++
  }
  return tallies
}

function missedChecks(roster: Roster, input: InspectionBulletinInput): MissedCheck[] {
  const order = new Map([...roster.units.keys()].map((name, i) => [name, i]))
  const missed: MissedCheck[] = []
  for (const { unit, kind, status, askedAt } of input.checks) {
    if ((status !== 'late' && status !== 'unanswered') || !order.has(unit)) continue
    missed.push({ unit, kind, status, askedAt, time: localTime(askedAt, roster.timezone) })
  }
  return missed.sort((a, b) => a.askedAt - b.askedAt || order.get(a.unit)! - order.get(b.unit)!)
}

function fieldTotals(roster: Roster, input: InspectionBulletinInput): FieldTotals {
  const totals: FieldTotals = { records: 0, onDuty: 0, engaged: 0, unstated: 0, volunteers: 0 }
  for (const record of input.fieldRecords) {
    if (record.retracted || !roster.units.has(record.unit)) continue
    totals.records++
    totals.volunteers += record.volunteers ?? 0
    if (!record.onDuty) continue
    totals.onDuty++
    if (record.engaged === true) totals.engaged++
    if (record.engaged === null) totals.unstated++
  }
  return totals
}

function notesOf(input: InspectionBulletinInput, kind: NoteKind): BulletinNote[] {
  return input.notes
    .filter((note) => note.kind === kind && !note.retracted)
    .map(({ unit, subject, text }) => ({ unit, subject, text }))
}

/** Higher first; a rate with no denominator after every rate that has one. */
function byRate(a: Rate, b: Rate): number {
  return (b.value ?? -1) - (a.value ?? -1)
}

/** 比学赶超: by 见勤率, ties by 覆盖率, then by name; units with nothing checked last. */
function ranked(standings: Array<Omit<UnitStanding, 'rank'>>): UnitStanding[] {
  const sorted = [...standings].sort(
    (a, b) =>
      byRate(a.rates.onDuty, b.rates.onDuty) ||
      byRate(a.rates.coverage, b.rates.coverage) ||
      a.unit.localeCompare(b.unit, 'zh-CN'),
  )
  return sorted.map(({ unit, rates }, i) => ({
    unit,
    rank: rates.onDuty.value === null ? null : i + 1,
    rates,
  }))
}

/**
 * The inspection bulletin of a day. Checks and field records of units no longer in the roster
 * are left out; notes are kept whatever unit they name.
 * @example buildInspectionBulletin(roster, inspectionBulletinInput(db, '2026-10-12'))
 */
export function buildInspectionBulletin(
  roster: Roster,
  input: InspectionBulletinInput,
): InspectionBulletin {
  const metrics = inspectionMetrics(roster, input)
  return {
    date: input.day,
    checks: checkTallies(roster, input),
    rates: metrics.overall,
    units: ranked(roster.topLevel.map((unit) => ({ unit, rates: metrics.units.get(unit)! }))),
    unanswered: missedChecks(roster, input),
    problems: notesOf(input, 'problem'),
    commendations: notesOf(input, 'commendation'),
    focus: notesOf(input, 'focus'),
    field: fieldTotals(roster, input),
  }
}
