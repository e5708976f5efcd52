import { beforeEach, describe, expect, it } from 'vitest'
import { openDb, type Db } from '../../../db/client.js'
import { inspectionBulletinInput } from '../../../db/inspection-queries.js'
import {
  inspectionMetrics,
  type InspectionRates,
  type Rate,
} from '../../../src/metrics/inspection-metrics.js'
import { parseRoster } from '../../../src/roster/parse-roster.js'
import { inspectionWriter } from '../../helpers/inspection-days.js'
import { hc, reportWriter } from '../../helpers/report-days.js'

/** Two levels under 西山分局, a station with no planned points, and a unit that is its own top. */
const roster = parseRoster(`
timezone: Asia/Shanghai
units:
  - name: 西山分局
    units:
      - name: 马街片区
        units:
          - { name: 马街派出所, points: 4 }
          - { name: 碧鸡派出所, points: 6 }
      - { name: 金碧派出所, points: 10 }
      - { name: 前卫派出所 }
  - name: 五华分局
    units:
      - { name: 华山派出所, points: 5 }
  - { name: 交警支队 }
`)

const day = '2026-10-12'
type RateName = keyof InspectionRates
/** [numerator, denominator, value] */
type Fraction = [number, number, number | null]

describe('inspectionMetrics', () => {
  let db: Db
  let write: ReturnType<typeof reportWriter>
  let inspect: ReturnType<typeof inspectionWriter>
  const metrics = () => inspectionMetrics(roster, inspectionBulletinInput(db, day))
  const fraction = ({ numerator, denominator, value }: Rate): Fraction => [
    numerator,
    denominator,
    value,
  ]
  /** One rate of every unit in roster order, then overall. */
  const rateOfEach = (name: RateName): Array<[string, Fraction]> => {
    const m = metrics()
    return [
      ...[...m.units].map(([unit, rates]): [string, Fraction] => [unit, fraction(rates[name])]),
      ['overall', fraction(m.overall[name])],
    ]
  }

  beforeEach(() => {
    db = openDb(':memory:')
    write = reportWriter(db, roster.timezone)
    inspect = inspectionWriter(db, roster.timezone)
  })

  it('has no 见勤率 or 管事率 on a day with nothing checked, and 0 coverage where points were planned', () => {
    const m = metrics()
    const none: Rate = { numerator: 0, denominator: 0, value: null }
    for (const rates of [...m.units.values(), m.overall]) {
      expect(rates.onDuty).toEqual(none)
      expect(rates.engagement).toEqual(none)
    }
    expect(fraction(m.overall.coverage)).toEqual([0, 25, 0])
    expect(fraction(m.overall.patrol)).toEqual([0, 25, 0])
    // Nothing planned: no denominator, never 0% or 100%.
    for (const unit of ['前卫派出所', '交警支队']) {
      expect(m.units.get(unit)!.coverage).toEqual(none)
      expect(m.units.get(unit)!.patrol).toEqual(none)
    }
  })

  it('见勤率: answered in time found volunteers, late and unanswered did not, open and planned wait; field records count as they say', () => {
    inspect.check(day, '09:00', 'display', '马街派出所', 'answered')
    inspect.check(day, '10:00', 'random', '马街派出所', 'late')
    inspect.check(day, '09:00', 'display', '碧鸡派出所', 'unanswered')
    inspect.check(day, '20:00', 'ordered', '碧鸡派出所', 'open')
    inspect.check(day, '21:00', 'random', '金碧派出所', 'planned')
    inspect.check(day, '09:00', 'display', '华山派出所', 'answered')
    inspect.check(day, '09:00', 'display', '不在名册派出所', 'answered')
    inspect.field(day, '11:00', '碧鸡派出所', true)
    inspect.field(day, '11:30', '金碧派出所', false)
    inspect.field(day, '12:00', '金碧派出所', true, { retracted: true })
    inspect.field(day, '12:30', '前卫派出所', true)
    inspect.field(day, '13:00', '不在名册派出所', false)

    expect(rateOfEach('onDuty')).toEqual([
      ['西山分局', [3, 6, 0.5]],
      ['马街片区', [2, 4, 0.5]],
      ['马街派出所', [1, 2, 0.5]],
      ['碧鸡派出所', [1, 2, 0.5]],
      ['金碧派出所', [0, 1, 0]],
      ['前卫派出所', [1, 1, 1]],
      ['五华分局', [1, 1, 1]],
      ['华山派出所', [1, 1, 1]],
      ['交警支队', [0, 0, null]],
      ['overall', [4, 7, 4 / 7]],
    ])
  })

  it('管事率: marked 管事 over on-duty field records; not said counts as not 管事', () => {
    inspect.field(day, '10:00', '马街派出所', true, { engaged: true })
    inspect.field(day, '10:10', '马街派出所', true)
    inspect.field(day, '10:20', '碧鸡派出所', true, { engaged: false })
    // Nobody on duty: whatever it says of 管事 is left out.
    inspect.field(day, '10:30', '碧鸡派出所', false, { engaged: true })
    inspect.field(day, '10:40', '金碧派出所', true, { engaged: true, retracted: true })
    inspect.field(day, '10:50', '华山派出所', false)

    expect(rateOfEach('engagement')).toEqual([
      ['西山分局', [1, 3, 1 / 3]],
      ['马街片区', [1, 3, 1 / 3]],
      ['马街派出所', [1, 2, 0.5]],
      ['碧鸡派出所', [0, 1, 0]],
      ['金碧派出所', [0, 0, null]],
      ['前卫派出所', [0, 0, null]],
      ['五华分局', [0, 0, null]],
      ['华山派出所', [0, 0, null]],
      ['交警支队', [0, 0, null]],
      ['overall', [1, 3, 1 / 3]],
    ])
  })

  it('覆盖率: each leaf’s latest counted points, capped at its plan, over planned points', () => {
    write.report(day, '08:00', [hc('马街派出所', 40, { points: 9 })])
    write.report(day, '08:00', [hc('碧鸡派出所', 50, { points: 3 })])
    write.report(day, '10:00', [hc('碧鸡派出所', 55, { points: 5 })], { correction: true })
    // The latest report gave no points: none are counted staffed.
    write.report(day, '08:00', [hc('金碧派出所', 90, { points: 8 })])
    write.report(day, '09:00', [hc('金碧派出所', 95)])
    // No plan to cover; a parent's own points are not its leaves'.
    write.report(day, '08:00', [hc('前卫派出所', 30, { points: 3 })])
    write.report(day, '08:30', [hc('西山分局', 300, { points: 20 })])
    // Held, not counted.
    write.report(day, '08:00', [], { held: [hc('华山派出所', 9000, { points: 5 })] })

    expect(rateOfEach('coverage')).toEqual([
      ['西山分局', [9, 20, 0.45]],
      ['马街片区', [9, 10, 0.9]],
      ['马街派出所', [4, 4, 1]],
      ['碧鸡派出所', [5, 6, 5 / 6]],
      ['金碧派出所', [0, 10, 0]],
      ['前卫派出所', [0, 0, null]],
      ['五华分局', [0, 5, 0]],
      ['华山派出所', [0, 5, 0]],
      ['交警支队', [0, 0, null]],
      ['overall', [9, 25, 0.36]],
    ])
  })

  it('巡逻指数: the latest patrol report of each unit over planned points, where points are planned', () => {
    const patrol = (unit: string, count: number) => ({ unit, kind: 'patrol' as const, count })
    write.report(day, '08:00', [], { activities: [patrol('马街派出所', 10)] })
    write.report(day, '12:00', [], { activities: [patrol('马街派出所', 12)] })
    write.retract(write.report(day, '09:00', [], { activities: [patrol('碧鸡派出所', 5)] }))
    write.report(day, '09:00', [], {
      activities: [{ unit: '碧鸡派出所', kind: 'hazard', count: 3 }],
    })
    // A parent's own report counts for it; units with no points below them have none to set against.
    write.report(day, '10:00', [], { activities: [patrol('西山分局', 6)] })
    write.report(day, '10:00', [], { activities: [patrol('前卫派出所', 50)] })
    write.report(day, '10:00', [], { activities: [patrol('交警支队', 100)] })
    write.report(day, '10:00', [], { activities: [patrol('华山派出所', 7)] })

    expect(rateOfEach('patrol')).toEqual([
      ['西山分局', [18, 20, 0.9]],
      ['马街片区', [12, 10, 1.2]],
      ['马街派出所', [12, 4, 3]],
      ['碧鸡派出所', [0, 6, 0]],
      ['金碧派出所', [0, 10, 0]],
      ['前卫派出所', [0, 0, null]],
      ['五华分局', [7, 5, 1.4]],
      ['华山派出所', [7, 5, 1.4]],
      ['交警支队', [0, 0, null]],
      ['overall', [25, 25, 1]],
    ])
  })
})
