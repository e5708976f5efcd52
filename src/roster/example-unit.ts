import { leafUnits } from './queries.js'
import { leavesOf } from './room-units.js'
import type { RoomBinding, Roster } from './roster.js'

/** The name people write for a unit: its first alias, else its name. */
function writtenName(roster: Roster, unit: string | undefined): string {
  const name = unit ?? [...roster.units.keys()].at(-1) ?? ''
  return roster.units.get(name)?.aliases[0] ?? name
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
  return writtenName(roster, own ?? leafUnits(roster)[0]?.name)
}
