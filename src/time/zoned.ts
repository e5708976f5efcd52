import dayjs from 'dayjs'
import timezone from 'dayjs/plugin/timezone.js'
import utc from 'dayjs/plugin/utc.js'

dayjs.extend(utc)
dayjs.extend(timezone)

/** A calendar day as YYYY-MM-DD, always in the roster's time zone, never the server's. */
export type Day = string

/**
 * The local calendar day of an instant in a time zone.
 * @example localDay(Date.parse('2026-10-11T17:00:00Z'), 'Asia/Shanghai') // '2026-10-12'
 */
export function localDay(at: number, zone: string): Day {
  return dayjs(at).tz(zone).format('YYYY-MM-DD')
}

/** The instant a local wall-clock time occurs on a day, e.g. ('2026-10-12', '09:00'). */
export function instantOf(day: Day, time: string, zone: string): number {
  return dayjs.tz(`${day} ${time}`, 'YYYY-MM-DD HH:mm', zone).valueOf()
}

/** Local wall-clock time HH:mm of an instant. */
export function localTime(at: number, zone: string): string {
  return dayjs(at).tz(zone).format('HH:mm')
}

export function addDays(day: Day, days: number): Day {
  return dayjs.utc(day).add(days, 'day').format('YYYY-MM-DD')
}

/** Days from `from` to `to`, both included. */
export function daysBetween(from: Day, to: Day): Day[] {
  const days: Day[] = []
  for (let d = from; d <= to; d = addDays(d, 1)) days.push(d)
  return days
}

/** Short Chinese date for messages, e.g. 10月12日. */
export function chineseDate(day: Day): string {
  const [, month, date] = day.split('-')
  return `${Number(month)}月${Number(date)}日`
}

/**
 * The day a message reports for: a date it states (11月3日) when that falls within
 * the week before the day it was sent, else the day it was sent.
 */
export function reportDay(sentDay: Day, stated?: { month: number; day: number }): Day {
  if (!stated) return sentDay
  const year = Number(sentDay.slice(0, 4))
  for (const y of [year, year - 1]) {
    const candidate = dayjs
      .utc(`${y}-01-01`)
      .month(stated.month - 1)
      .date(stated.day)
    if (candidate.month() !== stated.month - 1) continue
    const day = candidate.format('YYYY-MM-DD')
    if (day <= sentDay && day >= addDays(sentDay, -7)) return day
  }
  return sentDay
}
