import { beforeEach, describe, expect, it } from 'vitest'
import { openDb, type Db } from '../../../db/client.js'
import { inspectionBulletinInput } from '../../../db/inspection-queries.js'
import {
  buildInspectionBulletin,
  type InspectionBulletin,
} from '../../../src/bulletin/inspection-bulletin.js'
import { parseRoster } from '../../../src/roster/parse-roster.js'
import { instantOf } from '../../../src/time/zoned.js'
import { inspectionWriter } from '../../helpers/inspection-days.js'
import { hc, reportWriter } from '../../helpers/report-days.js'

const roster = parseRoster(`
timezone: Asia/Shanghai
units:
  - name: 北城分局
    units:
      - { name: 北城派出所, points: 10 }
  - name: 安宁分局
    units:
      - { name: 安宁派出所, points: 10 }
  - name: 城南分局
    units:
      - { name: 城南派出所, points: 10 }
  - { name: 东郊分局, points: 10 }
  - { name: 环卫集团 }
  - { name: 保安集团 }
`)

const day = '2026-10-12'

describe('buildInspectionBulletin', () => {
  let db: Db
  let write: ReturnType<typeof reportWriter>
  let inspect: ReturnType<typeof inspectionWriter>
  const bulletin = (): InspectionBulletin =>
    buildInspectionBulletin(roster, inspectionBulletinInput(db, day))

  beforeEach(() => {
    db = openDb(':memory:')
    write = reportWriter(db, roster.timezone)
    inspect = inspectionWriter(db, roster.timezone)
  })

  it('counts the checks of each kind by outcome, leaving out planned ones and unknown units', () => {
    inspect.check(day, '09:00', 'display', '北城派出所', 'answered')
    inspect.check(day, '09:00', 'display', '安宁派出所', 'late')
    inspect.check(day, '09:00', 'display', '城南派出所', 'unanswered')
    inspect.check(day, '10:00', 'random', '北城派出所', 'answered')
    inspect.check(day, '22:00', 'random', '安宁派出所', 'planned')
    inspect.check(day, '19:55', 'ordered', '东郊分局', 'open')
    inspect.check(day, '11:00', 'ordered', '不在名册派出所', 'unanswered')
    expect(bulletin().checks).toEqual([
      { kind: 'display', asked: 3, answered: 1, late: 1, unanswered: 1, open: 0 },
      { kind: 'random', asked: 1, answered: 1, late: 0, unanswered: 0, open: 0 },
      { kind: 'ordered', asked: 1, answered: 0, late: 0, unanswered: 0, open: 1 },
    ])
  })

  it('ranks the top-level units by 见勤率, then 覆盖率, then name; nothing checked comes last, unranked', () => {
    const twoChecks = (unit: string, second: 'answered' | 'unanswered') => {
      inspect.check(day, '09:00', 'display', unit, 'answered')
      inspect.check(day, '15:00', 'display', unit, second)
    }
    twoChecks('北城派出所', 'unanswered')
    twoChecks('安宁派出所', 'unanswered')
    twoChecks('城南派出所', 'unanswered')
    twoChecks('东郊分局', 'answered')
    // Still open: no 见勤率 yet.
    inspect.check(day, '19:55', 'ordered', '环卫集团', 'open')
    write.report(day, '08:00', [
      hc('北城派出所', 100, { points: 10 }),
      hc('安宁派出所', 100, { points: 5 }),
      hc('城南派出所', 100, { points: 10 }),
    ])

    const units = bulletin().units
    expect(
      units.map((u) => [u.rank, u.unit, u.rates.onDuty.value, u.rates.coverage.value]),
    ).toEqual([
      [1, '东郊分局', 1, 0],
      // Tied on both rates: by name.
      [2, '北城分局', 0.5, 1],
      [3, '城南分局', 0.5, 1],
      [4, '安宁分局', 0.5, 0.5],
      [null, '保安集团', null, null],
      [null, '环卫集团', null, null],
    ])
  })

  it('gives the rates over every unit', () => {
    inspect.check(day, '09:00', 'display', '北城派出所', 'answered')
    inspect.check(day, '09:00', 'display', '保安集团', 'unanswered')
    inspect.field(day, '10:00', '安宁派出所', true, { engaged: true })
    write.report(day, '08:00', [hc('东郊分局', 100, { points: 4 })], {
      activities: [{ unit: '东郊分局', kind: 'patrol', count: 8 }],
    })
    expect(bulletin().rates).toEqual({
      onDuty: { numerator: 2, denominator: 3, value: 2 / 3 },
      engagement: { numerator: 1, denominator: 1, value: 1 },
      coverage: { numerator: 4, denominator: 40, value: 0.1 },
      patrol: { numerator: 8, denominator: 40, value: 0.2 },
    })
  })

  it('lists the checks not answered in time, by time asked, then roster order', () => {
    inspect.check(day, '09:00', 'display', '城南派出所', 'unanswered')
    inspect.check(day, '09:00', 'display', '北城派出所', 'late')
    inspect.check(day, '09:00', 'display', '安宁派出所', 'answered')
    inspect.check(day, '08:00', 'random', '安宁派出所', 'unanswered')
    inspect.check(day, '19:55', 'ordered', '东郊分局', 'open')
    const at = (time: string) => instantOf(day, time, roster.timezone)
    expect(bulletin().unanswered).toEqual([
      {
        unit: '安宁派出所',
        kind: 'random',
        status: 'unanswered',
        askedAt: at('08:00'),
        time: '08:00',
      },
      { unit: '北城派出所', kind: 'display', status: 'late', askedAt: at('09:00'), time: '09:00' },
      {
        unit: '城南派出所',
        kind: 'display',
        status: 'unanswered',
        askedAt: at('09:00'),
        time: '09:00',
      },
    ])
  })

  it('keeps the day’s problems, commendations and focus in the order written, without retracted ones', () => {
    inspect.note(day, '10:00', 'problem', '队员离岗', { unit: '北城派出所', subject: '北门岗' })
    inspect.note(day, '11:00', 'problem', '发错了', { retracted: true })
    inspect.note(day, '09:00', 'problem', '未戴袖标', { unit: '不在名册派出所' })
    inspect.note(day, '12:00', 'commendation', '劝离醉酒人员', { subject: '王伟' })
    inspect.note(day, '19:00', 'focus', '晚高峰加强值守')
    inspect.note('2026-10-11', '19:00', 'focus', '前一天的重点')
    const b = bulletin()
    expect(b.problems).toEqual([
      { unit: '不在名册派出所', subject: null, text: '未戴袖标' },
      { unit: '北城派出所', subject: '北门岗', text: '队员离岗' },
    ])
    expect(b.commendations).toEqual([{ unit: null, subject: '王伟', text: '劝离醉酒人员' }])
    expect(b.focus).toEqual([{ unit: null, subject: null, text: '晚高峰加强值守' }])
  })

  it('totals the field records that stand', () => {
    inspect.field(day, '10:00', '北城派出所', true, { volunteers: 3, engaged: true })
    inspect.field(day, '10:10', '安宁派出所', true, { volunteers: 2 })
    inspect.field(day, '10:20', '城南派出所', true, { engaged: false })
    inspect.field(day, '10:30', '城南派出所', false, { volunteers: 0 })
    inspect.field(day, '10:40', '东郊分局', true, { volunteers: 5, retracted: true })
    expect(bulletin().field).toEqual({
      records: 4,
      onDuty: 3,
      engaged: 1,
      unstated: 1,
      volunteers: 5,
    })
  })

  it('is empty, with no rate, on a day with nothing', () => {
    const b = bulletin()
    expect(b).toMatchObject({
      date: day,
      unanswered: [],
      problems: [],
      commendations: [],
      focus: [],
    })
    expect(b.checks.every((t) => t.asked === 0)).toBe(true)
    expect(b.rates.onDuty.value).toBeNull()
    expect(b.rates.engagement.value).toBeNull()
    expect(b.units.every((u) => u.rank === null)).toBe(true)
  })
})
