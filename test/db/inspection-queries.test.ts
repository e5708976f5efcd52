import { describe, expect, it } from 'vitest'
import { openDb } from '../../db/client.js'
import { inspectionBulletinInput, inspectionBulletinOf } from '../../db/inspection-queries.js'
import { workBulletinInput } from '../../db/bulletin-queries.js'
import { instantOf } from '../../src/time/zoned.js'
import { exampleRoster } from '../helpers/fixtures.js'
import { inspectionWriter, writeExampleInspectionDay } from '../helpers/inspection-days.js'
import { hc, reportWriter } from '../helpers/report-days.js'

const day = '2026-10-12'
const at = (time: string, on = day) => instantOf(on, time, 'Asia/Shanghai')

describe('inspectionBulletinInput', () => {
  it('returns the day’s checks, field records and notes as stored, oldest first, other days left out', () => {
    const db = openDb(':memory:')
    const inspect = inspectionWriter(db, 'Asia/Shanghai')
    inspect.check(day, '15:00', 'display', '龙城派出所', 'answered')
    inspect.check(day, '09:00', 'random', '洛龙派出所', 'planned')
    inspect.check('2026-10-11', '09:00', 'display', '龙城派出所', 'late')
    inspect.field(day, '16:00', '龙城派出所', true, { volunteers: 3, engaged: true })
    inspect.field(day, '10:00', '洛龙派出所', false, { retracted: true })
    inspect.field('2026-10-13', '10:00', '洛龙派出所', true)
    inspect.note(day, '19:00', 'focus', '加强值守')
    inspect.note(day, '11:00', 'problem', '离岗', {
      unit: '洛龙派出所',
      subject: '北门',
      retracted: true,
    })
    inspect.note('2026-10-11', '19:00', 'focus', '前一天的重点')

    const input = inspectionBulletinInput(db, day)
    expect(input.day).toBe(day)
    expect(input.checks).toEqual([
      { unit: '洛龙派出所', kind: 'random', status: 'planned', askedAt: at('09:00') },
      { unit: '龙城派出所', kind: 'display', status: 'answered', askedAt: at('15:00') },
    ])
    expect(input.fieldRecords).toEqual([
      { unit: '洛龙派出所', onDuty: false, volunteers: null, engaged: null, retracted: true },
      { unit: '龙城派出所', onDuty: true, volunteers: 3, engaged: true, retracted: false },
    ])
    expect(input.notes).toEqual([
      {
        kind: 'problem',
        unit: '洛龙派出所',
        subject: '北门',
        text: '离岗',
        createdAt: at('11:00'),
        retracted: true,
      },
      {
        kind: 'focus',
        unit: null,
        subject: null,
        text: '加强值守',
        createdAt: at('19:00'),
        retracted: false,
      },
    ])
  })

  it('reads reports and activities as the work bulletin does', () => {
    const db = openDb(':memory:')
    const write = reportWriter(db, 'Asia/Shanghai')
    write.report('2026-10-11', '08:00', [hc('龙城派出所', 140, { points: 9 })])
    write.report(day, '08:00', [hc('龙城派出所', 150, { points: 10 })], {
      activities: [{ unit: '龙城派出所', kind: 'patrol', count: 40 }],
    })
    const input = inspectionBulletinInput(db, day)
    const work = workBulletinInput(db, day, 0)
    expect(input.reports).toEqual(work.reports)
    expect(input.activities).toEqual(work.activities)
    expect(input.reports.map((r) => r.points)).toEqual([10])
  })

  it.each([
    ['spot_checks', 'spot_checks_day_unit'],
    ['field_records', 'field_records_day_unit'],
    ['notes', 'notes_day_kind'],
  ])('reads %s by day with %s', (table, index) => {
    const db = openDb(':memory:')
    const plan = db.$client
      .prepare(`explain query plan select * from ${table} where day = '2026-10-12'`)
      .all() as Array<{ detail: string }>
    expect(plan.map((p) => p.detail).join('\n')).toContain(`USING INDEX ${index}`)
  })
})

describe('inspectionBulletinOf', () => {
  it('builds the bulletin of the example day from the store', () => {
    const roster = exampleRoster()
    const db = openDb(':memory:')
    writeExampleInspectionDay(db, roster.timezone)
    const b = inspectionBulletinOf(db, roster, day)
    expect(b.date).toBe(day)
    expect(b.rates.onDuty).toEqual({ numerator: 17, denominator: 21, value: 17 / 21 })
    expect(b.units.map((u) => u.unit)).toEqual([
      '高新分局',
      '保安集团',
      '晋宁分局',
      '呈贡分局',
      '环卫集团',
    ])
  })
})
