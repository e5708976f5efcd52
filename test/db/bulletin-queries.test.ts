import { describe, expect, it } from 'vitest'
import { reportersFromRoom, workBulletinInput } from '../../db/bulletin-queries.js'
import { openDb } from '../../db/client.js'
import { parseRoster } from '../../src/roster/parse-roster.js'
import { instantOf } from '../../src/time/zoned.js'
import { hc, reportWriter } from '../helpers/report-days.js'

const rosterIn = (timezone: string) =>
  parseRoster(`
timezone: ${timezone}
units:
  - name: 盘龙分局
    units:
      - { name: 东华派出所, target: 300, points: 12 }
      - { name: 拓东派出所, target: 200 }
  - { name: 交警支队, target: 1400 }
`)

const day = '2026-10-12'

describe('workBulletinInput', () => {
  it('returns the counted reports recordReport wrote, oldest first, the day and the day before apart', () => {
    const db = openDb(':memory:')
    const write = reportWriter(db, 'Asia/Shanghai')
    write.report('2026-10-11', '08:00', [hc('东华派出所', 280, { points: 12 })])
    write.report(day, '10:00', [hc('东华派出所', 300, { approx: true, points: 11 })], {
      correction: true,
    })
    write.report(day, '08:00', [hc('东华派出所', 290), hc('交警支队', 1400)])
    write.report(day, '08:30', [], { held: [hc('拓东派出所', 5000)] })
    write.retract(write.report(day, '09:00', [hc('拓东派出所', 180)]))
    write.report('2026-10-10', '08:00', [hc('东华派出所', 1)])

    const deadlineAt = instantOf(day, '09:00', 'Asia/Shanghai')
    const input = workBulletinInput(db, day, deadlineAt)
    expect(input).toMatchObject({ day, deadlineAt })
    expect(input.reports).toEqual([
      {
        unit: '东华派出所',
        count: 290,
        approx: false,
        points: null,
        reportedAt: instantOf(day, '08:00', 'Asia/Shanghai'),
        correction: false,
      },
      {
        unit: '交警支队',
        count: 1400,
        approx: false,
        points: null,
        reportedAt: instantOf(day, '08:00', 'Asia/Shanghai'),
        correction: false,
      },
      {
        unit: '东华派出所',
        count: 300,
        approx: true,
        points: 11,
        reportedAt: instantOf(day, '10:00', 'Asia/Shanghai'),
        correction: true,
      },
    ])
    expect(input.previous).toEqual([
      {
        unit: '东华派出所',
        count: 280,
        approx: false,
        points: 12,
        reportedAt: instantOf('2026-10-11', '08:00', 'Asia/Shanghai'),
        correction: false,
      },
    ])
  })

  it('returns the day’s activities that were not retracted', () => {
    const db = openDb(':memory:')
    const write = reportWriter(db, 'Asia/Shanghai')
    write.report(day, '08:00', [], {
      activities: [{ unit: '东华派出所', kind: 'patrol', count: 30 }],
    })
    write.retract(
      write.report(day, '09:00', [], {
        activities: [{ unit: '东华派出所', kind: 'hazard', count: 2 }],
      }),
    )
    write.report('2026-10-11', '09:00', [], {
      activities: [{ unit: '东华派出所', kind: 'dispute', count: 1 }],
    })
    expect(workBulletinInput(db, day, 0).activities).toEqual([
      {
        unit: '东华派出所',
        kind: 'patrol',
        count: 30,
        reportedAt: instantOf(day, '08:00', 'Asia/Shanghai'),
      },
    ])
  })

  // Local 00:30 and 23:50 fall on another UTC date in one zone or the other; the stored local
  // day decides, never the UTC date of reported_at.
  it.each(['Asia/Shanghai', 'America/Los_Angeles'])(
    'keeps reports of the local day %s together across the UTC date line',
    (timezone) => {
      const roster = rosterIn(timezone)
      const db = openDb(':memory:')
      const write = reportWriter(db, roster.timezone)
      write.report('2026-10-11', '23:59', [hc('交警支队', 1)])
      write.report(day, '00:30', [hc('东华派出所', 280)])
      write.report(day, '23:50', [hc('拓东派出所', 190)])
      write.report('2026-10-13', '00:10', [hc('交警支队', 3)])
      // Sent on the 13th, stating it is for the 12th: it belongs to the 12th.
      write.report('2026-10-13', '00:20', [hc('交警支队', 1400)], { forDay: day })

      const input = workBulletinInput(db, day, instantOf(day, '09:00', timezone))
      expect(input.reports.map((r) => [r.unit, r.count])).toEqual([
        ['东华派出所', 280],
        ['拓东派出所', 190],
        ['交警支队', 1400],
      ])
      expect(input.previous.map((r) => [r.unit, r.count])).toEqual([['交警支队', 1]])
    },
  )

  it('reads each day with the reports_day_unit index', () => {
    const db = openDb(':memory:')
    const plan = db.$client
      .prepare(
        "explain query plan select * from reports where day in ('2026-10-11', '2026-10-12') and status = 'counted'",
      )
      .all() as Array<{ detail: string }>
    expect(plan.map((p) => p.detail).join('\n')).toMatch(/USING INDEX reports_day_unit/)
  })
})

describe('reportersFromRoom', () => {
  it('names who reported for each unit from one room (by its id) since a day, latest first', () => {
    const db = openDb(':memory:')
    const write = reportWriter(db, 'Asia/Shanghai')
    write.report('2026-09-01', '08:00', [hc('东华派出所', 1)], { room: 'room-a', sender: 'old' })
    write.report('2026-10-10', '08:00', [hc('东华派出所', 290)], { room: 'room-a', sender: 'wang' })
    write.report('2026-10-11', '08:00', [hc('东华派出所', 300)], { room: 'room-a', sender: 'li' })
    write.report('2026-10-11', '09:00', [hc('东华派出所', 310)], { room: 'room-b', sender: 'zhao' })
    expect(reportersFromRoom(db, ['东华派出所'], 'room-a', '2026-09-12')).toEqual(
      new Map([['东华派出所', ['li', 'wang']]]),
    )
  })
})
