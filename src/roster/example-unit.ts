import { leafUnits } from './queries.js'
import { leavesOf } from './room-units.js'
import type { RoomBinding, Roster } from './roster.js'

/** The name people write for a unit: its first alias, else its name. */
export function writtenName(roster: Roster, unit: string): string {
  return roster.units.get(unit)?.aliases[0] ?? unit
}

/**
 * A unit to show in a room's example lines: a liaison room's first leaf, else the roster's, by
 * the shortest name people write.
 * @example exampleUnitFor(roster, { id: 'r1', topic: '龙城派出所红袖标群', role: 'liaison', unit: '龙城派出所' }, rooms) // '龙城所'
 */
export function exampleUnitFor(
  roster: Roster,
  room: RoomBinding | undefined,
  rooms: readonly RoomBinding[],
): string {
  const own = room?.role === 'liaison' ? leavesOf(roster, room, rooms)[0] : undefined
  // Only an empty roster has no leaf; the last unit and '' keep that case from throwing.
  const unit = own ?? leafUnits(roster)[0]?.name ?? [...roster.units.keys()].at(-1) ?? ''
  return writtenName(roster, unit)
}
