/**
 * The Excel export (导出) as a workbook: the words of its sheets and columns, and how each figure
 * is written. Numbers are numbers (rates as fractions shown as percent), days are dates, times
 * are HH:mm text; every sheet has a frozen, filtered header row and columns as wide as their text.
 */
import ExcelJS from 'exceljs'
import type { Writable } from 'node:stream'
import { setImmediate as nextTurn } from 'node:timers/promises'
import type {
  ExportCheck,
  ExportData,
  ExportFieldRecord,
  ExportNote,
} from '../../db/export-queries.js'
import type { PeriodDay } from '../../db/ranking-queries.js'
import type { UnitFigure } from '../../src/bulletin/work-bulletin.js'
import type { InspectionRates, Rate } from '../../src/metrics/inspection-metrics.js'
import type { PersonRanking, UnitRanking } from '../../src/ranking/event-ranking.js'
import { topLevelOf } from '../../src/roster/queries.js'
import type { Roster } from '../../src/roster/roster.js'
import { localTime, type Day } from '../../src/time/zoned.js'

/** The sheets, in order. */
export const sheetNames = {
  daily: '每日数据',
  checks: '查岗督检',
  notes: '表扬问题',
  missing: '未报单位',
  units: '评比-集体',
  people: '评比-个人',
} as const

const words = {
  total: '合计',
  yes: '是',
  no: '否',
  unstated: '未注明',
  commendation: '表扬',
  problem: '问题',
  field: '实地督检',
  onDuty: '在岗',
  offDuty: '不在岗',
  kinds: { display: '集中展示', random: '随机抽查', ordered: '督导抽查' },
  statuses: { answered: '按时回复', late: '超时回复', unanswered: '未回复', open: '待回复' },
}

type Format = 'date' | 'percent' | 'decimal'
type Cell = string | number | Date | null

interface Column<R> {
  header: string
  value: (row: R) => Cell
  format?: Format
}

const numFormats: Record<Format, string> = {
  date: 'yyyy-mm-dd',
  percent: '0.0%',
  decimal: '0.00',
}

/** A local day as the date Excel shows for it (ExcelJS writes dates as UTC). */
function dateOf(day: Day): Date {
  return new Date(`${day}T00:00:00Z`)
}

function rateCell(rate: Rate | undefined): number | null {
  return rate?.value ?? null
}

function yesNo(flag: boolean): string {
  return flag ? words.yes : ''
}

/** Width in Excel's units: a Chinese character is about two. */
function textWidth(text: string): number {
  let width = 0
  for (const ch of text) width += ch.codePointAt(0)! >= 0x2e80 ? 2.1 : 1.1
  return width
}

function cellText(value: Cell, format: Format | undefined): string {
  if (value === null) return ''
  if (value instanceof Date) return '2026-10-12'
  if (typeof value === 'number' && format === 'percent') return '100.0%'
  return String(value)
}

/** Rows written between two progress reports within a sheet. */
const progressRows = 2000

/**
 * Counts the rows a workbook has written of all its rows and tells `onProgress` when it moved,
 * then yields to the event loop: the writing is synchronous, and a progress bar (or anything
 * else on the thread) only redraws between turns.
 */
class RowTally {
  written = 0
  #reported = 0
  constructor(
    readonly total: number,
    private readonly onProgress: WorkbookProgress | undefined,
  ) {}

  async report(): Promise<void> {
    if (!this.onProgress || this.written === this.#reported) return
    this.#reported = this.written
    this.onProgress(this.written, this.total)
    await nextTurn()
  }
}

/**
 * A sheet with a bold, frozen, filtered header row and columns sized to their text, written row
 * by row: a first pass over the rows sizes the columns (the streaming writer puts columns before
 * rows), a second writes them, so no sheet is held whole in memory.
 */
async function addSheet<R>(
  workbook: ExcelJS.stream.xlsx.WorkbookWriter,
  tally: RowTally,
  { name, columns, rows }: SheetPlan<R>,
): Promise<void> {
  const sheet = workbook.addWorksheet(name, {
    views: [{ state: 'frozen', ySplit: 1, xSplit: 0 }],
  })
  const widths = columns.map((c) => textWidth(c.header))
  for (const row of rows)
    columns.forEach((c, i) => {
      widths[i] = Math.max(widths[i]!, textWidth(cellText(c.value(row), c.format)))
    })
  sheet.columns = columns.map((column, i) => {
    const width = Math.min(60, Math.max(6, Math.ceil(widths[i]! + 2)))
    // ExcelJS takes a width of exactly 9 for its default and leaves it out of the file.
    return {
      width: width === 9 ? 10 : width,
      style: column.format ? { numFmt: numFormats[column.format] } : {},
    }
  })
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } }
  const header = sheet.addRow(columns.map((c) => c.header))
  header.font = { bold: true }
  header.alignment = { vertical: 'middle' }
  header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFCE4E4' } }
  header.commit()
  for (const row of rows) {
    sheet.addRow(columns.map((c) => c.value(row))).commit()
    if (++tally.written % progressRows === 0) await tally.report()
  }
  sheet.commit()
  await tally.report()
}

/** A sheet to write: its name, its columns and its rows. */
interface SheetPlan<R> {
  name: string
  columns: Array<Column<R>>
  rows: readonly R[]
}

/** A plan whatever its row type, as the workbook's list of sheets holds it. */
function sheet<R>(name: string, columns: Array<Column<R>>, rows: readonly R[]): SheetPlan<R> {
  return { name, columns, rows }
}

interface DailyRow {
  day: Day
  unit: string
  parent: string
  depth: number | null
  leaf: boolean | null
  count: number | null
  approx: boolean
  target: number | null
  delta: number | null
  points: number | null
  plannedPoints: number | null
  reported: boolean
  late: boolean
  corrected: boolean
  rates: InspectionRates | undefined
}

function dailyRows(days: readonly PeriodDay[]): DailyRow[] {
  const rows: DailyRow[] = []
  for (const { day, work, metrics } of days) {
    const unitRow = (u: UnitFigure): DailyRow => ({
      day,
      unit: u.unit,
      parent: u.parent ?? '',
      depth: u.depth + 1,
      leaf: u.leaf,
      count: u.count,
      approx: u.approx,
      target: u.target,
      delta: u.delta,
      points: u.points,
      plannedPoints: u.plannedPoints,
      reported: u.reported,
      late: u.late,
      corrected: u.corrected,
      rates: metrics.units.get(u.unit),
    })
    rows.push({
      day,
      unit: words.total,
      parent: '',
      depth: null,
      leaf: null,
      count: work.total,
      approx: work.approx,
      target: work.target,
      delta: work.delta,
      points: null,
      plannedPoints: null,
      reported: false,
      late: false,
      corrected: false,
      rates: metrics.overall,
    })
    rows.push(...work.units.map(unitRow))
  }
  return rows
}

const dailyColumns: Array<Column<DailyRow>> = [
  { header: '日期', value: (r) => dateOf(r.day), format: 'date' },
  { header: '单位', value: (r) => r.unit },
  { header: '上级单位', value: (r) => r.parent },
  { header: '层级', value: (r) => r.depth },
  {
    header: '末级单位',
    value: (r) => (r.leaf === null ? '' : r.leaf ? words.yes : words.no),
  },
  { header: '上岗人数', value: (r) => r.count },
  { header: '约数', value: (r) => yesNo(r.approx) },
  { header: '目标', value: (r) => r.target },
  {
    header: '完成率',
    value: (r) => (r.count !== null && r.target ? r.count / r.target : null),
    format: 'percent',
  },
  { header: '较前日', value: (r) => r.delta },
  { header: '上报点位', value: (r) => r.points },
  { header: '计划点位', value: (r) => r.plannedPoints },
  { header: '本单位上报', value: (r) => yesNo(r.reported) },
  { header: '迟报', value: (r) => yesNo(r.late) },
  { header: '更正', value: (r) => yesNo(r.corrected) },
  { header: '查岗次数', value: (r) => r.rates?.onDuty.denominator ?? null },
  { header: '见勤次数', value: (r) => r.rates?.onDuty.numerator ?? null },
  { header: '见勤率', value: (r) => rateCell(r.rates?.onDuty), format: 'percent' },
  { header: '在岗处数', value: (r) => r.rates?.engagement.denominator ?? null },
  { header: '管事处数', value: (r) => r.rates?.engagement.numerator ?? null },
  { header: '管事率', value: (r) => rateCell(r.rates?.engagement), format: 'percent' },
  { header: '覆盖率', value: (r) => rateCell(r.rates?.coverage), format: 'percent' },
  { header: '巡逻指数', value: (r) => rateCell(r.rates?.patrol), format: 'decimal' },
]

interface CheckRow {
  day: Day
  at: number
  kind: string
  unit: string
  post: string
  askedAt: number
  deadlineAt: number | null
  result: string
  answeredAt: number | null
  who: string
  volunteers: number | null
  engaged: string
  photo: string
}

function checkRows(
  roster: Roster,
  checks: readonly ExportCheck[],
  records: readonly ExportFieldRecord[],
) {
  const rows: CheckRow[] = [
    ...checks.map((c) => ({
      day: c.day,
      at: c.askedAt,
      kind: words.kinds[c.kind],
      unit: c.unit,
      post: c.post ?? '',
      askedAt: c.askedAt,
      deadlineAt: c.deadlineAt,
      result: words.statuses[c.status],
      answeredAt: c.answeredAt,
      who: c.answeredBy ?? '',
      volunteers: null,
      engaged: '',
      photo: c.photo ?? '',
    })),
    ...records.map((r) => ({
      day: r.day,
      at: r.recordedAt,
      kind: words.field,
      unit: r.unit,
      post: r.post,
      askedAt: r.recordedAt,
      deadlineAt: null,
      result: r.onDuty ? words.onDuty : words.offDuty,
      answeredAt: null,
      who: r.inspector,
      volunteers: r.volunteers,
      engaged: !r.onDuty
        ? ''
        : r.engaged === null
          ? words.unstated
          : r.engaged
            ? words.yes
            : words.no,
      photo: '',
    })),
  ]
  const order = new Map([...roster.units.keys()].map((name, i) => [name, i]))
  const place = (unit: string) => order.get(unit) ?? order.size
  return rows.sort((a, b) => a.at - b.at || place(a.unit) - place(b.unit))
}

function checkColumns(timezone: string): Array<Column<CheckRow>> {
  const time = (at: number | null) => (at === null ? null : localTime(at, timezone))
  return [
    { header: '日期', value: (r) => dateOf(r.day), format: 'date' },
    { header: '方式', value: (r) => r.kind },
    { header: '单位', value: (r) => r.unit },
    { header: '点位', value: (r) => r.post },
    { header: '时间', value: (r) => time(r.askedAt) },
    { header: '回复截止', value: (r) => time(r.deadlineAt) },
    { header: '结果', value: (r) => r.result },
    { header: '回复时间', value: (r) => time(r.answeredAt) },
    {
      header: '用时（分钟）',
      // Answers come after questions; a row stored before that rule held still reads 0, not less.
      value: (r) =>
        r.answeredAt === null ? null : Math.max(0, Math.round((r.answeredAt - r.askedAt) / 60_000)),
    },
    { header: '回复人/督导员', value: (r) => r.who },
    { header: '在岗队员数', value: (r) => r.volunteers },
    { header: '管事', value: (r) => r.engaged },
    { header: '照片（证据目录下）', value: (r) => r.photo },
  ]
}

function noteColumns(timezone: string): Array<Column<ExportNote>> {
  return [
    { header: '日期', value: (n) => dateOf(n.day), format: 'date' },
    { header: '类型', value: (n) => words[n.kind] },
    { header: '单位', value: (n) => n.unit ?? '' },
    { header: '人员/点位', value: (n) => n.subject ?? '' },
    { header: '内容', value: (n) => n.text },
    { header: '时间', value: (n) => localTime(n.createdAt, timezone) },
    { header: '记录人', value: (n) => n.author },
  ]
}

interface MissingRow {
  day: Day
  unit: string
  top: string
  target: number | null
}

function missingRows(roster: Roster, days: readonly PeriodDay[]): MissingRow[] {
  return days.flatMap(({ day, work }) => {
    const targets = new Map(work.units.map((u) => [u.unit, u.target]))
    return work.missing.map((unit) => {
      const top = roster.units.has(unit) ? topLevelOf(roster, unit) : unit
      return { day, unit, top: top === unit ? '' : top, target: targets.get(unit) ?? null }
    })
  })
}

const missingColumns: Array<Column<MissingRow>> = [
  { header: '日期', value: (r) => dateOf(r.day), format: 'date' },
  { header: '所属单位', value: (r) => r.top },
  { header: '未报单位', value: (r) => r.unit },
  { header: '目标', value: (r) => r.target },
]

const unitRankingColumns: Array<Column<UnitRanking>> = [
  { header: '名次', value: (u) => u.rank },
  { header: '单位', value: (u) => u.unit },
  { header: '所属单位', value: (u) => (u.top === u.unit ? '' : u.top) },
  { header: '统计天数', value: (u) => u.days },
  { header: '上报天数', value: (u) => u.reportedDays },
  { header: '达标天数', value: (u) => u.daysAtTarget },
  { header: '达标天数占比', value: (u) => u.atTargetShare, format: 'percent' },
  { header: '目标', value: (u) => u.target },
  { header: '见勤率', value: (u) => rateCell(u.onDuty), format: 'percent' },
  { header: '见勤次数', value: (u) => u.onDuty.numerator },
  { header: '查岗次数', value: (u) => u.onDuty.denominator },
  { header: '管事率', value: (u) => rateCell(u.engagement), format: 'percent' },
  { header: '管事处数', value: (u) => u.engagement.numerator },
  { header: '在岗处数', value: (u) => u.engagement.denominator },
]

function peopleColumns(warmest: ReadonlySet<PersonRanking>): Array<Column<PersonRanking>> {
  return [
    { header: '名次', value: (p) => p.rank },
    { header: '姓名', value: (p) => p.name },
    { header: '单位', value: (p) => p.unit ?? '' },
    { header: '表扬次数', value: (p) => p.commendations },
    { header: '暖心事迹', value: (p) => p.warmDeeds },
    { header: '最暖红袖标候选', value: (p) => yesNo(warmest.has(p)) },
    { header: '首次表扬', value: (p) => dateOf(p.firstDay), format: 'date' },
    { header: '事迹', value: (p) => p.deeds.join('；') },
  ]
}

/** How far a workbook is: rows written of all its sheets' rows. */
export type WorkbookProgress = (written: number, total: number) => void

export interface WorkbookOptions {
  roster: Roster
  /** Creation time written into the file's properties; default now. */
  createdAt?: Date
  /**
   * Told after each sheet and every few thousand rows within one, in increasing order; the
   * writer yields to the event loop after each report.
   */
  onProgress?: WorkbookProgress
}

/**
 * Writes the export of a period into `stream` as an .xlsx file, with ExcelJS's streaming writer
 * (rows go out as they are added, so memory stays flat): 每日数据 (every unit every day, with the
 * day's total, its target, completion and rates), 查岗督检 (every spot check asked and field
 * record, with the answer's photo), 表扬问题, 未报单位 (leaf units with no report, per day), and
 * the event ranking (评比-集体, 评比-个人). Resolves once the stream has taken the last byte.
 */
export async function writeWorkbook(
  data: ExportData,
  stream: Writable,
  options: WorkbookOptions,
): Promise<void> {
  const { roster } = options
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream,
    useStyles: true,
    useSharedStrings: true,
  })
  workbook.creator = 'redband'
  workbook.created = options.createdAt ?? new Date()
  workbook.title = `红袖标数据 ${data.period.from}～${data.period.to}`
  const warmest = new Set(
    data.ranking.people.filter((p) =>
      data.ranking.warmest.some((w) => w.name === p.name && w.unit === p.unit),
    ),
  )
  const sheets = [
    sheet(sheetNames.daily, dailyColumns, dailyRows(data.days)),
    sheet(
      sheetNames.checks,
      checkColumns(roster.timezone),
      checkRows(roster, data.checks, data.fieldRecords),
    ),
    sheet(sheetNames.notes, noteColumns(roster.timezone), data.notes),
    sheet(sheetNames.missing, missingColumns, missingRows(roster, data.days)),
    sheet(sheetNames.units, unitRankingColumns, data.ranking.units),
    sheet(sheetNames.people, peopleColumns(warmest), data.ranking.people),
  ]
  const tally = new RowTally(
    sheets.reduce((sum, s) => sum + s.rows.length, 0),
    options.onProgress,
  )
  // Each sheet's plan, whatever its row type: addSheet pairs its columns with its rows.
  for (const plan of sheets as Array<SheetPlan<unknown>>) await addSheet(workbook, tally, plan)
  await workbook.commit()
}

/** An export larger than WeChat takes, even for a single day. */
export class ExportTooLargeError extends Error {
  override name = 'ExportTooLargeError'
  constructor(
    readonly bytes: number,
    readonly maxBytes: number,
    readonly day: Day,
  ) {
    super(`the export of ${day} is ${bytes} bytes, over the ${maxBytes}-byte limit`)
  }
}

/** The days from..to of an export, its checks, records and notes; the ranking stays the whole period's. */
export function sliceExport(data: ExportData, from: Day, to: Day): ExportData {
  const within = (r: { day: Day }) => r.day >= from && r.day <= to
  return {
    ...data,
    period: { from, to },
    days: data.days.filter(within),
    checks: data.checks.filter(within),
    fieldRecords: data.fieldRecords.filter(within),
    notes: data.notes.filter(within),
  }
}
