import { and, eq, isNull, notInArray, or } from 'drizzle-orm'
import type { RoomSnapshot } from '../src/roster/refind-rooms.js'
import type { Db } from './client.js'
import { rooms } from './schema.js'

export type SeenRoom = typeof rooms.$inferSelect

/** What the bot saw of a room: always its id and topic; its members when it looked. */
export interface RoomSighting {
  id: string
  topic: string
  memberIds?: string[]
  memberNames?: string[]
  ownerId?: string | null
}

/**
 * Notes a room the bot sees (a message, a join, a rename, a login's room list); members are
 * kept as they were when the sighting does not list them. Returns the room as it was before,
 * or undefined when it is new.
 */
export function noteRoom(db: Db, sighting: RoomSighting, at: number): SeenRoom | undefined {
  const before = getRoom(db, sighting.id)
  const members = {
    ...(sighting.memberIds ? { memberIds: sighting.memberIds } : {}),
    ...(sighting.memberNames ? { memberNames: sighting.memberNames } : {}),
    ...(sighting.ownerId !== undefined ? { ownerId: sighting.ownerId } : {}),
  }
  db.insert(rooms)
    .values({
      id: sighting.id,
      topic: sighting.topic,
      memberIds: [],
      memberNames: [],
      ...members,
      firstSeenAt: at,
      lastSeenAt: at,
    })
    .onConflictDoUpdate({
      target: rooms.id,
      set: { topic: sighting.topic, lastSeenAt: at, goneAt: null, ...members },
    })
    .run()
  return before
}

/** After a login listed its rooms: every room not among them is marked gone (left, or a new id). */
export function markRoomsGone(db: Db, presentIds: string[], at: number): void {
  db.update(rooms)
    .set({ goneAt: at })
    .where(and(isNull(rooms.goneAt), notInArray(rooms.id, presentIds)))
    .run()
}

export function getRoom(db: Db, id: string): SeenRoom | undefined {
  return db.select().from(rooms).where(eq(rooms.id, id)).get()
}

export function listRooms(db: Db): SeenRoom[] {
  return db.select().from(rooms).orderBy(rooms.topic, rooms.firstSeenAt).all()
}

/**
 * Notes that a room was told it waits for an admin, or that it is a look-alike; true only the
 * first time for each, so each is told once (a room told it waits can still turn look-alike).
 */
export function markNoticed(
  db: Db,
  id: string,
  notice: 'waiting' | 'look-alike',
  at: number,
): boolean {
  const untold =
    notice === 'waiting'
      ? isNull(rooms.notice)
      : or(isNull(rooms.notice), eq(rooms.notice, 'waiting'))
  return (
    db
      .update(rooms)
      .set({ notice, noticedAt: at })
      .where(and(eq(rooms.id, id), untold))
      .run().changes === 1
  )
}

/** A sighting as the room-finding rules read it: members unknown are none. */
export function snapshotOf(room: RoomSighting): RoomSnapshot {
  return {
    id: room.id,
    topic: room.topic,
    memberIds: room.memberIds ?? [],
    memberNames: room.memberNames ?? [],
    ownerId: room.ownerId ?? null,
  }
}

/** How the store last saw each of these rooms (its topic, people and owner), by id. */
export function seenBefore(db: Db, roomIds: readonly string[]): Map<string, RoomSnapshot> {
  const previous = new Map<string, RoomSnapshot>()
  for (const id of roomIds) {
    const seen = getRoom(db, id)
    if (seen) previous.set(id, seen)
  }
  return previous
}
