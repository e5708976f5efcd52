import { bindRoom, entryBinding } from '../../db/bindings.js'
import type { Db } from '../../db/client.js'
import { noteRoom } from '../../db/rooms.js'
import type { Roster } from '../../src/roster/roster.js'

/**
 * Every roster room confirmed, each as a room whose WeChat id is its topic: what an operator's
 * `rooms bind --expected` leaves once the bot has seen them. For tests that deliver into a list,
 * not into (mock) WeChat.
 */
export function bindRosterRooms(db: Db, roster: Roster): void {
  for (const entry of roster.rooms) {
    const room = { id: entry.topic, topic: entry.topic }
    noteRoom(db, room, 0)
    bindRoom(db, entryBinding(entry, room, 'test', 0))
  }
}

/** Liaison rooms confirmed in chat (no roster entry), each by its id: what a fan-out test sends to. */
export function bindLiaisonRooms(db: Db, rooms: Array<{ id: string; topic: string }>): void {
  db.transaction(() => {
    for (const room of rooms)
      bindRoom(db, {
        roomId: room.id,
        topic: room.topic,
        role: 'liaison',
        unit: null,
        units: null,
        entry: null,
        boundBy: 'test',
        boundAt: 0,
      })
  })
}
