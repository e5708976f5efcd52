import { boundRoom, boundRooms } from '../db/bindings.js'
import type { Db } from '../db/client.js'
import type { BoundRoom, Roster } from '../src/roster/roster.js'
import type { RoomDirectory } from './context.js'

/** Live messages: a room is in force only when bound by its id, whatever it is called. */
export function liveRooms(db: Db, roster: Roster): RoomDirectory {
  return {
    of: (inbound) => boundRoom(db, roster, inbound.roomId),
    all: () => boundRooms(db, roster),
  }
}

/**
 * A chat export the operator imports (ingest) names rooms by topic only: a room bound with that
 * topic, else the roster's room of that topic, stands for it. The operator chose the file; no
 * one in a chat can make a look-alike count through it. The rooms are read once, when the
 * import starts: reading them per message would cost more than storing it.
 */
export function exportRooms(db: Db, roster: Roster): RoomDirectory {
  let rooms: BoundRoom[] | undefined
  const all = (): BoundRoom[] => {
    if (rooms) return rooms
    const bound = boundRooms(db, roster)
    const claimed = new Set(bound.map((r) => r.entry))
    const unclaimed = roster.rooms
      .filter((r) => !claimed.has(r.topic))
      .map((r) => ({ ...r, id: r.topic, entry: r.topic }))
    return (rooms = [...bound, ...unclaimed])
  }
  return {
    // The roster's room of that topic first (whoever holds it), then a bound room now called so.
    of: (inbound) =>
      all().find((r) => r.id === inbound.roomId) ??
      all().find((r) => r.entry === inbound.roomTopic) ??
      all().find((r) => r.topic === inbound.roomTopic),
    all,
  }
}
