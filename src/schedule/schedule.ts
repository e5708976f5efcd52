import type { Day } from '../time/zoned.js'

/** The day's fixed moments, local wall-clock HH:mm in the roster's time zone; undefined = switched off. */
export interface Schedule {
  /** Morning reminder to every liaison room. */
  reminder?: string
  /** Report deadline: each liaison room is told which of its units have not reported. */
  deadline?: string
  /** Escalation: the command rooms get the units still missing. */
  escalation?: string
  /** The evening bulletins to the command rooms. */
  bulletins?: string
  /** The security period: nothing is sent on days outside it. */
  event: { start?: Day; end?: Day }
  /** Spot checks; absent means none are scheduled. */
  inspection?: InspectionSchedule
}

/** A stretch of the day, local HH:mm to HH:mm. */
export interface Period {
  start: string
  end: string
}

export interface InspectionSchedule {
  /** Fixed display periods: every unit must show its staffed posts (集中展示时段必查). */
  displayPeriods: Period[]
  /** Random spot checks a day, at random times in working hours outside the display periods. */
  randomChecks: number
  workingHours: Period
  /** Time a unit has to answer a random or ordered check. */
  checkMinutes: number
}

export const defaultInspection: InspectionSchedule = {
  displayPeriods: [
    { start: '08:00', end: '09:00' },
    { start: '17:00', end: '18:00' },
  ],
  randomChecks: 3,
  workingHours: { start: '08:00', end: '20:00' },
  checkMinutes: 20,
}

/** The day as the task force runs it unless configured otherwise. */
export const defaultSchedule: Schedule = {
  reminder: '07:30',
  deadline: '09:00',
  escalation: '09:30',
  bulletins: '20:00',
  event: {},
  inspection: defaultInspection,
}

export type ScheduledKind =
  | 'reminder'
  | 'chase'
  | 'escalation'
  | 'bulletins'
  | 'random-plan'
  | 'display-start'
  | 'display-middle'
  | 'display-end'

export interface ScheduledMoment {
  kind: ScheduledKind
  time: string
  /** Which display period, for the display moments. */
  period?: number
}

/** Minutes since midnight of HH:mm. */
export function minutesOf(time: string): number {
  const [hours, minutes] = time.split(':').map(Number)
  return hours! * 60 + minutes!
}

/** HH:mm of minutes since midnight. */
export function clockOf(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`
}

/** The switched-on moments of a day, in time order. */
export function momentsOf(schedule: Schedule): ScheduledMoment[] {
  const moments: ScheduledMoment[] = []
  const add = (kind: ScheduledKind, time: string | undefined, period?: number) => {
    if (time !== undefined)
      moments.push({ kind, time, ...(period !== undefined ? { period } : {}) })
  }
  add('reminder', schedule.reminder)
  add('chase', schedule.deadline)
  add('escalation', schedule.escalation)
  add('bulletins', schedule.bulletins)
  const inspection = schedule.inspection
  if (inspection) {
    if (inspection.randomChecks > 0) add('random-plan', inspection.workingHours.start)
    inspection.displayPeriods.forEach((p, i) => {
      add('display-start', p.start, i)
      add('display-middle', clockOf(Math.floor((minutesOf(p.start) + minutesOf(p.end)) / 2)), i)
      add('display-end', p.end, i)
    })
  }
  return moments.sort((a, b) => a.time.localeCompare(b.time))
}

/** Whether a day lies in the security period (an open end is unbounded). */
export function inEvent(schedule: Schedule, day: Day): boolean {
  const { start, end } = schedule.event
  return (start === undefined || day >= start) && (end === undefined || day <= end)
}

/** The deterministic id of a scheduled job: kind, display period and day (targets are fanned out below it). */
export function scheduledJobId(kind: string, day: Day, period?: number): string {
  return period === undefined ? `${kind}-${day}` : `${kind}-${period}-${day}`
}

/** HH:mm → the cron expression that fires at that local minute every day. */
export function dailyCron(time: string): string {
  const [hours, minutes] = time.split(':').map(Number)
  return `${minutes} ${hours} * * *`
}

/** Reads `HH:mm-HH:mm` (also – or ~ between); undefined unless it is a period that ends after it starts. */
export function parsePeriod(value: string): Period | undefined {
  const [start, end, ...rest] = value.split(/[-–~]/).map((part) => normalizeClock(part))
  if (rest.length > 0 || !start || !end || minutesOf(end) <= minutesOf(start)) return undefined
  return { start, end }
}

/** Accepts H:mm or HH:mm in 24-hour time; returns HH:mm, or undefined when it is not a time. */
export function normalizeClock(value: string): string | undefined {
  const match = /^([01]?\d|2[0-3]):([0-5]\d)$/.exec(value.trim())
  return match ? `${match[1]!.padStart(2, '0')}:${match[2]}` : undefined
}

/** The report deadline: the chase's time, or 09:00 when the chase is switched off. */
export function deadlineOf(schedule: Schedule): string {
  return schedule.deadline ?? '09:00'
}
