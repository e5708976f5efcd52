import type { RoomRole } from '../roster/roster.js'

/** Who a person is, from where they speak: the room's role, plus admins listed in config. */
export type Role = 'liaison' | 'commander' | 'inspector' | 'admin'

const roleOfRoom: Record<RoomRole, Role> = {
  liaison: 'liaison',
  command: 'commander',
  inspection: 'inspector',
}

/** The roles a speaker holds in a room. */
export function rolesOf(roomRole: RoomRole | undefined, isAdmin: boolean): Set<Role> {
  const roles = new Set<Role>()
  if (roomRole) roles.add(roleOfRoom[roomRole])
  if (isAdmin) roles.add('admin')
  return roles
}

export const roleNames: Record<Role, string> = {
  liaison: '联络员',
  commander: '指挥部',
  inspector: '督导组',
  admin: '管理员',
}
