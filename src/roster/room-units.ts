import { leafUnits, ancestors } from './queries.js'
import type { RoomBinding, Roster } from './roster.js'

/**
 * The liaison room a unit is chased in: the room bound to the unit itself or to its nearest
 * ancestor. Undefined when no bound room covers it (its figures come from an unbound room).
 */
export function liaisonRoomOf(roster: Roster, unit: string): RoomBinding | undefined {
  const liaison = roster.rooms.filter((r) => r.role === 'liaison' && r.unit !== undefined)
  for (const name of [unit, ...ancestors(roster, unit).map((u) => u.name)]) {
    const room = liaison.find((r) => r.unit === name)
    if (room) return room
  }
  return undefined
}

/**
 * The leaf units each liaison room answers for: in a bound room the leaves it is the nearest
 * room of; in an unbound room (e.g. 行业部门联络群) the leaves no bound room covers.
 */
export function leavesByLiaisonRoom(roster: Roster): Map<string, string[]> {
  const byRoom = new Map<string, string[]>()
  const unbound = roster.rooms.filter((r) => r.role === 'liaison' && r.unit === undefined)
  for (const room of roster.rooms) if (room.role === 'liaison') byRoom.set(room.topic, [])
  for (const leaf of leafUnits(roster)) {
    const room = liaisonRoomOf(roster, leaf.name)
    const topics = room ? [room.topic] : unbound.map((r) => r.topic)
    for (const topic of topics) byRoom.get(topic)!.push(leaf.name)
  }
  return byRoom
}
