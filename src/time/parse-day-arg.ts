import { addDays, type Day } from './zoned.js'

/** A Map, not an object literal: `constructor` or `__proto__` typed as a date is no day. */
const relative = new Map<string, number>([
  ['今天', 0],
  ['今日', 0],
  ['昨天', -1],
  ['昨日', -1],
  ['前天', -2],
  ['前日', -2],
])
/** The longest date argument read (2026年10月11日 is 11): longer text names no day. */
const MAX_ARG_CHARS = 40

function pad(n: number): string {
  return String(n).padStart(2, '0')
}

/** The day for a year, month and date when the calendar has it (no 2月30日). */
function dayOf(year: number, month: number, date: number): Day | undefined {
  if (month < 1 || month > 12 || date < 1) return undefined
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate()
  return date <= last ? `${year}-${pad(month)}-${pad(date)}` : undefined
}

/** Full-width digits and punctuation (２０２６／１０／１１) as ASCII. */
function normalize(text: string): string {
  return text
    .trim()
    .replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xff10 + 0x30))
    .replace(/[－／．]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\s+/g, '')
}

/**
 * The day a command's date argument names, relative to `today` (the local day it was sent):
 * 今天/今日, 昨天/昨日, 前天, 2026-10-11 (also / . and 2026年10月11日), and without a year
 * 10月11日/10月11号/10-11/10/11/10.11 (the latest such date not after today), 11日/11号
 * (this month, else last month). Empty means today. Undefined when it names no date.
 * @example parseDayArg('10月11日', '2026-10-12') // '2026-10-11'
 */
export function parseDayArg(arg: string | undefined, today: Day): Day | undefined {
  if ((arg ?? '').trim().length > MAX_ARG_CHARS) return undefined
  const text = normalize(arg ?? '')
  if (text === '') return today
  const shift = relative.get(text)
  if (shift !== undefined) return addDays(today, shift)

  const year = Number(today.slice(0, 4))
  const month = Number(today.slice(5, 7))
  let m = /^(\d{4})(?:[-/.]|年)(\d{1,2})(?:[-/.]|月)(\d{1,2})[日号]?$/.exec(text)
  if (m) return dayOf(Number(m[1]), Number(m[2]), Number(m[3]))

  m = /^(\d{1,2})(?:[-/.]|月)(\d{1,2})[日号]?$/.exec(text)
  if (m) {
    const [mm, dd] = [Number(m[1]), Number(m[2])]
    const thisYear = dayOf(year, mm, dd)
    if (thisYear !== undefined && thisYear <= today) return thisYear
    // 2月29日 asked in a year without it: the latest leap year is too far back to mean.
    return dayOf(year - 1, mm, dd)
  }

  m = /^(\d{1,2})[日号]$/.exec(text)
  if (m) {
    const dd = Number(m[1])
    const thisMonth = dayOf(year, month, dd)
    if (thisMonth !== undefined && thisMonth <= today) return thisMonth
    return month === 1 ? dayOf(year - 1, 12, dd) : dayOf(year, month - 1, dd)
  }
  return undefined
}
