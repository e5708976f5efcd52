import Table from 'cli-table3'
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
import { getRoom, type SeenRoom } from '../../db/rooms.js'
import type { EntryReport, RoomReport } from '../../src/roster/room-report.js'
import { resolveUnit } from '../../src/roster/queries.js'
import type { RoomRole, Roster } from '../../src/roster/roster.js'
import { cliWords } from '../../templates/cli/cli-words.js'
import { roomLabel } from '../../templates/room-label.js'
import { CliProblem, print, tableStyle, UsageError, type CliIo } from './io.js'
import { dbFileOf, rosterOf, withStore } from './store.js'

const stateWords: Record<EntryReport['state'], string> = {
  bound: '已绑定',
  waiting: '待确认',
  ambiguous: '有同名群',
  'not-seen': '未见到',
}

const roles: Record<string, RoomRole> = {
  command: 'command',
  inspection: 'inspection',
  liaison: 'liaison',
}

/**
 * Who is in a room, for telling the real group from one a liaison made with its name: how many
 * people the bot saw there, and who owns it.
 */
function whoIsIn(room: SeenRoom): string {
  const owner = room.ownerId ? room.memberNames[room.memberIds.indexOf(room.ownerId)] : undefined
  return `${room.memberIds.length} 人${owner ? `，群主 ${owner}` : ''}`
}

function printReport(io: CliIo, report: RoomReport<SeenRoom>, at: number): void {
  // One line per room, for 300 rooms.
  const plain = tableStyle(io, { compact: true })
  const counts = Object.fromEntries(
    Object.keys(stateWords).map((s) => [s, report.entries.filter((e) => e.state === s).length]),
  )
  print(
    io.stdout,
    `名册中的群 ${report.entries.length} 个：已绑定 ${counts.bound}，待确认 ${counts.waiting}，` +
      `有同名群 ${counts.ambiguous}，未见到 ${counts['not-seen']}`,
  )
  const table = new Table({ head: ['状态', '名册中的群名', '用途', '群 ID', '说明'], style: plain })
  // What needs the operator first: choices, confirmations, rooms not in sight; the bound last.
  const order = Object.keys(stateWords).reverse()
  const entries = [...report.entries].sort(
    (a, b) => order.indexOf(a.state) - order.indexOf(b.state),
  )
  for (const e of entries) {
    const ids = e.others.map((r) => r.id)
    const note =
      e.state === 'bound'
        ? [
            e.bound!.topic !== e.entry.topic ? `现名「${e.bound!.topic}」` : '',
            ids.length > 0 ? `另有同名群未获授权：${ids.join('、')}` : '',
          ]
            .filter(Boolean)
            .join('；')
        : e.state === 'ambiguous'
          ? `同名群：${e.others.map((r) => `${r.id}（${whoIsIn(r)}）`).join('、')}`
          : e.state === 'waiting'
            ? whoIsIn(e.others[0]!)
            : ''
    table.push([
      stateWords[e.state],
      e.entry.topic,
      roomLabel(e.entry),
      e.bound?.roomId ?? (e.state === 'waiting' ? ids[0]! : ''),
      note,
    ])
  }
  print(io.stdout, table.toString())
  if (report.unlisted.length > 0) {
    print(io.stdout, `名册之外的群 ${report.unlisted.length} 个：`)
    const others = new Table({ head: ['群名', '群 ID', '状态'], style: plain })
    for (const room of report.unlisted) {
      const b = room.binding
      others.push([
        room.topic,
        room.id,
        b
          ? `已在群里绑定为 ${roomLabel({ role: b.role, unit: b.unit ?? undefined, units: b.units ?? undefined })}`
          : '只收听',
      ])
    }
    print(io.stdout, others.toString())
  }
  if (counts.waiting! > 0)
    print(
      io.stdout,
      `核对无误后，运行 rooms bind --expected --seen-before ${at} 一次确认这 ${counts.waiting} 个待确认的群` +
        '（此后才出现的群不会被一并确认）。',
    )
  if (counts.ambiguous! > 0) print(io.stdout, '有同名群的，请按群 ID 绑定：rooms bind 群ID')
}

/** The binding `rooms bind ROOM_ID [--entry TOPIC | --role ROLE [--unit UNIT]]` asks for. */
function requested(
  roster: Roster,
  room: { id: string; topic: string },
  values: { entry?: string; role?: string; unit?: string },
  by: string,
  at: number,
): NewRoomBinding {
  if (values.role !== undefined) {
    const role = roles[values.role]
    if (!role) throw new UsageError(cliWords.badRole(values.role, Object.keys(roles)))
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
  const entry = roster.rooms.find((r) => r.topic === topic)
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
  const by = { actorId: 'cli', actorName: io.env.USER ?? 'cli' }
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
    else printReport(io, report, at)
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
      for (const row of bound) print(io.stdout, `已绑定：${row.topic}（${row.roomId}）`)
      print(io.stdout, `共确认 ${bound.length} 个群。`)
      return 0
    }
    const room = getRoom(db, roomId!)
    if (!room) throw new CliProblem(cliWords.rooms.notSeen(roomId!))
    const row = requested(roster, room, options, by.actorId, at)
    const holder = row.entry ? bindingOfEntry(db, row.entry) : undefined
    bindRoomAudited(db, row, by)
    if (holder && holder.roomId !== row.roomId)
      print(io.stdout, `「${row.entry}」原绑定的群（${holder.roomId}）已解除。`)
    print(
      io.stdout,
      `已绑定：${row.topic}（${row.roomId}）为 ${roomLabel({ role: row.role, unit: row.unit ?? undefined, units: row.units ?? undefined })}`,
    )
    print(io.stdout, `现有绑定 ${listBindings(db).length} 个。`)
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
    print(io.stdout, `已解除绑定：${removed.topic}（${roomId}）`)
    return 0
  })
}
