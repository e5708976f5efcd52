import { normalizeName } from '../parse/normalize.js'
import type { BoundRoom, RoomBinding } from './roster.js'

/**
 * Where an unbound room stands: named like a roster room no one has claimed yet (it waits for an
 * admin's confirmation), named like a room in force (a look-alike: it gains nothing and the
 * command rooms are told), or unrelated (the bot only listens).
 */
export type RoomStanding =
  | { kind: 'waiting'; entry: RoomBinding }
  | { kind: 'look-alike'; of: BoundRoom }
  | { kind: 'unrelated' }

/**
 * @example roomStanding({ id: 'r9', topic: '红袖标指挥部' }, roster.rooms, bound) // { kind: 'look-alike', of: … }
 */
export function roomStanding(
  room: { id: string; topic: string },
  entries: readonly RoomBinding[],
  bound: readonly BoundRoom[],
): RoomStanding {
  // Compared as messages are read: a trailing space or a full-width letter makes no new name.
  const topic = normalizeName(room.topic)
  const same = (name: string | undefined) => name !== undefined && normalizeName(name) === topic
  const twin = bound.find((r) => r.id !== room.id && (same(r.topic) || same(r.entry)))
  if (twin) return { kind: 'look-alike', of: twin }
  const entry = entries.find((r) => same(r.topic))
  return entry ? { kind: 'waiting', entry } : { kind: 'unrelated' }
}
