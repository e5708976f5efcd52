import { ancestors, leafUnits, subtree } from './queries.js'
import type { RoomBinding, Roster } from './roster.js'

/**
 * The leaf units a liaison room answers for. A room bound to a unit: the leaves under it. A room
 * bound to none (an industry room such as 行业部门联络群): the leaves no bound room covers, and
 * those that have lately reported from it (`reportedFromRoom`).
 */
export function leavesOfRoom(
  roster: Roster,
  room: RoomBinding,
  reportedFromRoom: readonly string[] = [],
): string[] {
  if (room.unit !== undefined) {
    return subtree(roster, room.unit)
      .filter((u) => u.children.length === 0)
      .map((u) => u.name)
  }
  const bound = new Set(
    roster.rooms.filter((r) => r.role === 'liaison' && r.unit).map((r) => r.unit!),
  )
  const recent = new Set(reportedFromRoom)
  return leafUnits(roster)
    .filter(
      (leaf) =>
        recent.has(leaf.name) ||
        ![leaf.name, ...ancestors(roster, leaf.name).map((u) => u.name)].some((n) => bound.has(n)),
    )
    .map((leaf) => leaf.name)
}

/**
 * The liaison room to ask a unit in: the room bound to it or to its nearest ancestor, else an
 * unbound room that answers for its leaves; undefined when no room does.
 */
export function roomForUnit(roster: Roster, unit: string): RoomBinding | undefined {
  const liaison = roster.rooms.filter((r) => r.role === 'liaison')
  for (const name of [unit, ...ancestors(roster, unit).map((u) => u.name)]) {
    const room = liaison.find((r) => r.unit === name)
    if (room) return room
  }
  const leaves = subtree(roster, unit)
    .filter((u) => u.children.length === 0)
    .map((u) => u.name)
  return liaison.find(
    (r) => r.unit === undefined && leavesOfRoom(roster, r).some((l) => leaves.includes(l)),
  )
}
