import { beforeEach, describe, expect, it } from 'vitest'
import { workBulletinInput } from '../../../db/bulletin-queries.js'
import { openDb, type Db } from '../../../db/client.js'
import {
  buildWorkBulletin,
  type BulletinReport,
  type UnitFigure,
  type WorkBulletin,
} from '../../../src/bulletin/work-bulletin.js'
import { parseRoster } from '../../../src/roster/parse-roster.js'
import { instantOf } from '../../../src/time/zoned.js'
import { hc, reportWriter } from '../../helpers/report-days.js'

/** 3 top-level branches (one two levels deep) and one top-level unit that reports itself. */
const roster = parseRoster(`
timezone: Asia/Shanghai
units:
  - name: 盘龙分局
    units:
      - { name: 东华派出所, target: 300, points: 12 }
      - { name: 拓东派出所, target: 200, points: 8 }
  - name: 五华分局
    units:
      - { name: 华山派出所, target: 100 }
      - { name: 护国派出所, target: 100 }
  - name: 西山分局
    units:
      - name: 马街片区
        units:
          - { name: 马街派出所, target: 50 }
          - { name: 碧鸡派出所, target: 50 }
      - { name: 金碧派出所, target: 100 }
  - { name: 交警支队, target: 1400 }
`)

const day = '2026-10-12'
const yesterday = '2026-10-11'

describe('buildWorkBulletin', () => {
  let db: Db
  let write: ReturnType<typeof reportWriter>
  const bulletin = (deadline = '09:00'): WorkBulletin =>
    buildWorkBulletin(roster, workBulletinInput(db, day, instantOf(day, deadline, roster.timezone)))
  const unit = (b: WorkBulletin, name: string): UnitFigure => b.units.find((u) => u.unit === name)!

  beforeEach(() => {
    db = openDb(':memory:')
    write = reportWriter(db, roster.timezone)
  })

  it('lists every unit in tree order with its depth, with no figure where none reported', () => {
    const b = bulletin()
    expect(b.units.map((u) => [u.unit, u.depth])).toEqual([
      ['盘龙分局', 0],
      ['东华派出所', 1],
      ['拓东派出所', 1],
      ['五华分局', 0],
      ['华山派出所', 1],
      ['护国派出所', 1],
      ['西山分局', 0],
      ['马街片区', 1],
      ['马街派出所', 2],
      ['碧鸡派出所', 2],
      ['金碧派出所', 1],
      ['交警支队', 0],
    ])
    expect(b.units.every((u) => u.count === null && u.delta === null && !u.reported)).toBe(true)
    expect(b).toMatchObject({ date: day, total: null, percent: null, delta: null, target: 2300 })
    expect(b.missing).toHaveLength(8)
  })

  it('takes the latest counted report of the day, by time reported, not by arrival', () => {
    write.report(day, '08:00', [hc('东华派出所', 280)])
    write.report(day, '10:00', [hc('东华派出所', 300)])
    // Stored last, but reported earlier (a delayed delivery): not the latest.
    write.report(day, '09:00', [hc('东华派出所', 290)])
    expect(unit(bulletin(), '东华派出所')).toMatchObject({ count: 300, reported: true })
  })

  it.each([
    {
      name: 'two counted reports',
      reports: [
        ['08:00', 280, false],
        ['10:00', 300, false],
      ],
      corrected: true,
      first: 280,
    },
    {
      name: 'one report marked 更正',
      reports: [['08:00', 300, true]],
      corrected: true,
      first: 300,
    },
    { name: 'one plain report', reports: [['08:00', 300, false]], corrected: false, first: 300 },
  ] as const)('notes a correction: $name', ({ reports, corrected, first }) => {
    for (const [time, count, correction] of reports) {
      write.report(day, time, [hc('东华派出所', count)], { correction })
    }
    const b = bulletin()
    expect(unit(b, '东华派出所')).toMatchObject({ count: 300, corrected })
    expect(b.corrections).toEqual(
      corrected ? [{ unit: '东华派出所', first, count: 300, reports: reports.length }] : [],
    )
  })

  it('gives a parent its own report when it sent one, else the sum of its children, recursively', () => {
    write.report(day, '08:00', [hc('东华派出所', 290), hc('拓东派出所', 180)])
    write.report(day, '08:10', [hc('五华分局', 210), hc('华山派出所', 95)])
    write.report(day, '08:20', [hc('马街派出所', 40), hc('金碧派出所', 90)])
    const b = bulletin()
    expect(b.units.map((u) => [u.unit, u.count])).toEqual([
      ['盘龙分局', 470],
      ['东华派出所', 290],
      ['拓东派出所', 180],
      ['五华分局', 210],
      ['华山派出所', 95],
      ['护国派出所', null],
      ['西山分局', 130],
      ['马街片区', 40],
      ['马街派出所', 40],
      ['碧鸡派出所', null],
      ['金碧派出所', 90],
      ['交警支队', null],
    ])
    expect(unit(b, '五华分局').reported).toBe(true)
    expect(unit(b, '盘龙分局').reported).toBe(false)
    // The total is over the top level only: 五华分局's own 210, never 210 + 95.
    expect(b.total).toBe(470 + 210 + 130)
  })

  it('computes percent of target and the change against yesterday, — when either day has none', () => {
    write.report(yesterday, '08:00', [hc('东华派出所', 280), hc('交警支队', 1400)])
    write.report(day, '08:00', [hc('东华派出所', 300), hc('拓东派出所', 150), hc('交警支队', 1386)])
    const b = bulletin()
    expect(unit(b, '东华派出所')).toMatchObject({
      count: 300,
      target: 300,
      percent: 100,
      previous: 280,
      delta: 20,
    })
    // No figure yesterday: no change.
    expect(unit(b, '拓东派出所')).toMatchObject({
      count: 150,
      percent: 75,
      previous: null,
      delta: null,
    })
    expect(unit(b, '盘龙分局')).toMatchObject({
      count: 450,
      target: 500,
      percent: 90,
      previous: 280,
      delta: 170,
    })
    // No figure today: no change either.
    expect(unit(b, '华山派出所')).toMatchObject({ count: null, percent: null, delta: null })
    expect(unit(b, '交警支队')).toMatchObject({ percent: 99, delta: -14 })
    expect(b).toMatchObject({
      total: 1836,
      target: 2300,
      percent: 80,
      previousTotal: 1680,
      delta: 156,
    })
  })

  it('has no change in the total when yesterday has no figure at all', () => {
    write.report(day, '08:00', [hc('交警支队', 1400)])
    expect(bulletin()).toMatchObject({ total: 1400, previousTotal: null, delta: null })
  })

  it('names the leaf units that did not report, in roster order, even under a parent that did', () => {
    write.report(day, '08:00', [hc('拓东派出所', 180), hc('五华分局', 210), hc('马街派出所', 40)])
    expect(bulletin().missing).toEqual([
      '东华派出所',
      '华山派出所',
      '护国派出所',
      '碧鸡派出所',
      '金碧派出所',
      '交警支队',
    ])
  })

  it('notes a unit late when its first counted report of the day came after the deadline', () => {
    write.report(day, '08:59', [hc('东华派出所', 280)])
    write.report(day, '11:00', [hc('东华派出所', 300)])
    write.report(day, '09:00', [hc('拓东派出所', 180)])
    write.report(day, '09:01', [hc('华山派出所', 95)])
    write.report(day, '21:30', [hc('交警支队', 1400)])
    const b = bulletin()
    expect(b.late).toEqual([
      { unit: '华山派出所', at: instantOf(day, '09:01', roster.timezone), time: '09:01' },
      { unit: '交警支队', at: instantOf(day, '21:30', roster.timezone), time: '21:30' },
    ])
    expect(b.units.filter((u) => u.late).map((u) => u.unit)).toEqual(['华山派出所', '交警支队'])
    expect(b.deadline).toBe('09:00')
    expect(bulletin('10:00').late.map((l) => l.unit)).toEqual(['交警支队'])
  })

  it('sums activities: the latest per unit and kind, retracted ones left out', () => {
    write.report(day, '08:00', [], {
      activities: [
        { unit: '东华派出所', kind: 'patrol', count: 30 },
        { unit: '东华派出所', kind: 'hazard', count: 2 },
      ],
    })
    // A newer patrol figure replaces 30; hazard stands.
    write.report(day, '12:00', [], {
      activities: [{ unit: '东华派出所', kind: 'patrol', count: 40 }],
    })
    write.report(day, '12:30', [], {
      activities: [
        { unit: '拓东派出所', kind: 'patrol', count: 12 },
        { unit: '拓东派出所', kind: 'safety_check', count: 5 },
        { unit: '交警支队', kind: 'dispute', count: 3 },
      ],
    })
    const recalled = write.report(day, '13:00', [], {
      activities: [{ unit: '交警支队', kind: 'dispute', count: 9 }],
    })
    write.retract(recalled)
    write.report(yesterday, '13:00', [], {
      activities: [{ unit: '交警支队', kind: 'patrol', count: 99 }],
    })
    const b = bulletin()
    expect(b.activities).toEqual({ patrol: 52, safety_check: 5, hazard: 2, dispute: 3 })
    expect(b.activitiesReported).toBe(true)
  })

  it('reports no activities as zeros', () => {
    expect(bulletin()).toMatchObject({
      activities: { patrol: 0, safety_check: 0, hazard: 0, dispute: 0 },
      activitiesReported: false,
    })
  })

  it('counts neither held nor retracted figures', () => {
    write.report(day, '08:00', [hc('东华派出所', 280)])
    const recalled = write.report(day, '10:00', [hc('东华派出所', 30)])
    write.retract(recalled)
    write.report(day, '08:30', [], { held: [hc('拓东派出所', 2000)] })
    const b = bulletin()
    expect(unit(b, '东华派出所')).toMatchObject({ count: 280, corrected: false })
    expect(unit(b, '拓东派出所')).toMatchObject({ count: null, reported: false })
    expect(b.missing).toContain('拓东派出所')
    expect(b.total).toBe(280)
  })

  it('carries 余 and duty points up the tree', () => {
    write.report(day, '08:00', [
      hc('东华派出所', 300, { approx: true, points: 11 }),
      hc('拓东派出所', 200),
      hc('华山派出所', 100, { points: 4 }),
    ])
    const b = bulletin()
    expect(unit(b, '东华派出所')).toMatchObject({ approx: true, points: 11, plannedPoints: 12 })
    expect(unit(b, '拓东派出所')).toMatchObject({ approx: false, points: null, plannedPoints: 8 })
    expect(unit(b, '盘龙分局')).toMatchObject({ approx: true, points: 11, plannedPoints: 20 })
    expect(unit(b, '五华分局')).toMatchObject({ approx: false, points: 4, plannedPoints: null })
    expect(b.approx).toBe(true)
  })
})

describe('buildWorkBulletin on plain rows', () => {
  const row = (
    unit: string,
    count: number,
    reportedAt: number,
    correction = false,
  ): BulletinReport => ({
    unit,
    count,
    approx: false,
    points: null,
    reportedAt,
    correction,
  })
  const input = (reports: BulletinReport[]) => ({
    day,
    deadlineAt: instantOf(day, '09:00', roster.timezone),
    reports,
    previous: [],
    activities: [],
  })

  it('lets the later row win a tie in time', () => {
    const at = instantOf(day, '08:00', roster.timezone)
    const b = buildWorkBulletin(roster, input([row('东华派出所', 1, at), row('东华派出所', 2, at)]))
    expect(b.units.find((u) => u.unit === '东华派出所')?.count).toBe(2)
  })

  it('leaves out units that are not in the roster', () => {
    const at = instantOf(day, '08:00', roster.timezone)
    const b = buildWorkBulletin(
      roster,
      input([row('已撤销派出所', 50, at), row('交警支队', 1400, at)]),
    )
    expect(b.total).toBe(1400)
    expect(b.units.map((u) => u.unit)).not.toContain('已撤销派出所')
  })
})
