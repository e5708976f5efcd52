import { ancestors, leafUnits, subtree } from './queries.js'
import type { RoomBinding, Roster } from './roster.js'

/** The unit a message that names none reports for in a room: its one unit, if it has one. */
export function singleUnitOf(room: RoomBinding | undefined): string | undefined {
  return room?.unit ?? (room?.units?.length === 1 ? room.units[0] : undefined)
}

/** The units a liaison room names as its own: its unit, or its listed units. */
function namedUnits(room: RoomBinding): string[] {
  return room.unit !== undefined ? [room.unit] : (room.units ?? [])
}

/**
 * The units a liaison room may report for: the subtrees of its unit or listed units; a shared
 * room that lists none, every unit that neither it, an ancestor nor a descendant is named by
 * another liaison room in force (`rooms`). A figure for any other unit is out of this room's
 * scope.
 * @example unitsOfRoom(roster, { topic: '龙城派出所红袖标群', role: 'liaison', unit: '龙城派出所' }, rooms) // Set { '龙城派出所' }
 */
export function unitsOfRoom(
  roster: Roster,
  room: RoomBinding,
  rooms: readonly RoomBinding[],
): ReadonlySet<string> {
  // The same rooms in force (an ingest reads them once) give the same scopes: worked out once.
  let known = scopes.get(rooms)
  if (!known) scopes.set(rooms, (known = new WeakMap()))
  let scope = known.get(room)
  if (!scope) known.set(room, (scope = scopeOf(roster, room, rooms)))
  return scope
}

const scopes = new WeakMap<readonly RoomBinding[], WeakMap<RoomBinding, ReadonlySet<string>>>()

function scopeOf(roster: Roster, room: RoomBinding, rooms: readonly RoomBinding[]): Set<string> {
  if (room.role !== 'liaison') return new Set()
  const named = namedUnits(room)
  if (named.length > 0) return new Set(named.flatMap((u) => subtree(roster, u).map((s) => s.name)))
  return sharedScopeOf(roster, rooms)
}

/** Every shared room has the same scope among the same rooms: worked out once for them all. */
const sharedScopes = new WeakMap<readonly RoomBinding[], Set<string>>()

function sharedScopeOf(roster: Roster, rooms: readonly RoomBinding[]): Set<string> {
  const known = sharedScopes.get(rooms)
  if (known) return known
  // Shared rooms name no units, so this is what the unit rooms in force cover.
  const elsewhere = new Set(rooms.filter((r) => r.role === 'liaison').flatMap(namedUnits))
  // Nor may it speak for a parent of theirs: a parent's own figure stands for its children's.
  const above = new Set([...elsewhere].flatMap((u) => ancestors(roster, u).map((a) => a.name)))
  const scope = new Set(
    [...roster.units.keys()].filter(
      (name) =>
        !above.has(name) &&
        ![name, ...ancestors(roster, name).map((u) => u.name)].some((n) => elsewhere.has(n)),
    ),
  )
  sharedScopes.set(rooms, scope)
  return scope
}

/** The leaf units a liaison room answers for (those expected to report there), in roster order. */
export function leavesOf(
  roster: Roster,
  room: RoomBinding,
  rooms: readonly RoomBinding[],
): string[] {
  const units = unitsOfRoom(roster, room, rooms)
  return leafUnits(roster)
    .map((u) => u.name)
    .filter((name) => units.has(name))
}

/**
 * The liaison room in force to ask a unit in: the one named for it or its nearest ancestor,
 * else a shared room whose scope holds it; undefined when no room answers for it.
 */
export function liaisonRoomFor<R extends RoomBinding>(
  roster: Roster,
  unit: string,
  rooms: readonly R[],
): R | undefined {
  const liaison = rooms.filter((r) => r.role === 'liaison')
  for (const name of [unit, ...ancestors(roster, unit).map((u) => u.name)]) {
    const room = liaison.find((r) => namedUnits(r).includes(name))
    if (room) return room
  }
  return liaison.find(
    (r) => namedUnits(r).length === 0 && unitsOfRoom(roster, r, liaison).has(unit),
  )
}
