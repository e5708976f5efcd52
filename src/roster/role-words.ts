import type { RoomRole } from './roster.js'

/** The words people write for a room's role (#绑定 指挥, a roster sheet's 角色 column). */
export const roleWords: Readonly<Record<string, RoomRole>> = {
  指挥: 'command',
  指挥部: 'command',
  指挥群: 'command',
  督导: 'inspection',
  督导组: 'inspection',
  督导群: 'inspection',
  联络: 'liaison',
  联络群: 'liaison',
}

/** The word a roster sheet writes for each role; roleWords reads it back. */
export const roleWord: Readonly<Record<RoomRole, string>> = {
  command: '指挥',
  inspection: '督导',
  liaison: '联络',
}
