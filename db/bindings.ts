import { and, eq, inArray, or } from 'drizzle-orm'
import { roomsInForce } from '../src/roster/rooms-in-force.js'
import type { BoundRoom, RoomBinding, Roster } from '../src/roster/roster.js'
import { audit } from './audit.js'
import type { Db } from './client.js'
import { dataVersion } from './prepared.js'
import { outbox, roomBindings, spotChecks } from './schema.js'

export type RoomBindingRow = typeof roomBindings.$inferSelect
export type NewRoomBinding = typeof roomBindings.$inferInsert

export function listBindings(db: Db): RoomBindingRow[] {
  return db.select().from(roomBindings).all()
}

/** The binding that claims a roster entry (by the entry's topic), if any. */
export function bindingOfEntry(db: Db, entry: string): RoomBindingRow | undefined {
  return db.select().from(roomBindings).where(eq(roomBindings.entry, entry)).get()
}

/**
 * Binds a room, replacing its own binding and, when it claims a roster entry, any other room's
 * claim of that entry (the caller has decided that may move): then the messages still to send
 * to that room and its open spot checks follow the claim. Returns the bindings replaced.
 */
export function bindRoom(db: Db, row: NewRoomBinding): RoomBindingRow[] {
  wrote(db)
  return db.transaction((tx) => {
    const same = row.entry
      ? or(eq(roomBindings.roomId, row.roomId), eq(roomBindings.entry, row.entry))
      : eq(roomBindings.roomId, row.roomId)
    const before = tx.select().from(roomBindings).where(same).all()
    tx.delete(roomBindings).where(same).run()
    tx.insert(roomBindings).values(row).run()
    for (const replaced of before)
      if (replaced.roomId !== row.roomId) readdress(tx, replaced.roomId, row.roomId)
    return before
  })
}

/** What was meant for one room (messages not yet sent, checks still open) goes to another. */
function readdress(tx: Pick<Db, 'update'>, fromId: string, toId: string): void {
  tx.update(outbox)
    .set({ roomId: toId })
    .where(and(eq(outbox.roomId, fromId), inArray(outbox.status, ['pending', 'sending'])))
    .run()
  tx.update(spotChecks)
    .set({ roomId: toId })
    .where(and(eq(spotChecks.roomId, fromId), inArray(spotChecks.status, ['planned', 'open'])))
    .run()
}

/**
 * Binds a room for an operator at the server (no chat message to audit it by): bindRoom, and an
 * audit line with who, and what it replaced. Returns the bindings replaced.
 */
export function bindRoomAudited(
  db: Db,
  row: NewRoomBinding,
  by: { actorId: string; actorName: string },
): RoomBindingRow[] {
  return db.transaction(() => {
    const replaced = bindRoom(db, row)
    audit(db, {
      at: row.boundAt,
      ...by,
      roomTopic: row.topic,
      action: 'bind',
      target: row.topic,
      before: replaced[0] ?? null,
      after: {
        roomId: row.roomId,
        role: row.role,
        unit: row.unit,
        units: row.units,
        entry: row.entry,
      },
    })
    return replaced
  })
}

/** Removes a room's binding; returns it, or undefined when there was none. */
export function unbindRoom(db: Db, roomId: string): RoomBindingRow | undefined {
  wrote(db)
  return db.delete(roomBindings).where(eq(roomBindings.roomId, roomId)).returning().get()
}

/** Notes a bound room's new topic (renamed); its binding stays. */
export function renameBinding(db: Db, roomId: string, topic: string): void {
  wrote(db)
  db.update(roomBindings).set({ topic }).where(eq(roomBindings.roomId, roomId)).run()
}

/**
 * A bound room found again under a new id (some protocols change ids across logins): the
 * binding, the messages still to send there and its open spot checks follow it.
 */
export function moveBinding(db: Db, fromId: string, to: { roomId: string; topic: string }): void {
  wrote(db)
  db.transaction((tx) => {
    tx.update(roomBindings).set(to).where(eq(roomBindings.roomId, fromId)).run()
    readdress(tx, fromId, to.roomId)
  })
}

/** Binding writes through this connection; SQLite's data_version counts every other one's. */
const bindingWrites = new WeakMap<Db, number>()
const wrote = (db: Db) => bindingWrites.set(db, (bindingWrites.get(db) ?? 0) + 1)

interface InForce {
  /** What they were read under: data_version and this connection's binding writes. */
  stamp: string
  units: unknown
  rooms: readonly BoundRoom[]
  byId: ReadonlyMap<string, BoundRoom>
}
const inForce = new WeakMap<Db, InForce>()

/**
 * The rooms in force, read once and kept until a binding is written here, another process
 * writes the store, or the roster is reloaded: every message asks for its room, and a
 * province-wide event binds thousands.
 */
function roomsInForceOf(db: Db, roster: Roster): InForce {
  const stamp = `${dataVersion(db)}:${bindingWrites.get(db) ?? 0}`
  const known = inForce.get(db)
  if (known?.stamp === stamp && known.units === roster.units) return known
  const rooms = Object.freeze(roomsInForce(roster, listBindings(db)).rooms)
  const fresh = { stamp, units: roster.units, rooms, byId: new Map(rooms.map((r) => [r.id, r])) }
  inForce.set(db, fresh)
  return fresh
}

/** Every room in force, with the role and units of the roster entry each claims. */
export function boundRooms(db: Db, roster: Roster): readonly BoundRoom[] {
  return roomsInForceOf(db, roster).rooms
}

/** The room in force with this WeChat id, if it is bound. */
export function boundRoom(db: Db, roster: Roster, roomId: string): BoundRoom | undefined {
  return roomsInForceOf(db, roster).byId.get(roomId)
}

/** The binding of a room to a roster entry: the room takes the entry's role and units. */
export function entryBinding(
  entry: RoomBinding,
  room: { id: string; topic: string },
  by: string,
  at: number,
): NewRoomBinding {
  return {
    roomId: room.id,
    topic: room.topic,
    role: entry.role,
    unit: entry.unit ?? null,
    units: entry.units ?? null,
    entry: entry.topic,
    boundBy: by,
    boundAt: at,
  }
}
