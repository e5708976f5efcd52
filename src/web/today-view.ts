/**
 * What the page's Today view (and any day's) shows, from the bulletins' own figures: the work
 * bulletin exactly as `bulletin work --json` prints it, the inspection bulletin's checks, rates and
 * field totals, the checks still open with their time left, the day's field records, and the
 * figures held for #确认. Scoped by role. Pure: figures in, the page's data out.
 */
import { checksTotal, type InspectionBulletin } from '../bulletin/inspection-bulletin.js'
import type { WorkBulletin } from '../bulletin/work-bulletin.js'
import type { StoredFieldRecord } from '../inspection/parse-field-record.js'
import type { CheckKind, CheckStatus } from '../metrics/inspection-metrics.js'
import { localTime, type Day } from '../time/zoned.js'
import { seesHeadcounts, type WebRole } from './web-roles.js'

/** A spot check of the day as stored; only open ones are shown (the bulletin counts the rest). */
export interface DayCheck {
  unit: string
  kind: CheckKind
  status: CheckStatus
  roomTopic: string
  askedAt: number
  deadlineAt: number
}

export interface TodayInput {
  role: WebRole
  now: number
  timezone: string
  /** The local day it is now. */
  today: Day
  work: WorkBulletin
  inspection: InspectionBulletin
  checks: readonly DayCheck[]
  /** The day’s field records that were not retracted. */
  fieldRecords: readonly StoredFieldRecord[]
  /** Figures held as implausible that day. */
  held: ReadonlyArray<{ unit: string; count: number }>
  /** The bulletin chart's ECharts option and size, when there is anything to draw. */
  chart?: unknown
}

export interface OpenCheck {
  unit: string
  kind: CheckKind
  roomTopic: string
  /** Asked at, and deadline, as local HH:mm. */
  asked: string
  deadline: string
  /** Whole minutes left, rounded up; 0 once the deadline has passed. */
  minutesLeft: number
}

/** A display period under way: its units that have not answered yet, as one line. */
export interface OpenDisplay {
  deadline: string
  minutesLeft: number
  /** Units asked and not yet answered. */
  units: number
}

export interface TodayData {
  date: Day
  isToday: boolean
  /** Local HH:mm the figures stand at. */
  asOf: string
  role: WebRole
  /** The work bulletin as `bulletin work --json` prints it; absent for inspectors. */
  work?: WorkBulletin
  /** Per unit, the figures held for #确认 that day and the latest of them; absent for inspectors. */
  held?: Record<string, { figures: number; latest: number }>
  chart?: unknown
  checks: {
    /** Random and ordered checks waiting for an answer, soonest deadline first. */
    open: OpenCheck[]
    /** Display periods under way (every unit is asked at once: counted, not listed). */
    openDisplay: OpenDisplay[]
    /** Asked checks by kind (display, random, ordered) and outcome. */
    tallies: InspectionBulletin['checks']
    /** Over every kind. */
    answered: number
    late: number
    unanswered: number
    /** Not answered in time, by time asked. */
    missed: InspectionBulletin['unanswered']
  }
  rates: InspectionBulletin['rates']
  /** The top-level units' rates, ranked (比学赶超). */
  standings: InspectionBulletin['units']
  field: {
    totals: InspectionBulletin['field']
    records: Array<Omit<StoredFieldRecord, 'recordedAt'> & { time: string }>
  }
}

/**
 * The page's data for a day.
 * @example todayView({ role: 'commander', now, timezone, today, work, inspection, checks, fieldRecords, held })
 */
export function todayView(input: TodayInput): TodayData {
  const { role, now, timezone, work, inspection } = input
  const time = (at: number) => localTime(at, timezone)
  const minutesLeft = (deadlineAt: number) => Math.max(0, Math.ceil((deadlineAt - now) / 60_000))
  const waiting = input.checks
    .filter((c) => c.status === 'open')
    .sort((a, b) => a.deadlineAt - b.deadlineAt)
  const open = waiting
    .filter((c) => c.kind !== 'display')
    .map((c) => ({
      unit: c.unit,
      kind: c.kind,
      roomTopic: c.roomTopic,
      asked: time(c.askedAt),
      deadline: time(c.deadlineAt),
      minutesLeft: minutesLeft(c.deadlineAt),
    }))
  const openDisplay = new Map<number, OpenDisplay>()
  for (const c of waiting.filter((c) => c.kind === 'display')) {
    const period = openDisplay.get(c.deadlineAt)
    if (period) period.units++
    else
      openDisplay.set(c.deadlineAt, {
        deadline: time(c.deadlineAt),
        minutesLeft: minutesLeft(c.deadlineAt),
        units: 1,
      })
  }
  const total = checksTotal(inspection.checks)
  const data: TodayData = {
    date: work.date,
    isToday: work.date === input.today,
    asOf: time(now),
    role,
    checks: {
      open,
      openDisplay: [...openDisplay.values()],
      tallies: inspection.checks,
      answered: total.answered,
      late: total.late,
      unanswered: total.unanswered,
      missed: inspection.unanswered,
    },
    rates: inspection.rates,
    standings: inspection.units,
    field: {
      totals: inspection.field,
      records: input.fieldRecords.map(({ recordedAt, ...record }) => ({
        ...record,
        time: time(recordedAt),
      })),
    },
  }
  if (!seesHeadcounts(role)) return data
  const held: NonNullable<TodayData['held']> = {}
  for (const { unit, count } of input.held) {
    const seen = held[unit]
    held[unit] = { figures: (seen?.figures ?? 0) + 1, latest: count }
  }
  return { ...data, work, held, ...(input.chart ? { chart: input.chart } : {}) }
}
