import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runCli } from '../../../bot/cli/run-cli.js'
import { closeDb, openDb } from '../../../db/client.js'
import { hc, reportWriter } from '../../helpers/report-days.js'
import { exampleRosterFile } from '../../helpers/fixtures.js'
import { memoryIo } from '../../helpers/cli-io.js'
import { tempDir } from '../../helpers/temp.js'

/** A store file holding a small day on the example roster. */
function storeWithADay(): string {
  const file = join(tempDir(), 'redband.db')
  const db = openDb(file)
  const write = reportWriter(db, 'Asia/Shanghai')
  write.report('2026-10-11', '08:00', [hc('龙城派出所', 140), hc('保安集团', 12000)])
  write.report('2026-10-12', '08:00', [
    hc('龙城派出所', 150, { points: 10 }),
    hc('洛龙派出所', 118),
  ])
  write.report('2026-10-12', '10:30', [
    hc('洛龙派出所', 120),
    hc('保安集团', 11800, { approx: true }),
  ])
  closeDb(db)
  return file
}

describe('bulletin work', () => {
  const db = storeWithADay()
  const args = [
    'bulletin',
    'work',
    '--db',
    db,
    '--roster',
    exampleRosterFile,
    '--date',
    '2026-10-12',
  ]

  it('prints the bulletin as JSON', async () => {
    const { io, out, err } = memoryIo()
    expect(await runCli([...args, '--json'], io)).toBe(0)
    expect(err()).toBe('')
    const bulletin = JSON.parse(out()) as Record<string, unknown>
    expect(bulletin).toMatchObject({
      date: '2026-10-12',
      deadline: '09:00',
      total: 150 + 120 + 11800,
      approx: true,
      delta: 150 + 120 + 11800 - 12140,
      missing: ['吴家营派出所', '昆阳派出所', '晋城派出所', '马金铺派出所', '环卫集团'],
      late: [{ unit: '保安集团', time: '10:30' }],
      corrections: [{ unit: '洛龙派出所', first: 118, count: 120, reports: 2 }],
    })
    const units = bulletin.units as Array<{ unit: string; count: number | null }>
    expect(units.map(({ unit, count }) => [unit, count])).toEqual([
      ['呈贡分局', 270],
      ['龙城派出所', 150],
      ['洛龙派出所', 120],
      ['吴家营派出所', null],
      ['晋宁分局', null],
      ['昆阳派出所', null],
      ['晋城派出所', null],
      ['高新分局', null],
      ['马金铺派出所', null],
      ['环卫集团', null],
      ['保安集团', 11800],
    ])
  })

  it('takes the deadline from --deadline', async () => {
    const { io, out } = memoryIo()
    expect(await runCli([...args, '--deadline', '11:00', '--json'], io)).toBe(0)
    expect(JSON.parse(out())).toMatchObject({ deadline: '11:00', late: [] })
  })

  it('prints the bulletin as text', async () => {
    const { io, out } = memoryIo()
    expect(await runCli(args, io)).toBe(0)
    expect(out()).toContain('红袖标工作情况通报（10月12日）')
    expect(out()).toContain('未报单位（5个）：')
    expect(out()).toContain('更正（1个）：\n洛龙派出所 118→120')
  })

  it.each([
    [
      ['bulletin', 'inspection'],
      /需要 --db 文件（或设置 REDBAND_DB）；用法见 redband bulletin inspection --help/,
    ],
    [['bulletin'], /用法： redband bulletin \[选项\] \[命令\][\s\S]*work \[选项\] +工作情况通报/],
    [['bulletin', 'work', '--roster', exampleRosterFile], /需要 --db 文件/],
    [
      [...args.slice(0, -1), '2026-13-01'],
      /--date "2026-13-01" 不是日期；?.*用法见 redband bulletin work --help/,
    ],
    [[...args, '--deadline', '9点'], /--deadline "9点" 不是时间/],
  ])('refuses %j with usage', async (argv, message) => {
    const { io, err } = memoryIo()
    expect(await runCli(argv, io)).toBe(2)
    expect(err()).toMatch(message)
  })

  it('says so when the store does not exist', async () => {
    const { io, err } = memoryIo()
    const missing = join(tempDir(), 'none.db')
    expect(
      await runCli(['bulletin', 'work', '--db', missing, '--roster', exampleRosterFile], io),
    ).toBe(1)
    expect(err()).toMatch(/none.db 没有数据库：先运行机器人/)
  })
})
