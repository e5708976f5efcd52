/** A room as seen at one login: its id, topic and the people in it (the bot left out). */
export interface RoomSnapshot {
  id: string
  topic: string
  memberIds: readonly string[]
  memberNames: readonly string[]
  /** The group owner's id, when the protocol tells it. */
  ownerId?: string | null
}

export type Refound =
  /** Still there by its id; `renamedFrom` when its topic changed. */
  | { kind: 'present'; roomId: string; topic: string; renamedFrom?: string }
  /** Found again under a new id: the one room of the same topic holding the same people. */
  | { kind: 'moved'; roomId: string; to: RoomSnapshot }
  /** Not found, or not surely: no room of that topic, several, or one with other people. */
  | { kind: 'lost'; roomId: string; topic: string; why: 'none' | 'several' | 'others' }

/** Share of the people seen in a room before who must be in a candidate for it to be the same room. */
export const SAME_MEMBERS_SHARE = 0.8
/** Fewer people seen before than this and members prove nothing: an admin must confirm. */
export const MIN_MEMBERS_TO_MATCH = 2

/** The owner's name, read from the members seen (ids change with logins on some protocols). */
export function ownerName(
  room: Pick<RoomSnapshot, 'ownerId' | 'memberIds' | 'memberNames'>,
): string | undefined {
  const i = room.ownerId ? room.memberIds.indexOf(room.ownerId) : -1
  return i < 0 ? undefined : room.memberNames[i]
}

/**
 * Whether a candidate holds the people the room held (by id, or by name where ids change with
 * logins) and, when both owners are known, the same owner: a group someone made with the room's
 * name and its people's names copied still has its maker as owner.
 */
export function holdsSameMembers(before: RoomSnapshot, candidate: RoomSnapshot): boolean {
  const share = (was: readonly string[], now: readonly string[]) => {
    if (was.length < MIN_MEMBERS_TO_MATCH) return 0
    const present = new Set(now)
    return was.filter((m) => present.has(m)).length / was.length
  }
  const byId = share(before.memberIds, candidate.memberIds)
  const people = Math.max(byId, share(before.memberNames, candidate.memberNames))
  const owners = [before.ownerId, candidate.ownerId]
  const sameOwner =
    !owners[0] ||
    !owners[1] ||
    owners[0] === owners[1] ||
    (ownerName(before) !== undefined && ownerName(before) === ownerName(candidate))
  return people >= SAME_MEMBERS_SHARE && sameOwner
}

/**
 * Finds each bound room again among the rooms listed at a login. By id when it is still there.
 * Else (some protocols change ids across logins) the one unbound room of its topic whose people
 * are those seen before; several such rooms, or one with other people, and it stays lost until
 * an admin confirms: a look-alike never takes a binding by its name.
 * @example refindRooms([{ roomId: 'old', topic: '红袖标指挥部' }], previous, present)
 */
export function refindRooms(
  bound: ReadonlyArray<{ roomId: string; topic: string }>,
  previous: ReadonlyMap<string, RoomSnapshot>,
  present: readonly RoomSnapshot[],
): Refound[] {
  const byId = new Map(present.map((room) => [room.id, room]))
  const boundIds = new Set(bound.map((b) => b.roomId))
  const taken = new Set<string>()
  return bound.map((binding): Refound => {
    const now = byId.get(binding.roomId)
    if (now) {
      return {
        kind: 'present',
        roomId: binding.roomId,
        topic: now.topic,
        ...(now.topic !== binding.topic ? { renamedFrom: binding.topic } : {}),
      }
    }
    const candidates = present.filter(
      (room) => room.topic === binding.topic && !boundIds.has(room.id) && !taken.has(room.id),
    )
    const lost = (why: 'none' | 'several' | 'others'): Refound => ({
      kind: 'lost',
      roomId: binding.roomId,
      topic: binding.topic,
      why,
    })
    if (candidates.length === 0) return lost('none')
    const before = previous.get(binding.roomId)
    const same = before ? candidates.filter((c) => holdsSameMembers(before, c)) : []
    if (candidates.length > 1 || same.length > 1) return lost('several')
    if (same.length === 0) return lost('others')
    taken.add(same[0]!.id)
    return { kind: 'moved', roomId: binding.roomId, to: same[0]! }
  })
}
