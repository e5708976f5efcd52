import { normalizeName } from '../parse/normalize.js'
import type { Binding } from './rooms-in-force.js'
import type { RoomBinding } from './roster.js'

/** A room the bot is in now, as the store saw it last. */
export interface PresentRoom {
  id: string
  topic: string
}

export type EntryState =
  /** An admin confirmed a room for it. */
  | 'bound'
  /** No room confirmed; exactly one room of its topic is there to confirm. */
  | 'waiting'
  /** No room confirmed; several rooms share its topic: the operator must say which. */
  | 'ambiguous'
  /** No room of its topic is in sight. */
  | 'not-seen'

export interface EntryReport<R extends PresentRoom = PresentRoom> {
  entry: RoomBinding
  state: EntryState
  /** The room confirmed for it, when bound. */
  bound?: Binding
  /** Rooms of its topic no admin confirmed: look-alikes when it is bound, candidates when not. */
  others: R[]
}

export interface RoomReport<R extends PresentRoom = PresentRoom> {
  entries: Array<EntryReport<R>>
  /** Rooms in sight the roster does not name: bound in chat (`binding`) or only listened to. */
  unlisted: Array<R & { binding?: Binding }>
}

/**
 * Every roster room against the rooms the bot is in and the bindings: which are bound, which wait
 * for an admin, which have look-alikes, which are not in sight; and the rooms the roster does not
 * name. What `redband rooms` prints, and what `rooms bind --expected` acts on.
 */
export function roomReport<R extends PresentRoom>(
  entries: readonly RoomBinding[],
  present: readonly R[],
  bindings: readonly Binding[],
): RoomReport<R> {
  const boundIds = new Set(bindings.map((b) => b.roomId))
  // Topics compared as messages are read: a stray space or full-width letter is the same name.
  const named = new Set(entries.map((e) => normalizeName(e.topic)))
  const same = (a: string, b: string | undefined) =>
    b !== undefined && normalizeName(a) === normalizeName(b)
  const report: RoomReport<R> = { entries: [], unlisted: [] }
  for (const entry of entries) {
    const bound = bindings.find((b) => b.entry === entry.topic)
    const others = present.filter(
      (r) => !boundIds.has(r.id) && (same(r.topic, entry.topic) || same(r.topic, bound?.topic)),
    )
    const state: EntryState = bound
      ? 'bound'
      : others.length === 1
        ? 'waiting'
        : others.length > 1
          ? 'ambiguous'
          : 'not-seen'
    report.entries.push({ entry, state, ...(bound ? { bound } : {}), others })
  }
  const claimed = new Set(bindings.filter((b) => b.entry !== null).map((b) => b.roomId))
  for (const room of present) {
    // Claimed rooms and look-alikes are told under their roster room.
    if (claimed.has(room.id) || (named.has(normalizeName(room.topic)) && !boundIds.has(room.id)))
      continue
    const binding = bindings.find((b) => b.roomId === room.id)
    report.unlisted.push({ ...room, ...(binding ? { binding } : {}) })
  }
  return report
}
