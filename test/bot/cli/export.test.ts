import ExcelJS from 'exceljs'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { exportCommand } from '../../../bot/cli/export.js'
import { closeDb, openDb } from '../../../db/client.js'
import { sheetNames } from '../../../templates/export/workbook.js'
import { memoryIo } from '../../helpers/cli-io.js'
import { writeExampleEvidence } from '../../helpers/evidence-days.js'
import { exampleRosterFile } from '../../helpers/fixtures.js'
import { writeExampleInspectionDay } from '../../helpers/inspection-days.js'
import { hc, reportWriter } from '../../helpers/report-days.js'
import { tempDir } from '../../helpers/temp.js'

function storeFile(): string {
  const file = join(tempDir(), 'redband.db')
  const db = openDb(file)
  writeExampleInspectionDay(db, 'Asia/Shanghai')
  writeExampleEvidence(db, 'Asia/Shanghai')
  reportWriter(db, 'Asia/Shanghai').report('2026-10-10', '08:00', [hc('保安集团', 11000)])
  closeDb(db)
  return file
}

describe('export', () => {
  const db = storeFile()
  const base = ['--db', db, '--roster', exampleRosterFile]

  it('writes a period to the file named, one that ExcelJS reads back', async () => {
    const out = join(tempDir(), 'report.xlsx')
    const { io, out: stdout, err } = memoryIo()
    const code = await exportCommand(
      [...base, '--from', '2026-10-10', '--to', '2026-10-12', '--out', out],
      io,
    )
    expect(err()).toBe('')
    expect(code).toBe(0)
    expect(stdout()).toMatch(new RegExp(`^${out}\\t\\d+ bytes\\n$`))
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.readFile(out)
    const daily = workbook.getWorksheet(sheetNames.daily)!
    // Three days of one total row and eleven units.
    expect(daily.rowCount).toBe(1 + 3 * 12)
    expect(daily.getCell('B2').value).toBe('合计')
    expect(daily.getCell('F2').value).toBe(11000)
  })

  it('takes one of --from and --to alone as that day', async () => {
    const out = join(tempDir(), 'day.xlsx')
    const { io } = memoryIo()
    expect(await exportCommand([...base, '--to', '2026-10-12', '--out', out], io)).toBe(0)
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.readFile(out)
    expect(workbook.getWorksheet(sheetNames.daily)!.rowCount).toBe(1 + 12)
  })

  it('splits by days above --max-mb, next to the file named', async () => {
    const dir = tempDir()
    const period = ['--from', '2026-10-10', '--to', '2026-10-12']
    const whole = memoryIo()
    await exportCommand([...base, ...period, '--out', join(dir, 'whole.xlsx')], whole.io)
    const bytes = Number(/\t(\d+) bytes/.exec(whole.out())![1])
    const { io, out, err } = memoryIo()
    // A little under the whole export: its size varies by a byte or two with the creation time
    // written into it (compressed), so 1 byte under would sometimes not split at all.
    const maxMb = String((bytes - 100) / (1024 * 1024))
    expect(
      await exportCommand(
        [...base, ...period, '--out', join(dir, 'r.xlsx'), '--max-mb', maxMb],
        io,
      ),
    ).toBe(0)
    expect(err()).toBe('the export was larger than the limit, so it was split into 2 files\n')
    const files = out()
      .trim()
      .split('\n')
      .map((line) => line.split('\t')[0])
    expect(files).toEqual([
      join(dir, 'r_2026-10-10_2026-10-11.xlsx'),
      join(dir, 'r_2026-10-12.xlsx'),
    ])
    for (const file of files) expect(existsSync(file!)).toBe(true)
  })

  it('refuses a day too large, and an empty period, writing nothing', async () => {
    const out = join(tempDir(), 'x.xlsx')
    const tooLarge = memoryIo()
    expect(
      await exportCommand(
        [...base, '--from', '2026-10-12', '--out', out, '--max-mb', '0.001'],
        tooLarge.io,
      ),
    ).toBe(1)
    expect(tooLarge.err()).toMatch(
      /the export of 2026-10-12 alone is \d+ bytes, over the 1049-byte limit/,
    )
    const empty = memoryIo()
    expect(await exportCommand([...base, '--from', '2026-09-01', '--out', out], empty.io)).toBe(1)
    expect(empty.err()).toBe('no data from 2026-09-01 to 2026-09-01: nothing was written\n')
    expect(existsSync(out)).toBe(false)
  })

  it('explains its usage mistakes', async () => {
    const { io } = memoryIo()
    await expect(exportCommand(['--db', db], io)).rejects.toThrow(
      'export needs --db FILE, --roster FILE and --out FILE.xlsx',
    )
    await expect(exportCommand([...base, '--out', 'a.csv'], io)).rejects.toThrow(
      'should name an .xlsx file',
    )
    await expect(
      exportCommand([...base, '--from', '2026-13-01', '--out', 'a.xlsx'], io),
    ).rejects.toThrow('--from 2026-13-01 is not a date')
    await expect(
      exportCommand([...base, '--from', '2026-10-12', '--to', '2026-10-10', '--out', 'a.xlsx'], io),
    ).rejects.toThrow('--from 2026-10-12 is after --to 2026-10-10')
  })
})
