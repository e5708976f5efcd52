import Table from 'cli-table3'
import { existsSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { audit } from '../../db/audit.js'
import {
  bindingOfEntry,
  bindRoomAudited,
  entryBinding,
  listBindings,
  unbindRoom,
  type NewRoomBinding,
} from '../../db/bindings.js'
import { closeDb, openDb, type Db } from '../../db/client.js'
import { bindExpectedRooms, roomReportOf } from '../../db/room-report.js'
import { getRoom, type SeenRoom } from '../../db/rooms.js'
import type { EntryReport, RoomReport } from '../../src/roster/room-report.js'
import { resolveUnit } from '../../src/roster/queries.js'
import type { RoomRole, Roster } from '../../src/roster/roster.js'
import { roomLabel } from '../../templates/room-label.js'
import { loadRoster } from '../load-roster.js'
import { print, UsageError, type CliIo } from './io.js'

const stateWords: Record<EntryReport['state'], string> = {
  bound: '已绑定',
  waiting: '待确认',
  ambiguous: '有同名群',
  'not-seen': '未见到',
}

/** No colours (they would land in pipes and files) and one line per room, for 300 rooms. */
const plain = { head: [], border: [], compact: true }

const roles: Record<string, RoomRole> = {
  command: 'command',
  inspection: 'inspection',
  liaison: 'liaison',
}

/** The store and roster a rooms command works on: flags first, then REDBAND_DB / REDBAND_ROSTER. */
function openStore(
  values: { db?: string; roster?: string },
  io: CliIo,
): { db: Db; roster: Roster } | undefined {
  const file = values.db ?? io.env.REDBAND_DB
  const rosterFile = values.roster ?? io.env.REDBAND_ROSTER
  if (!file || !rosterFile)
    throw new UsageError(
      'rooms needs --db FILE and --roster FILE (or REDBAND_DB and REDBAND_ROSTER)',
    )
  if (!existsSync(file)) {
    print(io.stderr, `no store at ${file}: start the bot once so it sees its rooms`)
    return undefined
  }
  const roster = loadRoster(rosterFile)
  return { db: openDb(file), roster }
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
    if (!role) throw new UsageError(`--role ${values.role}: write command, inspection or liaison`)
    const unit = values.unit === undefined ? undefined : resolveUnit(roster, values.unit)
    if (values.unit !== undefined && unit === undefined)
      throw new UsageError(`--unit ${values.unit} is not in the roster`)
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
  if (!entry)
    throw new UsageError(
      `the roster names no room「${topic}」; give --entry TOPIC, or --role ROLE [--unit UNIT]`,
    )
  return entryBinding(entry, room, by, at)
}

/**
 * `rooms [--json]`: every roster room against the rooms the bot has seen (bound, waiting for
 * confirmation, with look-alikes, not seen) and the rooms the roster does not name.
 * `rooms bind --expected`: confirms every waiting room in one step. `rooms bind ROOM_ID [--entry
 * TOPIC | --role ROLE [--unit UNIT]]` and `rooms unbind ROOM_ID`: what #绑定 and #解绑 do in chat.
 */
export async function roomsCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      db: { type: 'string' },
      roster: { type: 'string' },
      json: { type: 'boolean', default: false },
      expected: { type: 'boolean', default: false },
      'seen-before': { type: 'string' },
      entry: { type: 'string' },
      role: { type: 'string' },
      unit: { type: 'string' },
    },
  })
  const [action, roomId] = positionals
  if (action !== undefined && action !== 'bind' && action !== 'unbind')
    throw new UsageError(`rooms ${action}: write rooms, rooms bind or rooms unbind`)
  const store = openStore(values, io)
  if (!store) return 1
  const { db, roster } = store
  const by = { actorId: 'cli', actorName: io.env.USER ?? 'cli' }
  const at = Date.now()
  try {
    if (action === undefined) {
      const report = roomReportOf(db, roster)
      if (values.json) print(io.stdout, JSON.stringify(report))
      else printReport(io, report, at)
      return 0
    }
    if (action === 'bind' && values.expected) {
      const seenBefore = values['seen-before'] === undefined ? at : Number(values['seen-before'])
      if (!Number.isSafeInteger(seenBefore))
        throw new UsageError(
          `--seen-before ${values['seen-before']}: give the number rooms printed with the list`,
        )
      const bound = bindExpectedRooms(db, roster, by, at, seenBefore)
      for (const row of bound) print(io.stdout, `已绑定：${row.topic}（${row.roomId}）`)
      print(io.stdout, `共确认 ${bound.length} 个群。`)
      return 0
    }
    if (!roomId) throw new UsageError(`rooms ${action} needs a room id (see: rooms), or --expected`)
    if (action === 'unbind') {
      const removed = unbindRoom(db, roomId)
      if (!removed) {
        print(io.stderr, `room ${roomId} is not bound`)
        return 1
      }
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
    }
    const room = getRoom(db, roomId)
    if (!room) {
      print(
        io.stderr,
        `the bot has not seen a room ${roomId}; run rooms to list the rooms it has seen`,
      )
      return 1
    }
    const row = requested(roster, room, values, by.actorId, at)
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
  } finally {
    closeDb(db)
  }
}
