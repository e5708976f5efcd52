import { normalizeName } from '../parse/normalize.js'
import { roleWords } from './role-words.js'
import {
  listSeparator,
  roomColumns,
  unitColumns,
  type Cell,
  type RoomEntry,
  type RosterFile,
  type RosterSheets,
  type SheetTable,
  type UnitEntry,
} from './roster-sheet.js'
import { roomRoles } from './roster.js'

/** Sheets that do not make a roster; `problems` name each bad row by its number, in Chinese. */
export class RosterSheetError extends Error {
  constructor(readonly problems: string[]) {
    super(`the sheet is not a usable roster:\n- ${problems.join('\n- ')}`)
    this.name = 'RosterSheetError'
  }
}

export interface SheetOptions {
  timezone: string
  /** How problems name the rooms sheet's rows: 群表 in a workbook, the file's name for a CSV. */
  roomsLabel?: string
}

const textOf = (cell: Cell): string => (cell === undefined ? '' : String(cell).trim())

/** The columns by name, after saying which are missing or not known. */
function columnsOf<C extends string>(
  table: SheetTable,
  columns: readonly C[],
  required: readonly C[],
  at: string,
  problems: string[],
): Map<C, number> {
  const found = new Map<C, number>()
  table.header.forEach((cell, i) => {
    const name = textOf(cell)
    if (name === '') return
    if ((columns as readonly string[]).includes(name)) found.set(name as C, i)
    else problems.push(`${at}第1行：不认识的列「${name}」；列名为 ${columns.join('、')}`)
  })
  for (const column of required)
    if (!found.has(column)) problems.push(`${at}第1行：缺少「${column}」列`)
  return found
}

/**
 * Reads the sheets `roster import` is given into the roster file's shape, checking every row as
 * the roster itself is checked (unique names and aliases, known parents without loops, whole
 * numbers, known units and roles for rooms). Throws RosterSheetError naming every bad row at
 * once: `第7行：上级单位「呈贡分局X」不在表中`. Blank rows are skipped.
 */
export function rosterFileOfSheets(sheets: RosterSheets, options: SheetOptions): RosterFile {
  const problems: string[] = []
  /** The units sheet's problems, put in row order at the end (aliases are checked in a second pass). */
  const unitProblems: Array<{ row: number; text: string }> = []
  const bad = (row: number, text: string) => unitProblems.push({ row, text: `第${row}行：${text}` })
  const unitAt = columnsOf(sheets.units, unitColumns, ['单位'], '', problems)
  const cell = (cells: Cell[], column: (typeof unitColumns)[number]) => {
    const i = unitAt.get(column)
    return i === undefined ? '' : textOf(cells[i])
  }
  const rows = sheets.units.rows.filter((r) => r.cells.some((c) => textOf(c) !== ''))

  interface Row {
    row: number
    /** Replaced once, when its aliases are known; the tree is built after that. */
    entry: UnitEntry
    parent: string
    aliases: string
  }
  const units = new Map<string, Row>()
  /** Every name and alias by its normalised form, with the row that gave it. */
  const claimed = new Map<string, Row>()
  const named: Row[] = []
  for (const { row, cells } of rows) {
    const name = cell(cells, '单位')
    if (name === '') {
      bad(row, `「单位」为空`)
      continue
    }
    const key = normalizeName(name)
    const twin = units.get(key)
    if (twin) {
      bad(row, `单位「${name}」与第${twin.row}行重复`)
      continue
    }
    const entry: UnitEntry = { name }
    const count = (column: '计划人数' | '点位数', field: 'target' | 'points') => {
      const written = cell(cells, column)
      if (written === '') return
      if (/^\d+$/.test(written)) entry[field] = Number(written)
      else bad(row, `${column}「${written}」不是 0 或以上的整数`)
    }
    count('计划人数', 'target')
    count('点位数', 'points')
    const unit = { row, entry, parent: cell(cells, '上级单位'), aliases: cell(cells, '别名') }
    units.set(key, unit)
    claimed.set(key, unit)
    named.push(unit)
  }
  // Aliases after every name, so an alias that is a unit further down is named on its own row.
  for (const unit of named) {
    const aliases: string[] = []
    for (const alias of unit.aliases.split(listSeparator).filter(Boolean)) {
      const owner = claimed.get(normalizeName(alias))
      if (owner !== undefined && owner !== unit)
        bad(unit.row, `别名「${alias}」已是第${owner.row}行「${owner.entry.name}」的名称或别名`)
      else if (alias !== unit.entry.name && !aliases.includes(alias)) {
        claimed.set(normalizeName(alias), unit)
        aliases.push(alias)
      }
    }
    // In the roster file's order: name, aliases, target, points.
    const { name, ...counts } = unit.entry
    if (aliases.length > 0) unit.entry = { name, aliases, ...counts }
  }

  const top: UnitEntry[] = []
  for (const unit of named) {
    if (unit.parent === '') {
      top.push(unit.entry)
      continue
    }
    const parent = units.get(normalizeName(unit.parent))
    if (!parent) {
      bad(unit.row, `上级单位「${unit.parent}」不在表中`)
      continue
    }
    // A parent that is the unit itself, or below it, would take the unit out of the tree.
    let above: Row | undefined = parent
    for (let steps = 0; above && steps <= named.length; steps++) {
      if (above === unit) {
        bad(unit.row, `上级单位「${unit.parent}」是本单位或其下级，形成循环`)
        break
      }
      above = above.parent === '' ? undefined : units.get(normalizeName(above.parent))
    }
    if (above === unit) continue
    parent.entry.units = [...(parent.entry.units ?? []), unit.entry]
  }
  if (rows.length === 0) problems.push('表中没有单位')

  problems.push(...unitProblems.sort((a, b) => a.row - b.row).map((p) => p.text))
  const rooms = sheets.rooms ? roomsOf(sheets.rooms, claimed, options, problems) : undefined
  if (problems.length > 0) throw new RosterSheetError(problems)
  return { timezone: options.timezone, units: top, ...(rooms ? { rooms } : {}) }
}

/** The rooms sheet's rows as roster rooms, units written by any of their names. */
function roomsOf(
  table: SheetTable,
  claimed: ReadonlyMap<string, { entry: UnitEntry }>,
  options: SheetOptions,
  problems: string[],
): RoomEntry[] {
  const at = options.roomsLabel ?? '群表'
  const roomAt = columnsOf(table, roomColumns, ['群名', '角色'], at, problems)
  const cell = (cells: Cell[], column: (typeof roomColumns)[number]) => {
    const i = roomAt.get(column)
    return i === undefined ? '' : textOf(cells[i])
  }
  const rooms: RoomEntry[] = []
  const topics = new Map<string, number>()
  for (const { row, cells } of table.rows) {
    if (!cells.some((c) => textOf(c) !== '')) continue
    const where = `${at}第${row}行：`
    const topic = cell(cells, '群名')
    if (topic === '') problems.push(`${where}「群名」为空`)
    else if (topics.has(topic))
      problems.push(`${where}群名「${topic}」与第${topics.get(topic)}行重复`)
    else topics.set(topic, row)
    const written = cell(cells, '角色')
    const role = roleWords[written] ?? roomRoles.find((r) => r === written.toLowerCase())
    if (role === undefined) problems.push(`${where}角色「${written}」应为 联络、指挥 或 督导`)
    const units: string[] = []
    for (const name of cell(cells, '单位').split(listSeparator).filter(Boolean)) {
      const unit = claimed.get(normalizeName(name))?.entry.name
      if (unit === undefined) problems.push(`${where}单位「${name}」不在表中`)
      else if (!units.includes(unit)) units.push(unit)
    }
    if (units.length > 1 && role !== undefined && role !== 'liaison')
      problems.push(`${where}多个单位只用于联络群，${written}群不代表单位上报`)
    if (topic === '' || role === undefined) continue
    rooms.push({
      topic,
      ...(units.length === 1 ? { unit: units[0] } : {}),
      ...(units.length > 1 ? { units } : {}),
      role,
    })
  }
  return rooms
}
