import { roomReport, type RoomReport } from '../src/roster/room-report.js'
import type { Roster } from '../src/roster/roster.js'
import { bindRoomAudited, entryBinding, listBindings, type NewRoomBinding } from './bindings.js'
import type { Db } from './client.js'
import { listRooms, type SeenRoom } from './rooms.js'

/** The roster's rooms against the rooms the bot is in (as of its latest login) and the bindings. */
export function roomReportOf(db: Db, roster: Roster): RoomReport<SeenRoom> {
  const present = listRooms(db).filter((room) => room.goneAt === null)
  return roomReport(roster.rooms, present, listBindings(db))
}

/**
 * Confirms, in one step, every roster room that waits with exactly one room of its topic in
 * sight (after the operator has checked the list); rooms with look-alikes are left for a choice
 * by id. `seenBefore`: only rooms the bot saw before then (when the operator read the list), so
 * a group someone made since is not confirmed with the others. Each binding is audited.
 * Returns the bindings made.
 */
export function bindExpectedRooms(
  db: Db,
  roster: Roster,
  by: { actorId: string; actorName: string },
  at: number,
  seenBefore = at,
): NewRoomBinding[] {
  const rows = roomReportOf(db, roster)
    .entries.filter((e) => e.state === 'waiting' && e.others[0]!.firstSeenAt <= seenBefore)
    .map((e) => entryBinding(e.entry, e.others[0]!, by.actorId, at))
  db.transaction(() => {
    for (const row of rows) bindRoomAudited(db, row, by)
  })
  return rows
}
