import { describe, expect, it } from 'vitest'
import { openDb } from '../../db/client.js'
import {
  commendationsBetween,
  dataBounds,
  eventPeriod,
  eventRankingOf,
  periodDays,
} from '../../db/ranking-queries.js'
import { defaultSchedule, type Schedule } from '../../src/schedule/schedule.js'
import { exampleRoster } from '../helpers/fixtures.js'
import { inspectionWriter, writeExampleInspectionDay } from '../helpers/inspection-days.js'
import { hc, reportWriter } from '../helpers/report-days.js'

const roster = exampleRoster()
const schedule = (event: Schedule['event'] = {}): Schedule => ({ ...defaultSchedule, event })

describe('eventPeriod', () => {
  it('is undefined for an empty store with no security period', () => {
    const db = openDb(':memory:')
    expect(dataBounds(db)).toBeUndefined()
    expect(eventPeriod(db, schedule(), '2026-10-12')).toBeUndefined()
  })

  it('runs from the first to the last day with data when the schedule sets no period', () => {
    const db = openDb(':memory:')
    writeExampleInspectionDay(db, roster.timezone)
    reportWriter(db, roster.timezone).report('2026-10-09', '08:00', [hc('龙城派出所', 140)])
    // A check only planned, and a retracted note, are not data.
    const inspect = inspectionWriter(db, roster.timezone)
    inspect.check('2026-10-20', '09:00', 'random', '龙城派出所', 'planned')
    inspect.note('2026-10-21', '09:00', 'problem', '写错了', { retracted: true })
    // writeExampleInspectionDay writes a focus note on 2026-10-11.
    expect(dataBounds(db)).toEqual({ from: '2026-10-09', to: '2026-10-12' })
    expect(eventPeriod(db, schedule(), '2026-10-30')).toEqual({
      from: '2026-10-09',
      to: '2026-10-12',
    })
  })

  it('takes the schedule bounds, ending today at the latest', () => {
    const db = openDb(':memory:')
    writeExampleInspectionDay(db, roster.timezone)
    expect(eventPeriod(db, schedule({ start: '2026-10-01' }), '2026-10-12')).toEqual({
      from: '2026-10-01',
      to: '2026-10-12',
    })
    expect(
      eventPeriod(db, schedule({ start: '2026-10-01', end: '2026-10-31' }), '2026-10-12'),
    ).toEqual({ from: '2026-10-01', to: '2026-10-12' })
    expect(eventPeriod(db, schedule({ end: '2026-10-31' }), '2026-10-20')).toEqual({
      from: '2026-10-11',
      to: '2026-10-20',
    })
    expect(eventPeriod(db, schedule({ start: '2026-11-01' }), '2026-10-12')).toBeUndefined()
  })
})

describe('eventRankingOf', () => {
  it('ranks the period as the bulletins of its days count it', () => {
    const db = openDb(':memory:')
    writeExampleInspectionDay(db, roster.timezone)
    const period = { from: '2026-10-11', to: '2026-10-12' }
    const days = periodDays(db, roster, schedule(), period)
    expect(days.map((d) => [d.day, d.work.total])).toEqual([
      ['2026-10-11', null],
      ['2026-10-12', 12528],
    ])
    const ranking = eventRankingOf(db, roster, schedule(), period, days)
    expect(ranking.days).toBe(2)
    // 昆阳 (90 of 90) and 龙城 (150 of 150) met their targets on one day of two, answered every
    // check and were found 管事: a tie broken by name. 保安集团 met its target too, but no
    // inspector recorded whether it was 管事.
    expect(ranking.units.slice(0, 3).map((u) => [u.unit, u.daysAtTarget, u.atTargetShare])).toEqual(
      [
        ['昆阳派出所', 1, 0.5],
        ['龙城派出所', 1, 0.5],
        ['保安集团', 1, 0.5],
      ],
    )
    expect(ranking.units[0]!.onDuty).toEqual({ numerator: 4, denominator: 4, value: 1 })
    expect(ranking.units[0]!.engagement).toEqual({ numerator: 1, denominator: 1, value: 1 })
    expect(ranking.people).toEqual([
      expect.objectContaining({ name: '李红', unit: '昆阳派出所', commendations: 1 }),
    ])
    expect(commendationsBetween(db, { from: '2026-10-13', to: '2026-10-20' })).toEqual([])
  })
})
