import { roomByTopic } from './queries.js'
import { leavesOfRoom } from './room-units.js'
import type { Roster } from './roster.js'

/** A unit to show in a room's example lines: its first leaf, by the shortest name people write. */
export function exampleUnitOf(roster: Roster, topic: string): string {
  const room = roomByTopic(roster, topic)
  const leaf = (room && leavesOfRoom(roster, room)[0]) ?? [...roster.units.keys()].at(-1) ?? ''
  const unit = roster.units.get(leaf)
  return unit?.aliases[0] ?? leaf
}
