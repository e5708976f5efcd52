import ExcelJS from 'exceljs'
import { existsSync, statSync } from 'node:fs'
import { basename, join } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  dataExportCommand,
  exportCommandWith,
  exportRequest,
} from '../../../bot/commands/export.js'
import { exportFileName } from '../../../bot/export/write-export.js'
import { openDb } from '../../../db/client.js'
import { defaultSchedule } from '../../../src/schedule/schedule.js'
import { sheetNames } from '../../../templates/export/workbook.js'
import { commandContext } from '../../helpers/command-context.js'
import { writeExampleEvidence } from '../../helpers/evidence-days.js'
import { writeExampleInspectionDay } from '../../helpers/inspection-days.js'
import { hc, reportWriter } from '../../helpers/report-days.js'
import { tempDir } from '../../helpers/temp.js'

const day = '2026-10-12'

/** The example days in a store file: the export's worker opens it on its own. */
function world(today = day, event: { start?: string; end?: string } = {}) {
  const db = openDb(join(tempDir(), 'redband.db'))
  writeExampleInspectionDay(db, 'Asia/Shanghai')
  writeExampleEvidence(db, 'Asia/Shanghai')
  reportWriter(db, 'Asia/Shanghai').report('2026-10-10', '08:00', [hc('保安集团', 11000)])
  return commandContext(db, {
    day: today,
    evidenceDir: join(tempDir(), 'evidence'),
    schedule: { ...defaultSchedule, event },
  })
}

describe('exportRequest', () => {
  it.each([
    ['', { kind: 'period', period: { from: '2026-10-15', to: '2026-10-15' } }],
    ['昨天', { kind: 'period', period: { from: '2026-10-14', to: '2026-10-14' } }],
    ['10月12日', { kind: 'period', period: { from: '2026-10-12', to: '2026-10-12' } }],
    // 2026-10-15 is a Thursday: the week began on Monday the 12th.
    ['本周', { kind: 'period', period: { from: '2026-10-12', to: '2026-10-15' } }],
    ['全程', { kind: 'event' }],
    ['明天', { kind: 'bad', written: '明天', future: false }],
    ['10月20日', { kind: 'period', period: { from: '2025-10-20', to: '2025-10-20' } }],
    ['2026-10-20', { kind: 'bad', written: '2026-10-20', future: true }],
  ])('reads “%s”', (written, request) => {
    expect(exportRequest(written, '2026-10-15')).toEqual(request)
  })

  it('takes Monday itself as the start of its week', () => {
    expect(exportRequest('本周', '2026-10-12')).toEqual({
      kind: 'period',
      period: { from: '2026-10-12', to: '2026-10-12' },
    })
  })
})

describe('#导出', () => {
  it('answers that the file follows, and sends the .xlsx into the room', async () => {
    const { ctxFor, parsed, sent, replies } = world()
    await dataExportCommand.run(ctxFor('#导出'), parsed('#导出'))
    expect(replies).toEqual([
      '已导出10月12日的数据（每日数据、查岗督检、表扬问题、未报单位、评比），Excel 文件随后发出。',
    ])
    expect(sent).toHaveLength(1)
    const file = sent[0]!.filePath!
    expect(basename(file)).toBe(exportFileName(day, day))
    expect(sent[0]).toMatchObject({ roomTopic: '红袖标指挥部', text: `export ${day}..${day}` })
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.readFile(file)
    expect(workbook.getWorksheet(sheetNames.daily)!.getCell('F2').value).toBe(12528)
  })

  it('exports the week so far, and the security period', async () => {
    const { ctxFor, parsed, sent } = world('2026-10-14', { start: '2026-10-10' })
    await dataExportCommand.run(ctxFor('#导出 本周'), parsed('#导出 本周'))
    await dataExportCommand.run(ctxFor('#导出 全程'), parsed('#导出 全程'))
    expect(sent.map((s) => basename(s.filePath!))).toEqual([
      '红袖标数据_2026-10-12_2026-10-14.xlsx',
      '红袖标数据_2026-10-10_2026-10-14.xlsx',
    ])
    expect(new Set(sent.map((s) => s.key)).size).toBe(2)
  })

  it('says there is no data for an empty period, and sends no file', async () => {
    const { ctxFor, parsed, sent, replies } = world()
    await dataExportCommand.run(ctxFor('#导出 10月1日'), parsed('#导出 10月1日'))
    const empty = commandContext(openDb(join(tempDir(), 'redband.db')), {
      day,
      evidenceDir: tempDir(),
    })
    await dataExportCommand.run(empty.ctxFor('#导出 全程'), empty.parsed('#导出 全程'))
    expect(sent).toEqual([])
    expect(replies).toEqual(['10月1日还没有上报或督导数据，不生成导出文件。'])
    expect(empty.replies).toEqual(['活动期间还没有上报或督导数据，不生成导出文件。'])
  })

  it('shows how to name what to export', async () => {
    const { ctxFor, parsed, sent, replies } = world()
    await dataExportCommand.run(ctxFor('#导出 下个月'), parsed('#导出 下个月'))
    expect(sent).toEqual([])
    expect(replies[0]).toBe(
      '没看懂“下个月”。\n请这样写：#导出（今天）、#导出 10月11日、#导出 昨天、#导出 本周、#导出 全程。',
    )
  })

  it('splits an export over the file limit by days, and says so', async () => {
    const { ctxFor, parsed, sent, replies } = world('2026-10-12', { start: '2026-10-10' })
    await dataExportCommand.run(ctxFor('#导出 全程'), parsed('#导出 全程'))
    const whole = statSync(sent.pop()!.filePath!).size
    await exportCommandWith({ maxBytes: whole - 1 }).run(ctxFor('#导出 全程'), parsed('#导出 全程'))
    expect(replies[1]).toContain('文件较大，分成 2 个')
    expect(sent.map((s) => basename(s.filePath!))).toEqual([
      '红袖标数据_2026-10-10_2026-10-11.xlsx',
      '红袖标数据_2026-10-12.xlsx',
    ])
    for (const item of sent) expect(existsSync(item.filePath!)).toBe(true)
  })

  it('refuses a day over the file limit with a message saying so', async () => {
    const { ctxFor, parsed, sent, replies } = world()
    await exportCommandWith({ maxBytes: 1000 }).run(ctxFor('#导出'), parsed('#导出'))
    expect(sent).toEqual([])
    expect(replies[0]).toMatch(
      /^10月12日的数据文件有 0\.\d MB，超过微信 0 MB 的文件上限，发不出去。/,
    )
  })
})
