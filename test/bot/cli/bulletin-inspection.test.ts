import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runCli } from '../../../bot/cli/run-cli.js'
import { closeDb, openDb } from '../../../db/client.js'
import { memoryIo } from '../../helpers/cli-io.js'
import { exampleRosterFile } from '../../helpers/fixtures.js'
import { writeExampleInspectionDay } from '../../helpers/inspection-days.js'
import { tempDir } from '../../helpers/temp.js'

/** A store file holding the example inspection day. */
function storeWithADay(): string {
  const file = join(tempDir(), 'redband.db')
  const db = openDb(file)
  writeExampleInspectionDay(db, 'Asia/Shanghai')
  closeDb(db)
  return file
}

describe('bulletin inspection', () => {
  const db = storeWithADay()
  const args = [
    'bulletin',
    'inspection',
    '--db',
    db,
    '--roster',
    exampleRosterFile,
    '--date',
    '2026-10-12',
  ]

  it('prints the bulletin as JSON, every rate with what it is made of', async () => {
    const { io, out, err } = memoryIo()
    expect(await runCli([...args, '--json'], io)).toBe(0)
    expect(err()).toBe('')
    const bulletin = JSON.parse(out()) as Record<string, unknown>
    expect(bulletin).toMatchObject({
      date: '2026-10-12',
      rates: {
        onDuty: { numerator: 17, denominator: 21, value: 17 / 21 },
        engagement: { numerator: 2, denominator: 4, value: 0.5 },
        coverage: { numerator: 29, denominator: 48, value: 29 / 48 },
        patrol: { numerator: 78, denominator: 48, value: 78 / 48 },
      },
      unanswered: [
        { unit: '吴家营派出所', kind: 'display', status: 'late', time: '09:00' },
        { unit: '晋城派出所', kind: 'display', status: 'unanswered', time: '09:00' },
        { unit: '吴家营派出所', kind: 'random', status: 'unanswered', time: '10:30' },
      ],
    })
    const units = bulletin.units as Array<{
      unit: string
      rank: number | null
      rates: Record<string, { value: number | null }>
    }>
    expect(units.map(({ unit, rank, rates }) => [rank, unit, rates.onDuty!.value])).toEqual([
      [1, '高新分局', 1],
      [2, '保安集团', 1],
      [3, '晋宁分局', 5 / 6],
      [4, '呈贡分局', 8 / 11],
      // Nothing checked: null, never 0.
      [null, '环卫集团', null],
    ])
  })

  it('prints the bulletin as text', async () => {
    const { io, out } = memoryIo()
    expect(await runCli(args, io)).toBe(0)
    expect(out()).toContain('红袖标督导情况通报（10月12日）')
    expect(out()).toContain('见勤率　81%（17/21）')
    expect(out()).toContain('未按时回复单位（2个）：')
  })

  it.each([
    [
      ['bulletin', 'inspection'],
      /^需要 --db 文件（或设置 REDBAND_DB）；用法见 redband bulletin inspection --help$/,
    ],
    [[...args.slice(0, -1), '10月32日'], /^--date "10月32日" 不是日期/],
    [[...args, '--deadline', '09:00'], /^未知选项 "--deadline"，是否要用 "--date"？$/],
    [['bulletin', 'inspections'], /^未知命令 "inspections"，是否要用 "inspection"？$/],
  ])('refuses %j on one line', async (argv, message) => {
    const { io, err } = memoryIo()
    expect(await runCli(argv, io)).toBe(2)
    expect(err().trimEnd()).toMatch(message)
  })

  it('says so when the store does not exist', async () => {
    const { io, err } = memoryIo()
    const missing = join(tempDir(), 'none.db')
    expect(
      await runCli(['bulletin', 'inspection', '--db', missing, '--roster', exampleRosterFile], io),
    ).toBe(1)
    expect(err()).toMatch(/none.db 没有数据库：先运行机器人/)
  })
})
