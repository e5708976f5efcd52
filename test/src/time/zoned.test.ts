import { describe, expect, it } from 'vitest'
import {
  addDays,
  chineseDate,
  daysBetween,
  instantOf,
  localDay,
  localTime,
  isDay,
  reportDay,
} from '../../../src/time/zoned.js'

describe('zoned time', () => {
  it.each([
    ['2026-10-11T16:30:00Z', 'Asia/Shanghai', '2026-10-12', '00:30'],
    ['2026-10-11T15:59:00Z', 'Asia/Shanghai', '2026-10-11', '23:59'],
    ['2026-03-08T06:59:00Z', 'America/New_York', '2026-03-08', '01:59'],
    ['2026-03-08T07:00:00Z', 'America/New_York', '2026-03-08', '03:00'],
    ['2026-11-01T05:30:00Z', 'America/New_York', '2026-11-01', '01:30'],
    ['2026-11-01T06:30:00Z', 'America/New_York', '2026-11-01', '01:30'],
  ])('%s in %s is %s %s', (iso, zone, day, time) => {
    expect(localDay(Date.parse(iso), zone)).toBe(day)
    expect(localTime(Date.parse(iso), zone)).toBe(time)
  })

  it('turns the day minute by minute across midnight, in zones a quarter hour off the hour too', () => {
    for (const zone of ['Asia/Shanghai', 'Asia/Kathmandu', 'Australia/Eucla', 'America/St_Johns']) {
      const midnight = instantOf('2026-10-12', '00:00', zone)
      for (let minute = -20; minute < 20; minute++) {
        const at = midnight + minute * 60_000
        expect(localDay(at, zone), `${zone} ${minute} min`).toBe(
          minute < 0 ? '2026-10-11' : '2026-10-12',
        )
      }
    }
  })

  it('finds the instant of a local time, whatever the server’s TZ', () => {
    expect(new Date(instantOf('2026-10-12', '09:00', 'Asia/Shanghai')).toISOString()).toBe(
      '2026-10-12T01:00:00.000Z',
    )
    expect(new Date(instantOf('2026-10-12', '09:00', 'America/New_York')).toISOString()).toBe(
      '2026-10-12T13:00:00.000Z',
    )
  })

  it('counts calendar days', () => {
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01')
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31')
    expect(daysBetween('2026-10-30', '2026-11-02')).toEqual([
      '2026-10-30',
      '2026-10-31',
      '2026-11-01',
      '2026-11-02',
    ])
    expect(chineseDate('2026-10-02')).toBe('10月2日')
  })

  it('dates a report by the day it states when that is within the past week', () => {
    expect(reportDay('2026-11-04', { month: 11, day: 3 })).toBe('2026-11-03')
    expect(reportDay('2026-01-02', { month: 12, day: 31 })).toBe('2025-12-31')
    expect(reportDay('2026-11-04', { month: 11, day: 5 })).toBe('2026-11-04')
    expect(reportDay('2026-11-04', { month: 10, day: 1 })).toBe('2026-11-04')
    expect(reportDay('2026-11-04', { month: 2, day: 30 })).toBe('2026-11-04')
    expect(reportDay('2026-11-04')).toBe('2026-11-04')
  })

  it.each(['2026-10-01', '2024-02-29', '2026-12-31', '2000-02-29'])('takes %s as a day', (day) => {
    expect(isDay(day)).toBe(true)
  })

  it.each([
    '2026-02-30',
    '2026-02-29',
    '1900-02-29',
    '2026-04-31',
    '2026-13-01',
    '2026-00-10',
    '2026-10-00',
    '2026-10-1',
    '2026/10/01',
    '2026-10-01T00:00',
    ' 2026-10-01',
    '',
  ])(
    'refuses %j as a day: the calendar does not have it, or it is not written YYYY-MM-DD',
    (text) => {
      expect(isDay(text)).toBe(false)
    },
  )
})
