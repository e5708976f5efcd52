/**
 * The inspection metrics (督导指标), defined here and nowhere else: 见勤率, 管事率, 覆盖率 and
 * 巡逻指数, each a numerator over a denominator, per unit rolled up the roster tree and overall.
 * Pure: the day's rows come in, the figures go out.
 */
import type { BulletinActivity, BulletinReport } from '../bulletin/work-bulletin.js'
import type { Roster } from '../roster/roster.js'
import { latestBy } from '../bulletin/latest.js'

/** As db/schema.ts stores them: fixed display periods, random checks, an inspector's #抽查. */
export type CheckKind = 'display' | 'random' | 'ordered'
export type CheckStatus = 'planned' | 'open' | 'answered' | 'late' | 'unanswered'

/** A spot check of the day, as stored. */
export interface InspectionCheck {
  unit: string
  kind: CheckKind
  status: CheckStatus
  /** When the unit was asked, epoch ms. */
  askedAt: number
}

/** What an inspector found at a post (#督检), as stored. */
export interface InspectionFieldRecord {
  unit: string
  onDuty: boolean
  volunteers: number | null
  /** 管事; null when the inspector did not say. */
  engaged: boolean | null
  retracted: boolean
}

export interface InspectionMetricsInput {
  checks: InspectionCheck[]
  fieldRecords: InspectionFieldRecord[]
  /** Counted headcount reports of the day, oldest first, as the work bulletin reads them. */
  reports: BulletinReport[]
  /** Activities of the day that were not retracted, oldest first. */
  activities: BulletinActivity[]
}

/** A rate with what it is made of; `value` is numerator / denominator, null with no denominator. */
export interface Rate {
  numerator: number
  denominator: number
  value: number | null
}

export interface InspectionRates {
  /** 见勤率: checks that found volunteers on duty / checks. */
  onDuty: Rate
  /** 管事率: field records marked 管事 / field records that found volunteers on duty. */
  engagement: Rate
  /** 覆盖率: planned points reported staffed (capped at planned) / planned points. */
  coverage: Rate
  /** 巡逻指数: patrols reported / planned points. */
  patrol: Rate
}

export interface InspectionMetrics {
  /** Every roster unit in roster order, with the sums over its subtree. */
  units: ReadonlyMap<string, InspectionRates>
  /** The sums over the top-level units. */
  overall: InspectionRates
}

/**
 * How a spot check counts for 见勤率: answered in time found volunteers on duty, late or
 * unanswered did not; a check still open, or only planned, does not count yet.
 */
function checkFoundOnDuty(status: CheckStatus): boolean | undefined {
  switch (status) {
    case 'answered':
      return true
    case 'late':
    case 'unanswered':
      return false
    case 'open':
    case 'planned':
      return undefined
  }
}

interface Counts {
  found: number
  checked: number
  engaged: number
  onDutyRecords: number
  staffedPoints: number
  plannedPoints: number
  patrols: number
}

const noCounts = (): Counts => ({
  found: 0,
  checked: 0,
  engaged: 0,
  onDutyRecords: 0,
  staffedPoints: 0,
  plannedPoints: 0,
  patrols: 0,
})

function add(into: Counts, from: Counts): void {
  for (const key of Object.keys(into) as Array<keyof Counts>) into[key] += from[key]
}

function rateOf(numerator: number, denominator: number): Rate {
  return { numerator, denominator, value: denominator > 0 ? numerator / denominator : null }
}

function ratesOf(counts: Counts): InspectionRates {
  return {
    onDuty: rateOf(counts.found, counts.checked),
    engagement: rateOf(counts.engaged, counts.onDutyRecords),
    coverage: rateOf(counts.staffedPoints, counts.plannedPoints),
    patrol: rateOf(counts.patrols, counts.plannedPoints),
  }
}

/** Each unit's own checks and field records, before rolling up. Units not in the roster are left out. */
function ownCounts(roster: Roster, input: InspectionMetricsInput): Map<string, Counts> {
  const own = new Map<string, Counts>()
  const countsOf = (unit: string): Counts | undefined => {
    if (!roster.units.has(unit)) return undefined
    let counts = own.get(unit)
    if (!counts) own.set(unit, (counts = noCounts()))
    return counts
  }
  for (const check of input.checks) {
    const found = checkFoundOnDuty(check.status)
    const counts = found === undefined ? undefined : countsOf(check.unit)
    if (!counts) continue
    counts.checked++
    if (found) counts.found++
  }
  for (const record of input.fieldRecords) {
    const counts = record.retracted ? undefined : countsOf(record.unit)
    if (!counts) continue
    counts.checked++
    if (!record.onDuty) continue
    counts.found++
    counts.onDutyRecords++
    // An inspector who did not say 管事 did not see it: the record counts as not engaged.
    if (record.engaged === true) counts.engaged++
  }
  return own
}

/**
 * The four rates of every unit for a day, rolled up the tree, and overall.
 *
 * Planned points are the leaves': a leaf with planned points counts them, and a parent's are
 * its leaves' sum (a parent's own `points` in the roster, and points a parent reports for
 * itself, are not used). Staffed points are the `points` of a leaf's latest counted report,
 * capped at its planned points. Patrols are the latest patrol report of each unit (a parent's
 * own report included), counted only where the unit has planned points below it: the patrols
 * of an industry unit with no duty points have nothing to be set against.
 * @example inspectionMetrics(roster, input).overall.onDuty // { numerator: 18, denominator: 20, value: 0.9 }
 */
export function inspectionMetrics(
  roster: Roster,
  input: InspectionMetricsInput,
): InspectionMetrics {
  const own = ownCounts(roster, input)
  const latestReports = latestBy(input.reports, (r) => r.unit)
  const latestPatrols = latestBy(
    input.activities.filter((a) => a.kind === 'patrol'),
    (a) => a.unit,
  )

  // File order puts parents before children: walking it backwards sees every child first.
  const totals = new Map<string, Counts>()
  const units = [...roster.units.values()]
  for (let i = units.length - 1; i >= 0; i--) {
    const unit = units[i]!
    const counts = own.get(unit.name) ?? noCounts()
    if (unit.children.length === 0 && unit.points !== undefined) {
      counts.plannedPoints = unit.points
      counts.staffedPoints = Math.min(latestReports.get(unit.name)?.points ?? 0, unit.points)
    }
    for (const child of unit.children) add(counts, totals.get(child)!)
    if (counts.plannedPoints > 0) counts.patrols += latestPatrols.get(unit.name)?.count ?? 0
    totals.set(unit.name, counts)
  }

  const overall = noCounts()
  for (const name of roster.topLevel) add(overall, totals.get(name)!)
  return {
    units: new Map(units.map(({ name }) => [name, ratesOf(totals.get(name)!)])),
    overall: ratesOf(overall),
  }
}
