import Table from 'cli-table3'
import type { SeenRoom } from '../../db/rooms.js'
import { ownerName } from '../../src/roster/refind-rooms.js'
import type { EntryReport, RoomReport } from '../../src/roster/room-report.js'
import type { RoomBinding } from '../../src/roster/roster.js'
import { roomLabel } from '../room-label.js'

const stateWords: Record<EntryReport['state'], string> = {
  bound: '已绑定',
  waiting: '待确认',
  ambiguous: '有同名群',
  'not-seen': '未见到',
}

/** cli-table3's style for the tables: plain in a pipe, coloured on a terminal. */
type TableStyle = NonNullable<ConstructorParameters<typeof Table>[0]>['style']

/**
 * Who is in a room, for telling the real group from one a liaison made with its name: how many
 * people the bot saw there, and who owns it.
 */
function whoIsIn(room: SeenRoom): string {
  const owner = ownerName(room)
  return `${room.memberIds.length} 人${owner ? `，群主 ${owner}` : ''}`
}

/**
 * `rooms`: every roster room against the rooms the bot has seen, what needs the operator first,
 * the rooms the roster does not name, and the command that confirms the waiting ones.
 */
export function roomsReportText(
  report: RoomReport<SeenRoom>,
  at: number,
  style: TableStyle,
): string {
  const out: string[] = []
  const plain = { ...style, compact: true }
  const counts = Object.fromEntries(
    Object.keys(stateWords).map((s) => [s, report.entries.filter((e) => e.state === s).length]),
  )
  out.push(
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
  out.push(table.toString())
  if (report.unlisted.length > 0) {
    out.push(`名册之外的群 ${report.unlisted.length} 个：`)
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
    out.push(others.toString())
  }
  if (counts.waiting! > 0)
    out.push(
      `核对无误后，运行 rooms bind --expected --seen-before ${at} 一次确认这 ${counts.waiting} 个待确认的群` +
        '（此后才出现的群不会被一并确认）。',
    )
  if (counts.ambiguous! > 0) out.push('有同名群的，请按群 ID 绑定：rooms bind 群ID')
  return out.join('\n')
}

/** What a binding made at the server is, as `rooms bind` says it. */
export const roomsWords = {
  bound: (topic: string, roomId: string, as?: Pick<RoomBinding, 'role' | 'unit' | 'units'>) =>
    `已绑定：${topic}（${roomId}）${as ? `为 ${roomLabel(as)}` : ''}`,
  confirmed: (n: number) => `共确认 ${n} 个群。`,
  released: (entry: string, roomId: string) => `「${entry}」原绑定的群（${roomId}）已解除。`,
  bindings: (n: number) => `现有绑定 ${n} 个。`,
  unbound: (topic: string, roomId: string) => `已解除绑定：${topic}（${roomId}）`,
}
