import type { RoomBinding } from './roster.js'

/**
 * The rooms in force: those bound in chat (#绑定) override the roster file's binding of the same
 * topic and add rooms it does not know.
 */
export function effectiveRooms(
  fileRooms: readonly RoomBinding[],
  bound: ReadonlyArray<{ topic: string; role: RoomBinding['role']; unit: string | null }>,
): RoomBinding[] {
  const topics = new Set(bound.map((b) => b.topic))
  return [
    ...fileRooms.filter((room) => !topics.has(room.topic)),
    ...bound.map(({ topic, role, unit }) => ({ topic, role, ...(unit ? { unit } : {}) })),
  ]
}
