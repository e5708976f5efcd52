import { refindRooms, type RoomSnapshot } from './refind-rooms.js'

/** One account's ids for the rooms, both ways. */
export interface AccountRooms {
  /** The store's id of a room (the one its binding holds) → this account's id for it. */
  toAccount: ReadonlyMap<string, string>
  /** This account's id for a room → the store's id. */
  toStore: ReadonlyMap<string, string>
}

/**
 * Matches the rooms one account sits in with the rooms the store knows. Protocols that give
 * every account the same room id need nothing; others give each account its own, so a bound
 * room is found among this account's rooms as a login finds a room whose id changed: the one
 * room of its topic whose people are those seen before (refindRooms). A look-alike (same topic,
 * other people, or several of that topic) matches nothing; an unbound room keeps its own id.
 * @example accountRooms(bound, seenBefore, sightingsOfAccountB).toAccount.get(boundRoomId)
 */
export function accountRooms(
  bound: ReadonlyArray<{ roomId: string; topic: string }>,
  previous: ReadonlyMap<string, RoomSnapshot>,
  sightings: readonly RoomSnapshot[],
): AccountRooms {
  const toAccount = new Map<string, string>()
  const toStore = new Map<string, string>()
  for (const room of sightings) {
    toAccount.set(room.id, room.id)
    toStore.set(room.id, room.id)
  }
  for (const found of refindRooms(bound, previous, sightings)) {
    if (found.kind !== 'moved') continue
    toAccount.delete(found.to.id)
    toAccount.set(found.roomId, found.to.id)
    toStore.set(found.to.id, found.roomId)
  }
  return { toAccount, toStore }
}
