/**
 * Tables pasted from a spreadsheet or typed row by row: a header naming the columns (单位 计划
 * 实到, or 时段 … for one unit's shifts), then one row per unit (龙城所 150 146), cells apart by
 * spaces, tabs, colons, slashes or pipes; or rows that label their own cells (关上所 应到260
 * 实到252). The figure read is the actual column (实到 / 上岗 / 今日), never the plan (计划 /
 * 应到 / 昨日). A total row (合计) is the total of the unit the title names (呈贡分局红袖标上岗情况),
 * of the room's own unit for a table of its shifts, else ignored. A table under a plan
 * (明日计划安排) or of something else (单位 车辆) reads nothing. The lines a table takes are
 * returned, so the clause reader does not read them again.
 */
import {
  isNumeralStart,
  malformedEnd,
  MAX_COUNT,
  readNumeral,
  signedStart,
} from '../numbers/parse-number.js'
import { hasStations } from '../roster/queries.js'
import { CH, longestAt, type Compiled } from './compile.js'
import { KIND, MAX_QUOTED, type Candidate, type Step } from './interpret.js'
import { K, KEYWORDS, TABLE_WORDS, UNIT_SUFFIXES } from './lexicon.js'
import { shortened } from './normalize.js'
import type { Malformed, UnknownUnit } from './types.js'

const UNIT_HEADERS = new Set(TABLE_WORDS.unit)
const SHIFT_HEADERS = new Set(TABLE_WORDS.shift)
const ACTUAL = new Set(TABLE_WORDS.actual)
const PLAN = new Set(TABLE_WORDS.plan)
const POINTS = new Set(TABLE_WORDS.points)
const OTHER = new Set(TABLE_WORDS.other)
const TOTAL_ROWS = new Set(TABLE_WORDS.total)
/** A cell that labels its own figure: 实到252, 计划90人. */
const LABELLED = new RegExp(
  `^(${[...TABLE_WORDS.actual, ...TABLE_WORDS.plan].sort((a, b) => b.length - a.length).join('|')})(.+)$`,
)

/**
 * A line that may start a table holds one of these: a header names its unit (or shift) column or
 * a plan column (计划 / 应到 / 昨日), and a row that labels its cells labels a plan too.
 */
const TABLE_WORD = new RegExp(
  [...TABLE_WORDS.unit, ...TABLE_WORDS.shift, ...TABLE_WORDS.plan].join('|'),
)

/** Between cells: spaces, tabs, |, :, / and brackets (and a comma before anything but a digit). */
const CELL_APART = new Uint8Array(128)
for (const c of ' \t\r|:/()') CELL_APART[c.charCodeAt(0)] = 1
const PERSON_MARKS = new Set([...'人名'].map((c) => c.charCodeAt(0)))
const POINT_MARKS = new Set([...'个处'].map((c) => c.charCodeAt(0)))

export interface TableReading {
  candidates: Candidate[]
  unknown: UnknownUnit[]
  malformed: Malformed[]
  /** [start, end) of every line a table took. */
  taken: Array<[number, number]>
}

interface Cell {
  text: string
  start: number
}

interface Columns {
  width: number
  label: number
  actual: number
  points: number
  /** The rows are one unit's shifts (时段 / 班次). */
  shifts: boolean
}

/** Whether the text may hold a table worth trying (cheap test before splitting lines). */
export function mayHoldTable(text: string): boolean {
  return (text.includes('\n') || text.includes('/')) && TABLE_WORD.test(text)
}

/** Reads every table in normalised text. */
export function readTables(
  text: string,
  compiled: Compiled,
  roomUnit: string | undefined,
  steps?: Step[],
): TableReading {
  const out: TableReading = { candidates: [], unknown: [], malformed: [], taken: [] }
  let columns: Columns | undefined
  /** The table reads nothing: a plan, a template, or columns of something else. */
  let mute = false
  let owner: string | undefined
  let previous: { start: number; end: number } | undefined
  /**
   * A table starts, under its title (the line before): it reads nothing when `noActual` (no
   * actual column) or the title speaks of a plan, and its total row is the unit's the title
   * names, else `ownerElse`'s.
   */
  const readTitle = (noActual: boolean, ownerElse: string | undefined) => {
    const title = previous ? titleOf(text, previous.start, previous.end, compiled) : undefined
    mute = noActual || (title?.plan ?? false)
    owner = title?.unit ?? ownerElse
  }
  let lineStart = 0
  while (lineStart <= text.length) {
    let lineEnd = text.indexOf('\n', lineStart)
    if (lineEnd < 0) lineEnd = text.length
    if (!columns && !TABLE_WORD.test(text.slice(lineStart, lineEnd))) {
      if (lineEnd > lineStart) previous = { start: lineStart, end: lineEnd }
      lineStart = lineEnd + 1
      continue
    }
    const cells = cellsOf(text, lineStart, lineEnd)
    const header = headerOf(cells)
    if (!columns && readPaired(cells, roomUnit, compiled, out, steps)) {
      out.taken.push([lineStart, lineEnd])
    } else if (header) {
      columns = header
      readTitle(header.actual < 0, header.shifts ? roomUnit : undefined)
      out.taken.push([lineStart, lineEnd])
    } else {
      const inline = cells.length >= 2 ? inlineColumns(cells) : undefined
      if (inline && (!columns || columns.width !== inline.width)) {
        columns = inline
        readTitle(false, undefined)
      }
      if (columns && readRow(cells, columns, mute, owner, roomUnit, compiled, out, steps)) {
        out.taken.push([lineStart, lineEnd])
      } else columns = undefined
    }
    if (cells.length > 0) previous = { start: lineStart, end: lineEnd }
    lineStart = lineEnd + 1
  }
  return out
}

function cellsOf(text: string, start: number, end: number): Cell[] {
  const cells: Cell[] = []
  let from = -1
  for (let i = start; i <= end; i++) {
    const c = i < end ? text.charCodeAt(i) : 32
    // A comma before a digit is a thousands separator (11,000), not a cell's end.
    const apart = (c < 128 && CELL_APART[c] === 1) || (c === 44 && !isDigit(text.charCodeAt(i + 1)))
    if (!apart) {
      if (from < 0) from = i
    } else if (from >= 0) {
      cells.push({ text: text.slice(from, i), start: from })
      from = -1
    }
  }
  return cells
}

const isDigit = (c: number) => c >= 48 && c <= 57

function headerOf(cells: Cell[]): Columns | undefined {
  if (cells.length < 2 || cells.length > 12) return undefined
  const columns: Columns = { width: cells.length, label: -1, actual: -1, points: -1, shifts: false }
  let known = 0
  for (let i = 0; i < cells.length; i++) {
    const cell = cells[i]!.text
    if ((UNIT_HEADERS.has(cell) || SHIFT_HEADERS.has(cell)) && columns.label < 0) {
      columns.label = i
      columns.shifts = SHIFT_HEADERS.has(cell)
      continue
    }
    if (ACTUAL.has(cell) && columns.actual < 0) columns.actual = i
    else if (POINTS.has(cell) && columns.points < 0) columns.points = i
    else if (!PLAN.has(cell) && !OTHER.has(cell)) continue
    known++
  }
  if (columns.label >= 0) return columns // 单位 with any columns: a table, read or not
  // A title then its columns (各所上岗情况(计划/实到)): every other cell a column of counts.
  if (known === cells.length - 1 && columns.actual > 0) return { ...columns, label: 0 }
  return undefined
}

/**
 * A header and its row on one line (水上分局 计划/实到：450/447): the actual figure of the unit
 * named, or of the room's own unit when it has no stations (a sub-bureau's would be a total no
 * title names). False when the line is not of that form.
 */
function readPaired(
  cells: Cell[],
  roomUnit: string | undefined,
  compiled: Compiled,
  out: TableReading,
  steps: Step[] | undefined,
): boolean {
  const width = cells.length >> 1
  const named = cells.length % 2 === 1 ? compiled.roster.names.get(cells[0]!.text) : undefined
  const first = cells.length % 2
  if (width < 2 || (first === 1 && named === undefined)) return false
  let actual = -1
  for (let i = 0; i < width; i++) {
    const head = cells[first + i]!.text
    if (ACTUAL.has(head)) {
      if (actual >= 0) return false
      actual = i
    } else if (!PLAN.has(head) && !OTHER.has(head)) return false
    if (cellNumber(cells[first + width + i]!.text, PERSON_MARKS) === undefined) return false
  }
  if (actual < 0) return false
  const unit =
    named ??
    (roomUnit !== undefined && !hasStations(compiled.roster, roomUnit) ? roomUnit : undefined)
  const cell = cells[first + width + actual]!
  const at: Step = { start: cell.start, end: cell.start + cell.text.length, rule: 'row' }
  if (unit === undefined) {
    note(steps, at, 'noUnit')
    return true
  }
  const count = cellNumber(cell.text, PERSON_MARKS)!
  out.candidates.push(candidate(unit, count, undefined, named ? 2 : 1, KIND.PLAIN, at))
  note(steps, at, named ? 'row' : 'room', unit)
  return true
}

/** Columns of a row whose cells label their figures (关上所 应到260 实到252). */
function inlineColumns(cells: Cell[]): Columns | undefined {
  let actual = -1
  for (let i = 1; i < cells.length; i++) {
    const m = LABELLED.exec(cells[i]!.text)
    if (!m) return undefined
    if (ACTUAL.has(m[1]!)) actual = i
  }
  if (actual < 0) return undefined
  return { width: cells.length, label: 0, actual, points: -1, shifts: false }
}

/** The unit a title line names, and whether it speaks of a plan (明日计划安排). */
function titleOf(
  text: string,
  start: number,
  end: number,
  compiled: Compiled,
): { unit: string | undefined; plan: boolean } {
  let unit: string | undefined
  let flags = 0
  for (let i = start; i < end;) {
    if (!(compiled.chars[text.charCodeAt(i)]! & CH.TRIE)) {
      i++
      continue
    }
    const m = longestAt(compiled, text, i)
    if (m.unitNode && m.unitEnd >= m.kwEnd) {
      if (!m.unitNode.weak) unit ??= m.unitNode.unit
      i = m.unitEnd
    } else if (m.kwNode) {
      flags |= m.kwNode.kw!.flags
      i = m.kwEnd
    } else i++
  }
  return { unit, plan: (flags & (K.FUTURE | K.FWD_LINE)) !== 0 }
}

/** Reads one row into `out`; false when the line is no row of this table (the table ends). */
function readRow(
  cells: Cell[],
  columns: Columns,
  mute: boolean,
  owner: string | undefined,
  roomUnit: string | undefined,
  compiled: Compiled,
  out: TableReading,
  steps: Step[] | undefined,
): boolean {
  if (cells.length <= Math.max(columns.label, columns.actual) || cells.length > columns.width + 1)
    return false
  const written = cells[columns.label]!.text
  const label = rowLabel(written, columns, compiled)
  if (label === undefined) return false
  if (mute || columns.actual < 0) return true
  const cell = cells[columns.actual]!
  const figureText = cell.text.replace(LABELLED, '$2')
  const at: Step = {
    start: cell.start + cell.text.length - figureText.length,
    end: cell.start + cell.text.length,
    rule: 'row',
  }
  const count = cellNumber(figureText, PERSON_MARKS)
  if (count === undefined) {
    const figure = malformedFigure(figureText)
    if (figure !== undefined && label.unit !== undefined) {
      out.malformed.push({ written: figure, unit: label.unit })
      note(steps, at, 'malformed', label.unit)
    } else note(steps, at, 'notCount') // 未报, -
    return true
  }
  const points =
    columns.points >= 0 && cells[columns.points]
      ? cellNumber(cells[columns.points]!.text, POINT_MARKS)
      : undefined
  if (label.total) {
    // The total of the unit the title names, or of the room's for a table of its shifts or for
    // 全局合计; a bare 合计 of units whose parent no one named is ignored.
    const unit = owner ?? (label.self ? roomUnit : undefined)
    if (unit !== undefined) {
      out.candidates.push(candidate(unit, count, points, 1, KIND.TOTAL, at))
      note(steps, at, 'tableTotal', unit)
    } else note(steps, at, 'unplacedPart')
  } else if (label.shift) {
    const unit = owner ?? roomUnit
    if (unit !== undefined) {
      out.candidates.push(candidate(unit, count, points, 1, KIND.SHIFT, at))
      note(steps, at, 'shift', unit)
    } else note(steps, at, 'noUnit')
  } else if (label.unit !== undefined) {
    out.candidates.push(candidate(label.unit, count, points, 2, KIND.PLAIN, at))
    note(steps, at, 'row', label.unit)
  } else {
    out.unknown.push({ written, count })
    note(steps, at, 'unknownUnit')
  }
  return true
}

function candidate(
  unit: string,
  count: number,
  points: number | undefined,
  level: number,
  kind: number,
  at: Step,
): Candidate {
  return {
    unit,
    count,
    approx: false,
    level,
    correction: false,
    points,
    breakdown: undefined,
    kind,
    start: at.start,
    end: at.end,
  }
}

/** Records a figure's fate when asked to. */
function note(steps: Step[] | undefined, at: Step, rule: Step['rule'], unit?: string): void {
  steps?.push({ ...at, rule, ...(unit ? { unit } : {}) })
}

/** What a row's first cell names: a roster unit, a total, a shift, or a unit not in the roster. */
function rowLabel(
  written: string,
  columns: Columns,
  compiled: Compiled,
): { unit?: string; total?: boolean; self?: boolean; shift?: boolean } | undefined {
  if (TOTAL_ROWS.has(written)) return { total: true, self: written.startsWith('全') }
  const unit = compiled.roster.names.get(written)
  if (unit !== undefined) return { unit }
  const kw = KEYWORDS.get(written)
  if (kw && kw.flags & K.SHIFT) return { shift: true }
  if (columns.shifts) return undefined
  if (looksLikeUnit(written)) return {}
  return undefined
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
