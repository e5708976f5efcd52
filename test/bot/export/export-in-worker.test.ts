import { readFileSync } from 'node:fs'
import { basename, join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { exportInWorker } from '../../../bot/export/export-in-worker.js'
import type { ExportJob } from '../../../bot/export/write-export.js'
import { closeDb, openDb } from '../../../db/client.js'
import { defaultSchedule } from '../../../src/schedule/schedule.js'
import { ExportTooLargeError } from '../../../templates/export/workbook.js'
import { writeExampleEvidence } from '../../helpers/evidence-days.js'
import { exampleRoster, fixturePath } from '../../helpers/fixtures.js'
import { writeExampleInspectionDay } from '../../helpers/inspection-days.js'
import { hc, reportWriter } from '../../helpers/report-days.js'
import { tempDir } from '../../helpers/temp.js'
import { dumpWorkbook } from '../../helpers/workbook-dump.js'

const roster = exampleRoster()

/** Three days in a store file: a report on the 10th, the example inspection day on the 12th. */
function exampleJob(overrides: Partial<ExportJob> = {}): ExportJob {
  const dir = tempDir()
  const dbFile = join(dir, 'redband.db')
  const db = openDb(dbFile)
  writeExampleInspectionDay(db, roster.timezone)
  writeExampleEvidence(db, roster.timezone)
  reportWriter(db, roster.timezone).report('2026-10-10', '08:00', [hc('保安集团', 11000)])
  closeDb(db)
  return {
    dbFile,
    roster,
    schedule: { ...defaultSchedule, event: {} },
    period: { from: '2026-10-10', to: '2026-10-12' },
    dir: join(dir, 'exports'),
    maxBytes: 25 * 1024 * 1024,
    ...overrides,
  }
}

describe('exportInWorker', () => {
  it('writes, in its worker thread, the workbook the export wrote before it had one', async () => {
    const { files, bytes } = await exportInWorker(exampleJob())
    expect(files.map((f) => basename(f))).toEqual(['红袖标数据_2026-10-10_2026-10-12.xlsx'])
    expect(bytes[0]).toBeGreaterThan(0)
    // Every cell, format, width, view and filter, as the in-memory workbook wrote them.
    const before: unknown = JSON.parse(
      readFileSync(fixturePath('export-workbook.before.json'), 'utf8'),
    )
    expect(await dumpWorkbook(files[0]!)).toEqual(before)
  })

  it('tells its progress as the worker writes the sheets, more than once and always further', async () => {
    const reports: Array<[number, number]> = []
    await exportInWorker(exampleJob(), (written, total) => reports.push([written, total]))
    expect(reports.length).toBeGreaterThan(1)
    const written = reports.map(([w]) => w)
    expect(written).toEqual([...new Set(written)].sort((a, b) => a - b))
    const total = reports[0]![1]
    expect(reports.every(([, t]) => t === total)).toBe(true)
    expect(written.at(-1)).toBe(total)
  })

  it('splits by days above the limit, and refuses a day that alone is over it', async () => {
    const job = exampleJob()
    const whole = await exportInWorker(job)
    const split = await exportInWorker({
      ...job,
      maxBytes: whole.bytes[0]! - 1,
      names: { single: 'x.xlsx', stem: '周报' },
    })
    expect(split.files.map((f) => basename(f))).toEqual([
      '周报_2026-10-10_2026-10-11.xlsx',
      '周报_2026-10-12.xlsx',
    ])
    const error = await exportInWorker({ ...job, maxBytes: 1000 }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ExportTooLargeError)
    expect(error).toMatchObject({ day: '2026-10-10', maxBytes: 1000 })
  })

  it('writes nothing for a period without data, and says why it cannot read a store in memory', async () => {
    const empty = await exportInWorker(
      exampleJob({ period: { from: '2026-09-01', to: '2026-09-02' } }),
    )
    expect(empty).toEqual({ files: [], bytes: [] })
    await expect(exportInWorker(exampleJob({ dbFile: ':memory:' }))).rejects.toThrow(
      'an export reads the store from its file, not :memory:',
    )
  })
})
