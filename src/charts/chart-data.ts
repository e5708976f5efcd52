/**
 * What the bulletin and trend charts show, from the bulletins' own figures: nothing is counted
 * twice and nothing is counted differently from the text bulletins. Pure: bulletins in, figures out.
 */
import type { InspectionBulletin } from '../bulletin/inspection-bulletin.js'
import type { WorkBulletin } from '../bulletin/work-bulletin.js'
import type { Rate } from '../metrics/inspection-metrics.js'
import type { Day } from '../time/zoned.js'

/** A top-level unit's headcount against its target. */
export interface HeadcountBar {
  unit: string
  /** Null when neither the unit nor any unit below it reported. */
  count: number | null
  approx: boolean
  target: number | null
  /** count / target as a whole percent, as the work bulletin rounds it. */
  percent: number | null
}

/** A top-level unit's inspection rates (the ones that are shares: 见勤率, 管事率, 覆盖率). */
export interface RatesBar {
  unit: string
  onDuty: Rate
  engagement: Rate
  coverage: Rate
}

export interface BulletinChartData {
  date: Day
  total: number | null
  approx: boolean
  target: number | null
  percent: number | null
  /** Top-level units in roster order. */
  headcount: HeadcountBar[]
  /** The same units in the same order. */
  rates: RatesBar[]
  overall: Omit<RatesBar, 'unit'>
}

/**
 * The figures of the bulletin chart of a day: headcount against target and the rates, per
 * top-level unit in roster order (the order the work bulletin lists them in).
 * @example bulletinChartData(workBulletinOf(db, roster, schedule, day), inspectionBulletinOf(db, roster, day))
 */
export function bulletinChartData(
  work: WorkBulletin,
  inspection: InspectionBulletin,
): BulletinChartData {
  const top = work.units.filter((u) => u.depth === 0)
  const standings = new Map(inspection.units.map((s) => [s.unit, s.rates]))
  return {
    date: work.date,
    total: work.total,
    approx: work.approx,
    target: work.target,
    percent: work.percent,
    headcount: top.map(({ unit, count, approx, target, percent }) => ({
      unit,
      count,
      approx,
      target,
      percent,
    })),
    rates: top.flatMap((u) => {
      const rates = standings.get(u.unit)
      return rates
        ? [
            {
              unit: u.unit,
              onDuty: rates.onDuty,
              engagement: rates.engagement,
              coverage: rates.coverage,
            },
          ]
        : []
    }),
    overall: {
      onDuty: inspection.rates.onDuty,
      engagement: inspection.rates.engagement,
      coverage: inspection.rates.coverage,
    },
  }
}

/**
 * Whether there is anything to draw: a headcount figure, or a check or field record that
 * counts. (覆盖率 alone says nothing: with no reports it is 0 of the planned points.)
 */
export function hasBulletinChartData(data: BulletinChartData): boolean {
  return (
    data.headcount.some((bar) => bar.count !== null) ||
    data.rates.some((bar) => bar.onDuty.value !== null || bar.engagement.value !== null)
  )
}

/** One day of the trend: the total of the day against the target. */
export interface TrendPoint {
  day: Day
  total: number | null
  approx: boolean
  target: number | null
  percent: number | null
}

export interface TrendChartData {
  from: Day
  to: Day
  points: TrendPoint[]
}

/**
 * The daily totals against target of consecutive days, oldest first.
 * @example trendChartData(daysBetween('2026-10-06', '2026-10-12').map((d) => workBulletinOf(db, roster, schedule, d)))
 */
export function trendChartData(bulletins: readonly WorkBulletin[]): TrendChartData {
  const sorted = [...bulletins].sort((a, b) => a.date.localeCompare(b.date))
  if (sorted.length === 0) throw new Error('a trend needs at least one day')
  return {
    from: sorted[0]!.date,
    to: sorted.at(-1)!.date,
    points: sorted.map(({ date, total, approx, target, percent }) => ({
      day: date,
      total,
      approx,
      target,
      percent,
    })),
  }
}

/** Whether any day of the trend has a total. */
export function hasTrendData(data: TrendChartData): boolean {
  return data.points.some((p) => p.total !== null)
}
