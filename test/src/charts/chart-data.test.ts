import { describe, expect, it } from 'vitest'
import { buildInspectionBulletin } from '../../../src/bulletin/inspection-bulletin.js'
import { buildWorkBulletin, type BulletinReport } from '../../../src/bulletin/work-bulletin.js'
import {
  bulletinChartData,
  hasBulletinChartData,
  hasTrendData,
  trendChartData,
} from '../../../src/charts/chart-data.js'
import { instantOf } from '../../../src/time/zoned.js'
import { exampleRoster } from '../../helpers/fixtures.js'

const roster = exampleRoster()
const day = '2026-10-12'

function report(unit: string, count: number, extra: Partial<BulletinReport> = {}): BulletinReport {
  return {
    unit,
    count,
    approx: false,
    points: null,
    reportedAt: instantOf(day, '08:00', roster.timezone),
    correction: false,
    ...extra,
  }
}

function bulletins(reports: BulletinReport[], d = day) {
  const work = buildWorkBulletin(roster, {
    day: d,
    deadlineAt: 0,
    reports,
    previous: [],
    activities: [],
  })
  const inspection = buildInspectionBulletin(roster, {
    day: d,
    checks: [
      { unit: '龙城派出所', kind: 'display', status: 'answered', askedAt: 1 },
      { unit: '吴家营派出所', kind: 'display', status: 'unanswered', askedAt: 2 },
    ],
    fieldRecords: [],
    notes: [],
    reports,
    activities: [],
  })
  return { work, inspection }
}

describe('bulletinChartData', () => {
  it('gives each top-level unit its headcount against target and its rates, in roster order', () => {
    const { work, inspection } = bulletins([
      report('龙城派出所', 150, { points: 10 }),
      report('洛龙派出所', 100),
      report('保安集团', 11800, { approx: true }),
    ])
    const data = bulletinChartData(work, inspection)
    expect(data.date).toBe(day)
    expect(data.total).toBe(12050)
    expect(data.approx).toBe(true)
    expect(data.headcount.map((b) => [b.unit, b.count, b.target, b.percent])).toEqual([
      ['呈贡分局', 250, 470, 53],
      ['晋宁分局', null, 170, null],
      ['高新分局', null, 100, null],
      ['环卫集团', null, 3000, null],
      ['保安集团', 11800, 12000, 98],
    ])
    expect(data.rates.map((r) => r.unit)).toEqual(data.headcount.map((b) => b.unit))
    expect(data.rates[0]!.onDuty).toEqual({ numerator: 1, denominator: 2, value: 0.5 })
    expect(data.rates[0]!.coverage).toEqual({ numerator: 10, denominator: 30, value: 1 / 3 })
    expect(data.rates[4]!.onDuty.value).toBeNull()
    expect(data.overall.onDuty.value).toBe(0.5)
    expect(hasBulletinChartData(data)).toBe(true)
  })

  it('has nothing to draw on a day with no report and no check', () => {
    const work = buildWorkBulletin(roster, {
      day,
      deadlineAt: 0,
      reports: [],
      previous: [],
      activities: [],
    })
    const inspection = buildInspectionBulletin(roster, {
      day,
      checks: [],
      fieldRecords: [],
      notes: [],
      reports: [],
      activities: [],
    })
    expect(hasBulletinChartData(bulletinChartData(work, inspection))).toBe(false)
  })
})

describe('trendChartData', () => {
  it('puts the days in order with their totals and targets', () => {
    const late = bulletins([report('保安集团', 12000)], '2026-10-12').work
    const early = bulletins([report('保安集团', 11000)], '2026-10-10').work
    const empty = bulletins([], '2026-10-11').work
    const data = trendChartData([late, early, empty])
    expect(data).toMatchObject({ from: '2026-10-10', to: '2026-10-12' })
    expect(data.points.map((p) => [p.day, p.total, p.target])).toEqual([
      ['2026-10-10', 11000, 15740],
      ['2026-10-11', null, 15740],
      ['2026-10-12', 12000, 15740],
    ])
    expect(hasTrendData(data)).toBe(true)
    expect(hasTrendData(trendChartData([empty]))).toBe(false)
  })
})
