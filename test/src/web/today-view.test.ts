import { describe, expect, it } from 'vitest'
import { buildInspectionBulletin } from '../../../src/bulletin/inspection-bulletin.js'
import { buildWorkBulletin } from '../../../src/bulletin/work-bulletin.js'
import { instantOf } from '../../../src/time/zoned.js'
import { todayView, type DayCheck, type TodayInput } from '../../../src/web/today-view.js'
import { exampleRoster } from '../../helpers/fixtures.js'

const roster = exampleRoster()
const zone = roster.timezone
const day = '2026-10-12'
const at = (time: string) => instantOf(day, time, zone)
const report = (unit: string, count: number, time: string) => ({
  unit,
  count,
  approx: false,
  points: null,
  reportedAt: at(time),
  correction: false,
})

function input(role: TodayInput['role'], checks: DayCheck[] = []): TodayInput {
  const reports = [report('龙城派出所', 146, '07:52'), report('洛龙派出所', 118, '08:05')]
  const inspectionChecks = checks.map(({ unit, kind, status, askedAt }) => ({
    unit,
    kind,
    status,
    askedAt,
  }))
  return {
    role,
    now: at('14:07'),
    timezone: zone,
    today: day,
    work: buildWorkBulletin(roster, {
      day,
      deadlineAt: at('09:00'),
      reports,
      previous: [],
      activities: [],
    }),
    inspection: buildInspectionBulletin(roster, {
      day,
      checks: inspectionChecks,
      fieldRecords: [],
      notes: [],
      reports,
      activities: [],
    }),
    checks,
    fieldRecords: [
      {
        unit: '龙城派出所',
        post: '春融路口',
        onDuty: true,
        volunteers: 3,
        engaged: true,
        inspector: '陈组长',
        recordedAt: at('11:10'),
      },
    ],
    held: [
      { unit: '晋城派出所', count: 7600 },
      { unit: '晋城派出所', count: 760 },
    ],
    chart: { option: {}, size: { width: 540, height: 400 } },
  }
}

const check = (
  unit: string,
  status: DayCheck['status'],
  asked: string,
  deadline: string,
): DayCheck => ({
  unit,
  kind: 'random',
  status,
  roomTopic: '呈贡分局红袖标联络群',
  askedAt: at(asked),
  deadlineAt: at(deadline),
})

describe('the Today view', () => {
  it('gives commanders the work bulletin as it is, the held figures and the chart', () => {
    const given = input('commander')
    const data = todayView(given)
    expect(data.work).toBe(given.work)
    expect(data.work!.units.find((u) => u.unit === '龙城派出所')!.count).toBe(146)
    expect(data.held).toEqual({ 晋城派出所: { figures: 2, latest: 760 } })
    expect(data.chart).toBeDefined()
    expect(data).toMatchObject({ date: day, isToday: true, asOf: '14:07' })
  })

  it('gives inspectors checks, rates and field records, and no headcount', () => {
    const data = todayView(input('inspector', [check('龙城派出所', 'answered', '10:00', '10:20')]))
    expect(data.work).toBeUndefined()
    expect(data.held).toBeUndefined()
    expect(data.chart).toBeUndefined()
    expect(data.checks.answered).toBe(1)
    expect(data.rates.onDuty).toEqual({ numerator: 1, denominator: 1, value: 1 })
    expect(data.field.records).toEqual([
      {
        unit: '龙城派出所',
        post: '春融路口',
        onDuty: true,
        volunteers: 3,
        engaged: true,
        inspector: '陈组长',
        time: '11:10',
      },
    ])
  })

  it('lists the open checks soonest deadline first, with the minutes left rounded up', () => {
    const display = (unit: string, status: DayCheck['status']): DayCheck => ({
      ...check(unit, status, '14:00', '15:00'),
      kind: 'display',
    })
    const data = todayView(
      input('admin', [
        display('龙城派出所', 'open'),
        display('洛龙派出所', 'open'),
        display('吴家营派出所', 'answered'),
        check('洛龙派出所', 'open', '13:55', '14:15'),
        check('龙城派出所', 'open', '13:50', '14:07'),
        check('昆阳派出所', 'open', '14:00', '14:09'),
        check('晋城派出所', 'unanswered', '09:00', '09:20'),
        check('吴家营派出所', 'late', '10:00', '10:20'),
      ]),
    )
    expect(data.checks.open.map((c) => [c.unit, c.deadline, c.minutesLeft])).toEqual([
      ['龙城派出所', '14:07', 0],
      ['昆阳派出所', '14:09', 2],
      ['洛龙派出所', '14:15', 8],
    ])
    // A display period asks every unit at once: counted, not listed.
    expect(data.checks.openDisplay).toEqual([{ deadline: '15:00', minutesLeft: 53, units: 2 }])
    expect(data.checks).toMatchObject({ answered: 1, late: 1, unanswered: 1 })
    expect(data.checks.missed.map((m) => m.unit)).toEqual(['晋城派出所', '吴家营派出所'])
  })
})
