import type { BoundRoom, RoomRole, Roster } from './roster.js'

/** A binding as the store keeps it: one room by id, with the roster entry it claims, if any. */
export interface Binding {
  roomId: string
  topic: string
  role: RoomRole
  unit: string | null
  units: string[] | null
  /** The topic of the roster room entry it claims; null for a binding made in chat alone. */
  entry: string | null
}

/**
 * The rooms in force: each binding with the role and units of the roster entry it claims (so a
 * roster edit carries over), else its own. A binding whose units the roster no longer has is
 * left out (`stale`) rather than widened into a room for every unit.
 */
export function roomsInForce(
  roster: Roster,
  bindings: readonly Binding[],
): { rooms: BoundRoom[]; stale: Binding[] } {
  const rooms: BoundRoom[] = []
  const stale: Binding[] = []
  for (const binding of bindings) {
    const entry =
      binding.entry === null ? undefined : roster.rooms.find((r) => r.topic === binding.entry)
    const role = entry?.role ?? binding.role
    const unit = entry ? entry.unit : (binding.unit ?? undefined)
    const units = entry ? entry.units : (binding.units ?? undefined)
    const known = [...(unit === undefined ? [] : [unit]), ...(units ?? [])].every((u) =>
      roster.units.has(u),
    )
    if ((binding.entry !== null && !entry) || !known) {
      stale.push(binding)
      continue
    }
    rooms.push({
      id: binding.roomId,
      topic: binding.topic,
      role,
      ...(unit !== undefined ? { unit } : {}),
      ...(units && units.length > 0 ? { units } : {}),
      ...(entry ? { entry: entry.topic } : {}),
    })
  }
  return { rooms, stale }
}
