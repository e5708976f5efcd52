import { eq } from 'drizzle-orm'
import { effectiveRooms } from '../src/roster/effective-rooms.js'
import type { Roster } from '../src/roster/roster.js'
import type { Db } from './client.js'
import { roomBindings } from './schema.js'

export type RoomBindingRow = typeof roomBindings.$inferSelect
export type NewRoomBinding = typeof roomBindings.$inferInsert

export function listBindings(db: Db): RoomBindingRow[] {
  return db.select().from(roomBindings).all()
}

/** Binds a room, replacing any binding it or its topic had; returns the one it replaced. */
export function bindRoom(db: Db, row: NewRoomBinding): RoomBindingRow | undefined {
  return db.transaction((tx) => {
    const before =
      tx.select().from(roomBindings).where(eq(roomBindings.roomId, row.roomId)).get() ??
      tx.select().from(roomBindings).where(eq(roomBindings.topic, row.topic)).get()
    tx.delete(roomBindings).where(eq(roomBindings.roomId, row.roomId)).run()
    tx.delete(roomBindings).where(eq(roomBindings.topic, row.topic)).run()
    tx.insert(roomBindings).values(row).run()
    return before
  })
}

/** Removes a room's binding (by id, else by topic); returns it, or undefined when there was none. */
export function unbindRoom(db: Db, roomId: string, topic: string): RoomBindingRow | undefined {
  const row =
    db.select().from(roomBindings).where(eq(roomBindings.roomId, roomId)).get() ??
    db.select().from(roomBindings).where(eq(roomBindings.topic, topic)).get()
  if (row) db.delete(roomBindings).where(eq(roomBindings.roomId, row.roomId)).run()
  return row
}

/** Notes a bound room's current id and topic, as found at login or on a rename. */
export function updateBinding(
  db: Db,
  previousRoomId: string,
  current: { roomId: string; topic: string },
): void {
  db.update(roomBindings).set(current).where(eq(roomBindings.roomId, previousRoomId)).run()
}

/**
 * Puts the rooms bound in chat into force over the roster file's: after a bind, and before
 * scheduled work (another process may have bound a room).
 */
export function refreshRooms(db: Db, roster: Roster): void {
  roster.rooms = effectiveRooms(roster.fileRooms, listBindings(db))
}
