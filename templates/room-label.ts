import { hasStations } from '../src/roster/queries.js'
import type { RoomBinding, RoomRole, Roster } from '../src/roster/roster.js'

const roleLabels: Record<RoomRole, string> = {
  liaison: '联络群',
  command: '指挥部群',
  inspection: '督导组群',
}

/**
 * What a room is, as people say it: 龙城派出所 联络群, 联络群（昆阳派出所、晋城派出所）, 指挥部群.
 * @example roomLabel({ topic: '红袖标指挥部', role: 'command' }) // '指挥部群'
 */
export function roomLabel(room: Pick<RoomBinding, 'role' | 'unit' | 'units'>): string {
  const label = roleLabels[room.role]
  if (room.unit) return `${room.unit} ${label}`
  if (room.units && room.units.length > 0) return `${label}（${room.units.join('、')}）`
  return label
}

/**
 * The units a liaison room may report for, as people say it: 呈贡分局及其下属单位,
 * 昆阳派出所、晋城派出所, 没有单独联络群的单位.
 */
export function scopeLabel(roster: Roster, room: Pick<RoomBinding, 'unit' | 'units'>): string {
  const named = room.unit ? [room.unit] : (room.units ?? [])
  if (named.length === 0) return '没有单独联络群的单位'
  const hasChildren = named.some((u) => hasStations(roster, u))
  return `${named.join('、')}${hasChildren ? '及其下属单位' : ''}`
}
