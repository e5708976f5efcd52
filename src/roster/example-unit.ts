import { leavesByLiaisonRoom } from './room-units.js'
import type { Roster } from './roster.js'

/** A unit to show in a room's example lines: its first leaf, by the shortest name people write. */
export function exampleUnitOf(roster: Roster, topic: string): string {
  const leaf = leavesByLiaisonRoom(roster).get(topic)?.[0] ?? [...roster.units.keys()].at(-1) ?? ''
  const unit = roster.units.get(leaf)
  return unit?.aliases[0] ?? leaf
}
