import { describe, expect, it } from 'vitest'
import { openDb } from '../../db/client.js'
import {
  evidenceOfDay,
  exportChecks,
  exportDataOf,
  exportFieldRecords,
  exportNotes,
  hasExportData,
} from '../../db/export-queries.js'
import { defaultSchedule } from '../../src/schedule/schedule.js'
import { writeExampleEvidence } from '../helpers/evidence-days.js'
import { exampleRoster } from '../helpers/fixtures.js'
import { writeExampleInspectionDay } from '../helpers/inspection-days.js'

const roster = exampleRoster()
const day = '2026-10-12'
const period = { from: day, to: day }

function store() {
  const db = openDb(':memory:')
  writeExampleInspectionDay(db, roster.timezone)
  writeExampleEvidence(db, roster.timezone)
  return db
}

describe('export queries', () => {
  it('lists the checks that were asked, each with the photo that answered it', () => {
    const checks = exportChecks(store(), period)
    // 18 checks were written; the one still planned was never asked.
    expect(checks).toHaveLength(17)
    expect(checks.some((c) => (c.status as string) === 'planned')).toBe(false)
    const byUnit = (unit: string) =>
      checks.find(
        (c) => c.unit === unit && c.kind === 'display' && c.askedAt === checks[0]!.askedAt,
      )!
    // The answer was the photo itself.
    expect(byUnit('龙城派出所')).toMatchObject({
      photo: '2026-10-12/龙城派出所/photo-longcheng.jpg',
      answeredBy: 'li名',
    })
    // A text answer: the photo its sender posted three minutes later, not a colleague's.
    expect(byUnit('洛龙派出所').photo).toBe('2026-10-12/洛龙派出所/photo-luolong.jpg')
    expect(byUnit('昆阳派出所').photo).toBeNull()
  })

  it('lists field records and notes that stand, with who wrote them', () => {
    const db = store()
    const records = exportFieldRecords(db, period)
    expect(records).toHaveLength(5)
    expect(records[0]).toMatchObject({
      unit: '龙城派出所',
      onDuty: true,
      engaged: true,
      inspector: '督导员',
    })
    const notes = exportNotes(db, period)
    expect(notes.map((n) => [n.kind, n.unit])).toEqual([
      ['problem', '吴家营派出所'],
      ['commendation', '昆阳派出所'],
      ['problem', '马金铺派出所'],
    ])
  })

  it('gathers a period, and knows an empty one', () => {
    const db = store()
    const data = exportDataOf(db, roster, { ...defaultSchedule, event: {} }, period)
    expect(data.days).toHaveLength(1)
    expect(hasExportData(data)).toBe(true)
    const empty = exportDataOf(
      db,
      roster,
      { ...defaultSchedule, event: {} },
      {
        from: '2026-10-13',
        to: '2026-10-14',
      },
    )
    expect(empty.days).toHaveLength(2)
    expect(hasExportData(empty)).toBe(false)
  })

  it('lists a day’s evidence photos with their rooms', () => {
    const photos = evidenceOfDay(store(), day)
    expect(photos.map((p) => [p.unit, p.path])).toEqual([
      ['龙城派出所', '2026-10-12/龙城派出所/photo-longcheng.jpg'],
      ['洛龙派出所', '2026-10-12/洛龙派出所/photo-other.jpg'],
      ['洛龙派出所', '2026-10-12/洛龙派出所/photo-luolong.jpg'],
      [null, null],
    ])
    expect(photos[3]!.roomTopic).toBe('晋宁分局红袖标联络群')
  })
})
