/**
 * Tables pasted from a spreadsheet: a header row naming the columns (单位 人数 点位), then one row
 * per unit (东华所 326 12). Read only under such a header: "东华所 326 12" alone is ambiguous.
 */
import {
  isNumeralStart,
  malformedEnd,
  MAX_COUNT,
  readNumeral,
  signedStart,
} from '../numbers/parse-number.js'
import type { Compiled } from './compile.js'
import { MAX_QUOTED, type Candidate } from './interpret.js'
import { UNIT_SUFFIXES } from './lexicon.js'
import { shortened } from './normalize.js'
import type { Malformed, UnknownUnit } from './types.js'

const UNIT_HEADERS = new Set(['单位', '单位名称', '名称', '派出所', '所队', '部门'])
const COUNT_HEADERS = new Set([
  '人数',
  '上岗人数',
  '到岗人数',
  '在岗人数',
  '红袖标人数',
  '上岗红袖标',
  '上岗',
  '到岗',
])
const POINTS_HEADERS = new Set(['点位', '点位数', '岗点', '点位数量'])
/** Columns that may stand in a header and are not read. */
const OTHER_HEADERS = new Set([
  '序号',
  '备注',
  '巡逻次数',
  '较昨日',
  '增减',
  '日期',
  '联系人',
  '电话',
])
const TOTAL_ROWS = new Set(['合计', '总计', '共计', '小计'])

const CELL_SPLIT = /[\s|]+/
const PERSON_MARKS = new Set([...'人名'].map((c) => c.charCodeAt(0)))
const POINT_MARKS = new Set([...'个处'].map((c) => c.charCodeAt(0)))

export interface TableReading {
  candidates: Candidate[]
  unknown: UnknownUnit[]
  malformed: Malformed[]
}

interface Columns {
  width: number
  unit: number
  count: number
  points: number
}

/** Whether the text may hold a table worth trying (cheap test before splitting lines). */
export function mayHoldTable(text: string): boolean {
  return text.includes('\n') && text.includes('单位')
}

/** Reads every header-led table in normalised text. */
export function readTables(text: string, compiled: Compiled): TableReading {
  const out: TableReading = { candidates: [], unknown: [], malformed: [] }
  let columns: Columns | undefined
  for (const line of text.split('\n')) {
    const cells = cellsOf(line)
    const header = headerOf(cells)
    if (header) {
      columns = header
      continue
    }
    if (!columns) continue
    if (cells.length !== columns.width) {
      columns = undefined
      continue
    }
    const written = cells[columns.unit]!
    if (TOTAL_ROWS.has(written)) continue
    const countCell = cells[columns.count]!
    const count = cellNumber(countCell, PERSON_MARKS)
    const unit = compiled.roster.names.get(written)
    if (count === undefined) {
      const figure = malformedFigure(countCell)
      if (unit !== undefined && figure !== undefined) out.malformed.push({ written: figure, unit })
      else columns = undefined
      continue
    }
    const points = columns.points >= 0 ? cellNumber(cells[columns.points]!, POINT_MARKS) : undefined
    if (unit !== undefined) {
      out.candidates.push({
        unit,
        count,
        approx: false,
        level: 2,
        correction: false,
        points,
        breakdown: undefined,
      })
    } else if (looksLikeUnit(written)) out.unknown.push({ written, count })
    else columns = undefined
  }
  return out
}

function cellsOf(line: string): string[] {
  return line
    .trim()
    .split(CELL_SPLIT)
    .filter((cell) => cell.length > 0)
}

function headerOf(cells: string[]): Columns | undefined {
  if (cells.length < 2 || cells.length > 12) return undefined
  const columns: Columns = { width: cells.length, unit: -1, count: -1, points: -1 }
  for (let i = 0; i < cells.length; i++) {
    const cell = cells[i]!
    if (UNIT_HEADERS.has(cell) && columns.unit < 0) columns.unit = i
    else if (COUNT_HEADERS.has(cell) && columns.count < 0) columns.count = i
    else if (POINTS_HEADERS.has(cell) && columns.points < 0) columns.points = i
    else if (!OTHER_HEADERS.has(cell)) return undefined
  }
  return columns.unit >= 0 && columns.count >= 0 ? columns : undefined
}

/** A cell that is a whole number, optionally followed by its measure word (326人, 12个). */
function cellNumber(cell: string, marks: ReadonlySet<number>): number | undefined {
  const r = readNumeral(cell, 0)
  if (!r || r.irregular || r.leadingZero || r.arabicRun >= 7 || !r.integer || r.decimal)
    return undefined
  if (r.end === cell.length || (r.end === cell.length - 1 && marks.has(cell.charCodeAt(r.end)))) {
    return r.value
  }
  return undefined
}

/** The figure at the start of a cell when no count is written so (150+20, 1,0500, -50, 1.5). */
function malformedFigure(cell: string): string | undefined {
  const at = isNumeralStart(cell.charCodeAt(0)) ? 0 : 1
  const r = readNumeral(cell, at)
  if (!r || signedStart(cell, at) !== 0 || r.leadingZero) return undefined
  const end = malformedEnd(cell, r.end)
  if (at === 0 && end < 0 && !r.decimal && r.integer && r.value <= MAX_COUNT) return undefined
  return shortened(cell.slice(0, Math.max(end, r.end)), MAX_QUOTED)
}

function looksLikeUnit(written: string): boolean {
  return UNIT_SUFFIXES.some((s) => written.length > s.text.length && written.endsWith(s.text))
}
