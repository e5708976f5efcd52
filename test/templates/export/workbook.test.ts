import ExcelJS from 'exceljs'
import { PassThrough } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { openDb } from '../../../db/client.js'
import { exportDataOf } from '../../../db/export-queries.js'
import { defaultSchedule } from '../../../src/schedule/schedule.js'
import { sheetNames, writeWorkbook } from '../../../templates/export/workbook.js'
import { writeExampleEvidence } from '../../helpers/evidence-days.js'
import { exampleRoster } from '../../helpers/fixtures.js'
import { writeExampleInspectionDay } from '../../helpers/inspection-days.js'

const roster = exampleRoster()
const schedule = { ...defaultSchedule, event: {} }

function exampleData(from = '2026-10-12', to = '2026-10-12') {
  const db = openDb(':memory:')
  writeExampleInspectionDay(db, roster.timezone)
  writeExampleEvidence(db, roster.timezone)
  return exportDataOf(db, roster, schedule, { from, to })
}

/** The bytes writeWorkbook streams out. */
async function workbookBytes(data: ReturnType<typeof exampleData>): Promise<Buffer> {
  const stream = new PassThrough()
  const chunks: Buffer[] = []
  stream.on('data', (chunk: Buffer) => chunks.push(chunk))
  await writeWorkbook(data, stream, { roster })
  return Buffer.concat(chunks)
}

async function read(buffer: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook()
  // ExcelJS types its Buffer as an ArrayBuffer; the bytes are the same.
  await workbook.xlsx.load(
    buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength) as ArrayBuffer,
  )
  return workbook
}

/** A sheet's rows as objects by header, cell values as ExcelJS reads them back. */
function rowsOf(sheet: ExcelJS.Worksheet): Array<Record<string, ExcelJS.CellValue>> {
  const header = (sheet.getRow(1).values as ExcelJS.CellValue[]).slice(1) as string[]
  const rows: Array<Record<string, ExcelJS.CellValue>> = []
  sheet.eachRow((row, n) => {
    if (n === 1) return
    rows.push(Object.fromEntries(header.map((h, i) => [h, row.getCell(i + 1).value])))
  })
  return rows
}

describe('export workbook', async () => {
  const workbook = await read(await workbookBytes(exampleData()))
  const sheet = (name: string) => workbook.getWorksheet(name)!

  it('has its sheets in order, each with a frozen, bold header row and sized columns', () => {
    expect(workbook.worksheets.map((s) => s.name)).toEqual(Object.values(sheetNames))
    for (const s of workbook.worksheets) {
      expect(s.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 })
      expect(s.getRow(1).font?.bold).toBe(true)
      expect(s.autoFilter).toBeTruthy()
      s.columns.forEach((column, i) => {
        const header = String(s.getRow(1).getCell(i + 1).value)
        expect(column.width!).toBeGreaterThanOrEqual(Math.min(60, header.length * 2))
      })
    }
    // The widest unit name sets its column.
    expect(sheet(sheetNames.daily).getColumn(2).width).toBeGreaterThanOrEqual(12)
  })

  it('writes each unit every day with numbers as numbers and rates as percentages', () => {
    const rows = rowsOf(sheet(sheetNames.daily))
    // The day's total, then every roster unit.
    expect(rows).toHaveLength(1 + roster.units.size)
    const total = rows[0]!
    expect(total).toMatchObject({ 单位: '合计', 上岗人数: 12528, 目标: 15740 })
    expect(total.日期).toEqual(new Date('2026-10-12T00:00:00Z'))
    expect(total.见勤率).toBeCloseTo(17 / 21)
    const chenggong = rows.find((r) => r.单位 === '呈贡分局')!
    expect(chenggong).toMatchObject({
      上岗人数: 268,
      目标: 470,
      层级: 1,
      末级单位: '否',
      计划点位: 30,
    })
    expect(chenggong.完成率).toBeCloseTo(268 / 470)
    expect(chenggong.查岗次数).toBe(11)
    expect(chenggong.见勤次数).toBe(8)
    const longcheng = rows.find((r) => r.单位 === '龙城派出所')!
    expect(longcheng).toMatchObject({
      上级单位: '呈贡分局',
      上岗人数: 150,
      本单位上报: '是',
      迟报: '',
    })
    const missing = rows.find((r) => r.单位 === '吴家营派出所')!
    expect(missing.上岗人数).toBeNull()
    const daily = sheet(sheetNames.daily)
    expect(daily.getColumn(9).numFmt).toBe('0.0%')
    expect(daily.getColumn(1).numFmt).toBe('yyyy-mm-dd')
    expect(typeof daily.getRow(2).getCell(6).value).toBe('number')
  })

  it('lists every check and field record by time, with the photo of each answer', () => {
    const rows = rowsOf(sheet(sheetNames.checks))
    expect(rows).toHaveLength(17 + 5)
    expect(rows[0]).toMatchObject({
      方式: '集中展示',
      单位: '龙城派出所',
      时间: '09:00',
      结果: '按时回复',
    })
    expect(
      rows.find((r) => r.单位 === '龙城派出所' && r.时间 === '09:00')!['照片（证据目录下）'],
    ).toBe('2026-10-12/龙城派出所/photo-longcheng.jpg')
    expect(rows.find((r) => r.单位 === '洛龙派出所' && r.时间 === '09:00')).toMatchObject({
      '照片（证据目录下）': '2026-10-12/洛龙派出所/photo-luolong.jpg',
      回复时间: '09:01',
      '用时（分钟）': 1,
    })
    expect(rows.find((r) => r.单位 === '晋城派出所' && r.方式 === '集中展示')!.结果).toBe('未回复')
    const field = rows.filter((r) => r.方式 === '实地督检')
    expect(field.map((r) => [r.单位, r.结果, r.管事, r.在岗队员数])).toEqual([
      ['龙城派出所', '在岗', '是', 3],
      ['洛龙派出所', '在岗', '未注明', 2],
      ['吴家营派出所', '不在岗', '', null],
      ['昆阳派出所', '在岗', '是', 4],
      ['马金铺派出所', '在岗', '否', 2],
    ])
  })

  it('lists commendations and problems, and the units that did not report', () => {
    expect(rowsOf(sheet(sheetNames.notes)).map((r) => [r.类型, r.单位, r['人员/点位']])).toEqual([
      ['问题', '吴家营派出所', '吴家营地铁站'],
      ['表扬', '昆阳派出所', '李红'],
      ['问题', '马金铺派出所', '大学城南门'],
    ])
    expect(rowsOf(sheet(sheetNames.missing)).map((r) => [r.所属单位, r.未报单位, r.目标])).toEqual([
      ['呈贡分局', '吴家营派出所', 200],
      ['晋宁分局', '晋城派出所', 80],
      ['', '环卫集团', 3000],
    ])
  })

  it('carries the event ranking of the period', () => {
    const units = rowsOf(sheet(sheetNames.units))
    expect(units).toHaveLength(8)
    expect(units[0]).toMatchObject({
      名次: 1,
      单位: '昆阳派出所',
      所属单位: '晋宁分局',
      达标天数: 1,
      达标天数占比: 1,
    })
    expect(rowsOf(sheet(sheetNames.people))).toEqual([
      expect.objectContaining({
        名次: 1,
        姓名: '李红',
        单位: '昆阳派出所',
        表扬次数: 1,
        事迹: '主动调解摊贩纠纷',
      }),
    ])
  })
})
