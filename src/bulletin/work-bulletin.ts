/**
 * The work-status bulletin (工作情况通报): the day's figures per unit, the total, who has not
 * reported, activities, late reports and corrections. Pure: the rows come in, the figures go out.
 */
import type { ActivityKind } from '../parse/types.js'
import { pointsOf, targetOf } from '../roster/queries.js'
import type { Roster } from '../roster/roster.js'
import { localTime, type Day } from '../time/zoned.js'
import { latestBy } from './latest.js'

/** A counted headcount report, as stored. Rows of one day, oldest first (ties: later row is newer). */
export interface BulletinReport {
  unit: string
  count: number
  approx: boolean
  points: number | null
  reportedAt: number
  correction: boolean
}

/** An activity report that was not retracted, oldest first. */
export interface BulletinActivity {
  unit: string
  kind: string
  count: number
  reportedAt: number
}

export interface WorkBulletinInput {
  day: Day
  /** The instant of the report deadline on `day`: a unit whose first report came after it was late. */
  deadlineAt: number
  /** Counted reports of `day`. */
  reports: BulletinReport[]
  /** Counted reports of the day before, for the change against yesterday. */
  previous: BulletinReport[]
  /** Activities of `day`, not retracted. */
  activities: BulletinActivity[]
}

export interface UnitFigure {
  unit: string
  depth: number
  parent: string | null
  leaf: boolean
  /** Its own latest report, else the sum of its children's figures; null when there is none. */
  count: number | null
  /** The figure is, or includes, a number written as 余/多/约. */
  approx: boolean
  target: number | null
  /** count / target, rounded to a whole percent. */
  percent: number | null
  /** The figure of the day before, by the same rules. */
  previous: number | null
  /** count − previous; null when either side has no figure. */
  delta: number | null
  /** Reported duty points: its own report's, else the sum of its children's that gave them. */
  points: number | null
  /** Planned duty points from the roster. */
  plannedPoints: number | null
  /** The unit itself sent a counted report that day. */
  reported: boolean
  /** Its first counted report that day came after the deadline. */
  late: boolean
  /** More than one counted report that day, or one marked as a correction. */
  corrected: boolean
}

export interface LateReport {
  unit: string
  /** The first counted report of the day, epoch ms, and as local HH:mm. */
  at: number
  time: string
}

export interface Correction {
  unit: string
  /** The first counted figure of the day and the one that stands. */
  first: number
  count: number
  /** Counted reports that day. */
  reports: number
}

export type ActivityTotals = Record<ActivityKind, number>

export interface WorkBulletin {
  date: Day
  /** The deadline as local HH:mm. */
  deadline: string
  /** Sum of the top-level units' figures; null when no unit has one. */
  total: number | null
  approx: boolean
  target: number | null
  percent: number | null
  previousTotal: number | null
  delta: number | null
  /** Every unit in tree order (parents before their children, roster order). */
  units: UnitFigure[]
  /** Canonical names of the leaf units that sent no counted report, in roster order. */
  missing: string[]
  activities: ActivityTotals
  /** Whether any activity was reported at all (all zeros otherwise). */
  activitiesReported: boolean
  late: LateReport[]
  corrections: Correction[]
}

export const activityKinds: readonly ActivityKind[] = [
  'patrol',
  'safety_check',
  'hazard',
  'dispute',
]

interface OwnDay {
  latest: BulletinReport
  first: BulletinReport
  reports: number
  marked: boolean
}

/** Each unit's own reports of a day: the latest wins; the first says whether it was late. */
function ownReports(rows: readonly BulletinReport[]): Map<string, OwnDay> {
  const own = new Map<string, OwnDay>()
  for (const row of rows) {
    const seen = own.get(row.unit)
    if (!seen) {
      own.set(row.unit, { latest: row, first: row, reports: 1, marked: row.correction })
      continue
    }
    seen.reports++
    seen.marked ||= row.correction
    if (row.reportedAt >= seen.latest.reportedAt) seen.latest = row
    if (row.reportedAt < seen.first.reportedAt) seen.first = row
  }
  return own
}

interface Figure {
  count: number
  approx: boolean
  points: number | null
}

/**
 * Figures of every unit for a day: its own latest report, else the sum of its children's.
 * Units come in file order (parents before children), so walking it backwards sees every
 * child before its parent.
 */
function figures(roster: Roster, own: Map<string, OwnDay>): Map<string, Figure> {
  const result = new Map<string, Figure>()
  const units = [...roster.units.values()]
  for (let i = units.length - 1; i >= 0; i--) {
    const unit = units[i]!
    const mine = own.get(unit.name)
    if (mine) {
      const { count, approx, points } = mine.latest
      result.set(unit.name, { count, approx, points })
      continue
    }
    let sum: Figure | undefined
    for (const child of unit.children) {
      const figure = result.get(child)
      if (!figure) continue
      sum ??= { count: 0, approx: false, points: null }
      sum.count += figure.count
      sum.approx ||= figure.approx
      if (figure.points !== null) sum.points = (sum.points ?? 0) + figure.points
    }
    if (sum) result.set(unit.name, sum)
  }
  return result
}

function percentOf(count: number | null, target: number | null): number | null {
  return count !== null && target !== null && target > 0 ? Math.round((count / target) * 100) : null
}

function sumOf(values: Array<number | null | undefined>): number | null {
  let sum: number | null = null
  for (const v of values) if (v !== null && v !== undefined) sum = (sum ?? 0) + v
  return sum
}

/** Activities: the latest report per unit and kind, summed per kind over the roster's units. */
function activityTotals(
  roster: Roster,
  rows: readonly BulletinActivity[],
): { totals: ActivityTotals; reported: boolean } {
  const known = rows.filter(
    (row) => roster.units.has(row.unit) && (activityKinds as readonly string[]).includes(row.kind),
  )
  const latest = latestBy(known, (row) => `${row.unit}\u0000${row.kind}`)
  const totals: ActivityTotals = { patrol: 0, safety_check: 0, hazard: 0, dispute: 0 }
  for (const row of latest.values()) totals[row.kind as ActivityKind] += row.count
  return { totals, reported: latest.size > 0 }
}

/**
 * The work-status bulletin of a day, from that day's and the previous day's counted reports.
 * Reports of units no longer in the roster are left out.
 * @example buildWorkBulletin(roster, workBulletinInput(db, '2026-10-12', instantOf('2026-10-12', '09:00', roster.timezone)))
 */
export function buildWorkBulletin(roster: Roster, input: WorkBulletinInput): WorkBulletin {
  const today = ownReports(input.reports)
  const yesterday = ownReports(input.previous)
  const now = figures(roster, today)
  const before = figures(roster, yesterday)

  const units: UnitFigure[] = []
  const missing: string[] = []
  const late: LateReport[] = []
  const corrections: Correction[] = []
  for (const unit of roster.units.values()) {
    const figure = now.get(unit.name)
    const previous = before.get(unit.name)?.count ?? null
    const count = figure?.count ?? null
    const target = targetOf(roster, unit.name) ?? null
    const mine = today.get(unit.name)
    const isLate = mine !== undefined && mine.first.reportedAt > input.deadlineAt
    const corrected = mine !== undefined && (mine.reports > 1 || mine.marked)
    const leaf = unit.children.length === 0
    units.push({
      unit: unit.name,
      depth: unit.depth,
      parent: unit.parent ?? null,
      leaf,
      count,
      approx: figure?.approx ?? false,
      target,
      percent: percentOf(count, target),
      previous,
      delta: count !== null && previous !== null ? count - previous : null,
      points: figure?.points ?? null,
      plannedPoints: pointsOf(roster, unit.name) ?? null,
      reported: mine !== undefined,
      late: isLate,
      corrected,
    })
    if (leaf && !mine) missing.push(unit.name)
    if (mine && isLate) {
      late.push({
        unit: unit.name,
        at: mine.first.reportedAt,
        time: localTime(mine.first.reportedAt, roster.timezone),
      })
    }
    if (mine && corrected) {
      corrections.push({
        unit: unit.name,
        first: mine.first.count,
        count: mine.latest.count,
        reports: mine.reports,
      })
    }
  }

  const total = sumOf(roster.topLevel.map((name) => now.get(name)?.count))
  const previousTotal = sumOf(roster.topLevel.map((name) => before.get(name)?.count))
  const target = sumOf(roster.topLevel.map((name) => targetOf(roster, name)))
  const activities = activityTotals(roster, input.activities)
  return {
    date: input.day,
    deadline: localTime(input.deadlineAt, roster.timezone),
    total,
    approx: roster.topLevel.some((name) => now.get(name)?.approx === true),
    target,
    percent: percentOf(total, target),
    previousTotal,
    delta: total !== null && previousTotal !== null ? total - previousTotal : null,
    units,
    missing,
    activities: activities.totals,
    activitiesReported: activities.reported,
    late,
    corrections,
  }
}
