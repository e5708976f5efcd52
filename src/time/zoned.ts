import dayjs from 'dayjs'
import timezone from 'dayjs/plugin/timezone.js'
import utc from 'dayjs/plugin/utc.js'

dayjs.extend(utc)
dayjs.extend(timezone)

/** A calendar day as YYYY-MM-DD, always in the roster's time zone, never the server's. */
export type Day = string

/**
 * One formatter per zone: dayjs's tz() builds a fresh Intl formatter per call (~100 µs), and
 * every stored message asks for its local day.
 */
const dayFormats = new Map<string, Intl.DateTimeFormat>()
const timeFormats = new Map<string, Intl.DateTimeFormat>()

function formatIn(
  cache: Map<string, Intl.DateTimeFormat>,
  zone: string,
  options: Intl.DateTimeFormatOptions,
) {
  let format = cache.get(zone)
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', { timeZone: zone, ...options })
    cache.set(zone, format)
  }
  return format
}

/**
 * The local calendar day of an instant in a time zone.
 * @example localDay(Date.parse('2026-10-11T17:00:00Z'), 'Asia/Shanghai') // '2026-10-12'
 */
export function localDay(at: number, zone: string): Day {
  // Every zone's offset, and every change of it, falls on a quarter hour: the local day is one
  // for a whole quarter, and messages replayed in order ask about the same quarter again and again.
  const quarter = Math.floor(at / quarterHourMs)
  const last = lastDays.get(zone)
  if (last?.quarter === quarter) return last.day
  // en-CA formats a date as YYYY-MM-DD.
  const day = formatIn(dayFormats, zone, {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(at)
  lastDays.set(zone, { quarter, day })
  return day
}

const quarterHourMs = 15 * 60_000
/** Per zone, the last quarter hour asked about and its local day. */
const lastDays = new Map<string, { quarter: number; day: Day }>()

/** The instant a local wall-clock time occurs on a day, e.g. ('2026-10-12', '09:00'). */
export function instantOf(day: Day, time: string, zone: string): number {
  return dayjs.tz(`${day} ${time}`, 'YYYY-MM-DD HH:mm', zone).valueOf()
}

/** Local wall-clock time HH:mm of an instant. */
export function localTime(at: number, zone: string): string {
  const parts = formatIn(timeFormats, zone, {
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at)
  return `${parts.find((p) => p.type === 'hour')!.value}:${parts.find((p) => p.type === 'minute')!.value}`
}

/** An instant as its local day and time, for people: 2026-10-12 08:03. */
export function localStamp(at: number, zone: string): string {
  return `${localDay(at, zone)} ${localTime(at, zone)}`
}

export function addDays(day: Day, days: number): Day {
  return utcDay(Date.parse(day) + days * dayMs)
}

const dayMs = 24 * 3600_000

/** The UTC calendar day of an instant: a Day's own arithmetic, free of any zone. */
function utcDay(at: number): Day {
  return new Date(at).toISOString().slice(0, 10)
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
    const candidate = new Date(Date.UTC(y, stated.month - 1, stated.day))
    // 2月30日 rolls over into March: not a day.
    if (candidate.getUTCMonth() !== stated.month - 1) continue
    const day = utcDay(candidate.getTime())
    if (day <= sentDay && day >= addDays(sentDay, -7)) return day
  }
  return sentDay
}

/** Whether text is a real calendar day written YYYY-MM-DD (2026-02-30 is not). */
export function isDay(text: string): boolean {
  return (
    /^\d{4}-\d{2}-\d{2}$/.test(text) && !Number.isNaN(Date.parse(text)) && addDays(text, 0) === text
  )
}
