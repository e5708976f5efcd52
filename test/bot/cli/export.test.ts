import ExcelJS from 'exceljs'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runCli } from '../../../bot/cli/run-cli.js'
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
  const base = ['export', '--db', db, '--roster', exampleRosterFile]

  it('writes a period to the file named, one that ExcelJS reads back', async () => {
    const out = join(tempDir(), 'report.xlsx')
    const { io, out: stdout, err } = memoryIo()
    const code = await runCli(
      [...base, '--from', '2026-10-10', '--to', '2026-10-12', '--out', out],
      io,
    )
    expect(err()).toBe('')
    expect(code).toBe(0)
    expect(stdout()).toMatch(
      new RegExp(`^${out}\\t\\d+ 字节\\n已导出 1 个文件，共 \\d+ 字节，用时 [\\d.]+ 秒\\n$`),
    )
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
    expect(await runCli([...base, '--to', '2026-10-12', '--out', out], io)).toBe(0)
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.readFile(out)
    expect(workbook.getWorksheet(sheetNames.daily)!.rowCount).toBe(1 + 12)
  })

  it('splits by days above --max-mb, next to the file named', async () => {
    const dir = tempDir()
    const period = ['--from', '2026-10-10', '--to', '2026-10-12']
    const whole = memoryIo()
    await runCli([...base, ...period, '--out', join(dir, 'whole.xlsx')], whole.io)
    const bytes = Number(/\t(\d+) 字节/.exec(whole.out())![1])
    const { io, out, err } = memoryIo()
    // A little under the whole export: its size varies by a byte or two with the creation time
    // written into it (compressed), so 1 byte under would sometimes not split at all.
    const maxMb = String((bytes - 100) / (1024 * 1024))
    expect(
      await runCli([...base, ...period, '--out', join(dir, 'r.xlsx'), '--max-mb', maxMb], io),
    ).toBe(0)
    expect(err()).toBe('导出超过大小上限，已拆分为 2 个文件\n')
    const files = out()
      .trim()
      .split('\n')
      .slice(0, -1)
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
      await runCli(
        [...base, '--from', '2026-10-12', '--out', out, '--max-mb', '0.001'],
        tooLarge.io,
      ),
    ).toBe(1)
    expect(tooLarge.err()).toMatch(/2026-10-12 一天的导出就有 \d+ 字节，超过上限 1049 字节/)
    const empty = memoryIo()
    expect(await runCli([...base, '--from', '2026-09-01', '--out', out], empty.io)).toBe(1)
    expect(empty.err()).toBe('2026-09-01 至 2026-09-01 没有数据：没有写出文件\n')
    expect(existsSync(out)).toBe(false)
  })

  it.each([
    [['--db', db], '需要 --out 文件.xlsx'],
    [['--out', 'a.csv'], '--out a.csv 应是 .xlsx 文件'],
    [['--from', '2026-13-01', '--out', 'a.xlsx'], '--from "2026-13-01" 不是日期'],
    [
      ['--from', '2026-10-12', '--to', '2026-10-10', '--out', 'a.xlsx'],
      '起始日 2026-10-12 晚于截止日 2026-10-10',
    ],
  ])('explains the usage mistake %j on one line', async (args, message) => {
    const { io, err } = memoryIo()
    const argv = args[0] === '--db' ? ['export', ...args] : [...base, ...args]
    expect(await runCli(argv, io)).toBe(2)
    expect(err()).toContain(message)
    expect(err()).toContain('用法见 redband export --help')
    expect(err().trim().split('\n')).toHaveLength(1)
  })
})
