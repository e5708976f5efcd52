import { audit } from '../../db/audit.js'
import {
  bindingOfEntry,
  bindRoomAudited,
  entryBinding,
  listBindings,
  unbindRoom,
  type NewRoomBinding,
} from '../../db/bindings.js'
import type { Db } from '../../db/client.js'
import { bindExpectedRooms, roomReportOf } from '../../db/room-report.js'
import { getRoom } from '../../db/rooms.js'
import { resolveUnit, roomByTopic } from '../../src/roster/queries.js'
import { isRoomRole, roomRoles, type Roster } from '../../src/roster/roster.js'
import { cliWords } from '../../templates/cli/cli-words.js'
import { roomsReportText, roomsWords } from '../../templates/cli/rooms-view.js'
import { CliProblem, print, tableStyle, UsageError, type CliIo } from './io.js'
import { cliActor, dbFileOf, rosterOf, withStore } from './store.js'

/** The binding `rooms bind ROOM_ID [--entry TOPIC | --role ROLE [--unit UNIT]]` asks for. */
function requested(
  roster: Roster,
  room: { id: string; topic: string },
  values: { entry?: string; role?: string; unit?: string },
  by: string,
  at: number,
): NewRoomBinding {
  if (values.role !== undefined) {
    const role = values.role
    if (!isRoomRole(role)) throw new UsageError(cliWords.badRole(role, [...roomRoles].sort()))
    const unit = values.unit === undefined ? undefined : resolveUnit(roster, values.unit)
    if (values.unit !== undefined && unit === undefined)
      throw new UsageError(cliWords.unitNotInRoster(values.unit))
    return {
      roomId: room.id,
      topic: room.topic,
      role,
      unit: unit ?? null,
      units: null,
      entry: null,
      boundBy: by,
      boundAt: at,
    }
  }
  const topic = values.entry ?? room.topic
  const entry = roomByTopic(roster, topic)
  if (!entry) throw new UsageError(cliWords.noRosterRoom(topic))
  return entryBinding(entry, room, by, at)
}

interface RoomsOptions {
  db?: string
  roster?: string
}

/** The store and roster a rooms command works on, and who is acting. */
function roomsStore<T>(
  options: RoomsOptions,
  io: CliIo,
  use: (db: Db, roster: Roster, by: { actorId: string; actorName: string }, at: number) => T,
): Promise<T> {
  const file = dbFileOf(options, io)
  const roster = rosterOf(options, io)
  const by = cliActor(io)
  return withStore(file, (db) => use(db, roster, by, Date.now()), {
    hint: cliWords.noStoreHint.rooms,
  })
}

/**
 * `rooms [--json]`: every roster room against the rooms the bot has seen (bound, waiting for
 * confirmation, with look-alikes, not seen) and the rooms the roster does not name.
 */
export async function roomsCommand(
  options: RoomsOptions & { json?: boolean },
  io: CliIo,
): Promise<number> {
  return roomsStore(options, io, (db, roster, _by, at) => {
    const report = roomReportOf(db, roster)
    if (options.json) print(io.stdout, JSON.stringify(report))
    else print(io.stdout, roomsReportText(report, at, tableStyle(io)))
    return 0
  })
}

/**
 * `rooms bind --expected [--seen-before N]`: confirms every waiting room in one step.
 * `rooms bind ROOM_ID [--entry TOPIC | --role ROLE [--unit UNIT]]`: what #绑定 does in chat.
 */
export async function roomsBindCommand(
  roomId: string | undefined,
  options: RoomsOptions & {
    expected?: boolean
    seenBefore?: string
    entry?: string
    role?: string
    unit?: string
  },
  io: CliIo,
): Promise<number> {
  if (!options.expected && !roomId) throw new UsageError(cliWords.roomsNeedRoomId('bind'))
  return roomsStore(options, io, (db, roster, by, at) => {
    if (options.expected) {
      const seenBefore = options.seenBefore === undefined ? at : Number(options.seenBefore)
      if (!Number.isSafeInteger(seenBefore))
        throw new UsageError(cliWords.badSeenBefore(options.seenBefore!))
      const bound = bindExpectedRooms(db, roster, by, at, seenBefore)
      for (const row of bound) print(io.stdout, roomsWords.bound(row.topic, row.roomId))
      print(io.stdout, roomsWords.confirmed(bound.length))
      return 0
    }
    const room = getRoom(db, roomId!)
    if (!room) throw new CliProblem(cliWords.rooms.notSeen(roomId!))
    const row = requested(roster, room, options, by.actorId, at)
    const holder = row.entry ? bindingOfEntry(db, row.entry) : undefined
    bindRoomAudited(db, row, by)
    if (holder && holder.roomId !== row.roomId)
      print(io.stdout, roomsWords.released(row.entry!, holder.roomId))
    const as = { role: row.role, unit: row.unit ?? undefined, units: row.units ?? undefined }
    print(io.stdout, roomsWords.bound(row.topic, row.roomId, as))
    print(io.stdout, roomsWords.bindings(listBindings(db).length))
    return 0
  })
}

/** `rooms unbind ROOM_ID`: what #解绑 does in chat, audited as the operator. */
export async function roomsUnbindCommand(
  roomId: string,
  options: RoomsOptions,
  io: CliIo,
): Promise<number> {
  return roomsStore(options, io, (db, _roster, by, at) => {
    const removed = unbindRoom(db, roomId)
    if (!removed) throw new CliProblem(cliWords.rooms.notBound(roomId))
    audit(db, {
      at,
      ...by,
      roomTopic: removed.topic,
      action: 'unbind',
      target: removed.topic,
      before: { roomId, role: removed.role, unit: removed.unit, entry: removed.entry },
      after: null,
    })
    print(io.stdout, roomsWords.unbound(removed.topic, roomId))
    return 0
  })
}
