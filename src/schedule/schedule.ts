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
}

/** The day as the task force runs it unless configured otherwise. */
export const defaultSchedule: Schedule = {
  reminder: '07:30',
  deadline: '09:00',
  escalation: '09:30',
  bulletins: '20:00',
  event: {},
}

export type ScheduledKind = 'reminder' | 'chase' | 'escalation' | 'bulletins'

export interface ScheduledMoment {
  kind: ScheduledKind
  time: string
}

/** The switched-on moments of a day, in time order. */
export function momentsOf(schedule: Schedule): ScheduledMoment[] {
  const moments: Array<[ScheduledKind, string | undefined]> = [
    ['reminder', schedule.reminder],
    ['chase', schedule.deadline],
    ['escalation', schedule.escalation],
    ['bulletins', schedule.bulletins],
  ]
  return moments
    .filter((m): m is [ScheduledKind, string] => m[1] !== undefined)
    .map(([kind, time]) => ({ kind, time }))
    .sort((a, b) => a.time.localeCompare(b.time))
}

/** Whether a day lies in the security period (an open end is unbounded). */
export function inEvent(schedule: Schedule, day: Day): boolean {
  const { start, end } = schedule.event
  return (start === undefined || day >= start) && (end === undefined || day <= end)
}

/** The deterministic id of a scheduled job: kind and day (targets are fanned out below it). */
export function scheduledJobId(kind: ScheduledKind, day: Day): string {
  return `${kind}-${day}`
}

/** HH:mm → the cron expression that fires at that local minute every day. */
export function dailyCron(time: string): string {
  const [hours, minutes] = time.split(':').map(Number)
  return `${minutes} ${hours} * * *`
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
