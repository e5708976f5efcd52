/**
 * The page's Rooms view: the roster's rooms against the rooms the bot sees (the report `redband
 * rooms` prints), what needs the operator first, with who is in each candidate room so the real
 * group can be told from one a liaison made. Pure: the room report in, the page's data out.
 */
import type { EntryState, PresentRoom, RoomReport } from '../roster/room-report.js'
import { ownerName } from '../roster/refind-rooms.js'
import type { RoomRole } from '../roster/roster.js'

/** A room as the store saw it last, with its people. */
export interface SeenRoomLike extends PresentRoom {
  memberIds: string[]
  memberNames: string[]
  ownerId: string | null
  firstSeenAt: number
}

export interface RoomCandidate {
  id: string
  topic: string
  /** People the bot saw in it. */
  people: number
  /** Its owner's name, when known. */
  owner: string | null
}

export interface RoomEntryView {
  state: EntryState
  /** The roster room: its topic, role and units. */
  topic: string
  role: RoomRole
  unit: string | null
  units: string[]
  /** The room confirmed for it, and what it is called now. */
  bound: { id: string; topic: string } | null
  /** Rooms of its topic no admin confirmed: look-alikes when bound, candidates when not. */
  others: RoomCandidate[]
}

export interface RoomsView {
  /** When the list was read: confirming takes only rooms seen before it (rooms bind --seen-before). */
  readAt: number
  counts: Record<EntryState, number>
  entries: RoomEntryView[]
  /** Rooms the roster does not name: bound in chat, or only listened to. */
  unlisted: Array<
    RoomCandidate & { binding: { role: RoomRole; unit: string | null; units: string[] } | null }
  >
}

/** What needs the operator first: rooms not in sight, choices, confirmations; the bound last. */
const order: readonly EntryState[] = ['not-seen', 'ambiguous', 'waiting', 'bound']

function candidate(room: SeenRoomLike): RoomCandidate {
  return {
    id: room.id,
    topic: room.topic,
    people: room.memberIds.length,
    owner: ownerName(room) ?? null,
  }
}

/**
 * The rooms view of a room report read at `readAt`.
 * @example roomsView(roomReportOf(db, roster), Date.now())
 */
export function roomsView<R extends SeenRoomLike>(
  report: RoomReport<R>,
  readAt: number,
): RoomsView {
  const counts: Record<EntryState, number> = { bound: 0, waiting: 0, ambiguous: 0, 'not-seen': 0 }
  for (const e of report.entries) counts[e.state]++
  const entries = [...report.entries]
    .sort((a, b) => order.indexOf(a.state) - order.indexOf(b.state))
    .map((e): RoomEntryView => ({
      state: e.state,
      topic: e.entry.topic,
      role: e.entry.role,
      unit: e.entry.unit ?? null,
      units: e.entry.units ?? [],
      bound: e.bound ? { id: e.bound.roomId, topic: e.bound.topic } : null,
      others: e.others.map(candidate),
    }))
  return {
    readAt,
    counts,
    entries,
    unlisted: report.unlisted.map((room) => ({
      ...candidate(room),
      binding: room.binding
        ? {
            role: room.binding.role,
            unit: room.binding.unit,
            units: room.binding.units ?? [],
          }
        : null,
    })),
  }
}
