/** The roster: the unit tree, and the WeChat rooms bound to units and roles. */

export type RoomRole = 'liaison' | 'command' | 'inspection'

export interface Unit {
  /** Canonical, unique name, e.g. 东华派出所. */
  name: string
  /** Names written in the roster file, e.g. 东华所. */
  aliases: string[]
  /** Expected volunteers on duty per day. */
  target?: number
  /** Planned duty points. */
  points?: number
  parent?: string
  children: string[]
  depth: number
}

export interface RoomBinding {
  topic: string
  role: RoomRole
  unit?: string
}

export interface Roster {
  timezone: string
  /** Every unit by canonical name, in file order (parents before children). */
  units: ReadonlyMap<string, Unit>
  topLevel: string[]
  /** The rooms in force: the roster file's, overridden and extended by rooms bound in chat. */
  rooms: RoomBinding[]
  /** The rooms as the roster file binds them. */
  fileRooms: readonly RoomBinding[]
  /** Every name a unit may be written as (canonical, aliases, derived short forms) to its canonical name. */
  names: ReadonlyMap<string, string>
}
