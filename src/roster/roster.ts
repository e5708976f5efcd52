/** The roster: the unit tree, and the WeChat rooms bound to units and roles. */

export type RoomRole = 'liaison' | 'command' | 'inspection'

/** Every room role, as the roster writes them. */
export const roomRoles: readonly RoomRole[] = ['liaison', 'command', 'inspection']

export function isRoomRole(value: string): value is RoomRole {
  return (roomRoles as readonly string[]).includes(value)
}

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

/** A room the roster file names: the topic it is meant to have, its role and its units. */
export interface RoomBinding {
  topic: string
  role: RoomRole
  unit?: string
  /** A shared liaison room's units, when it reports for several named ones. */
  units?: string[]
}

/**
 * A room in force: one WeChat room, by its id, that an admin confirmed (#绑定 or `redband
 * rooms bind`). Its role and units come from the roster entry it claims, or from the binding.
 */
export interface BoundRoom extends RoomBinding {
  /** The WeChat room id (as of the latest login). */
  id: string
  /** The topic of the roster entry it claims, when it claims one. */
  entry?: string
}

export interface Roster {
  timezone: string
  /** Every unit by canonical name, in file order (parents before children). */
  units: ReadonlyMap<string, Unit>
  topLevel: string[]
  /** The rooms the roster file names. None is in force until an admin confirms it (BoundRoom). */
  rooms: readonly RoomBinding[]
  /** Every name a unit may be written as (canonical, aliases, derived short forms) to its canonical name. */
  names: ReadonlyMap<string, string>
}
