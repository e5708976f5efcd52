import { roleWord } from './role-words.js'
import type { RoomRole, Roster } from './roster.js'

/** One cell as a sheet gives it: text, a number, or nothing. */
export type Cell = string | number | undefined

/** A sheet's header row and its data rows, each with the row number a person sees. */
export interface SheetTable {
  header: Cell[]
  rows: Array<{ row: number; cells: Cell[] }>
}

/** A roster as sheets: the units, and the rooms when there are any. */
export interface RosterSheets {
  units: SheetTable
  rooms?: SheetTable
}

export const unitColumns = ['单位', '上级单位', '别名', '计划人数', '点位数'] as const
export const roomColumns = ['群名', '单位', '角色'] as const
/** The workbook's sheet names: the units sheet first, the rooms sheet 群. */
export const unitsSheetName = '单位'
export const roomsSheetName = '群'

/** How a cell lists several names: 龙城所、龙城公安派出所 (also , ; / and spaces). */
export const listSeparator = /[、,，;；/\s]+/
const listJoiner = '、'

/** The roster file's own shape (roster.example.yaml), as `roster import` writes it. */
export interface UnitEntry {
  name: string
  aliases?: string[]
  target?: number
  points?: number
  units?: UnitEntry[]
}

export interface RoomEntry {
  topic: string
  unit?: string
  units?: string[]
  role: RoomRole
}

export interface RosterFile {
  timezone: string
  units: UnitEntry[]
  rooms?: RoomEntry[]
}

/**
 * The sheets `roster export` writes: every unit in roster order (parents before children) with
 * its parent, aliases, target and points; every room with its unit(s) and role word.
 * @example rosterSheets(roster).units.rows[0] // { row: 2, cells: ['呈贡分局', '', '呈贡公安分局', '', ''] }
 */
export function rosterSheets(roster: Roster): Required<RosterSheets> {
  const numbered = (rows: Cell[][]) => rows.map((cells, i) => ({ row: i + 2, cells }))
  return {
    units: {
      header: [...unitColumns],
      rows: numbered(
        [...roster.units.values()].map((u) => [
          u.name,
          u.parent ?? '',
          u.aliases.join(listJoiner),
          u.target ?? '',
          u.points ?? '',
        ]),
      ),
    },
    rooms: {
      header: [...roomColumns],
      rows: numbered(
        roster.rooms.map((r) => [
          r.topic,
          r.unit ?? r.units?.join(listJoiner) ?? '',
          roleWord[r.role],
        ]),
      ),
    },
  }
}
