import { markNoticed, noteRoom } from '../../db/rooms.js'
import { roomStanding } from '../../src/roster/room-standing.js'
import { roomLabel } from '../../templates/room-label.js'
import type { BotDeps } from '../context.js'
import { alertCommandRooms } from './alert-command-rooms.js'

export type NoticeDeps = Pick<
  BotDeps,
  'db' | 'roster' | 'templates' | 'log' | 'send' | 'rooms' | 'now'
>

/** Who brought the room to the bot's notice: the person who spoke in it, or who invited the bot. */
export interface NoticeCause {
  spoke?: string
  invitedBy?: string
}

/**
 * A room no admin confirmed has spoken, been joined or renamed. Named like a roster room no one
 * claimed, it is told once that it waits for an admin; named like a room in force, it is refused
 * once and the command rooms and the log are told (also when it was told it waits before, and
 * a room was bound since). Any other room is only listened to.
 */
export async function noticeUnboundRoom(
  deps: NoticeDeps,
  room: { id: string; topic: string },
  cause: NoticeCause = {},
): Promise<void> {
  const standing = roomStanding(room, deps.roster.rooms, deps.rooms.all())
  if (standing.kind === 'unrelated') return
  const at = deps.now()
  noteRoom(deps.db, room, at)
  if (!markNoticed(deps.db, room.id, standing.kind, at)) return
  const log = deps.log.child({ room: room.topic, roomId: room.id })
  // To the room itself, as an answer to what brought it here.
  const tell = (text: string) =>
    deps.send([
      {
        key: `notice-${standing.kind}-${room.id}`,
        roomId: room.id,
        roomTopic: room.topic,
        text,
        lane: 'reply',
      },
    ])
  if (standing.kind === 'waiting') {
    log.info(
      { entry: standing.entry.topic },
      'room named like a roster room waits for an admin to confirm it (#绑定)',
    )
    await tell(
      deps.templates.render('room-waiting', {
        topic: standing.entry.topic,
        meant: roomLabel(standing.entry),
      }),
    )
    return
  }
  log.warn(
    { twin: standing.of.id, twinTopic: standing.of.topic, ...cause },
    'look-alike room: named like a room in force; it gains nothing',
  )
  await tell(deps.templates.render('room-unauthorised', { topic: room.topic }))
  await alertCommandRooms(
    deps,
    `alert-look-alike-${room.id}`,
    deps.templates.render('alert-look-alike', {
      topic: room.topic,
      roomId: room.id,
      spoke: cause.spoke ?? '',
      invitedBy: cause.invitedBy ?? '',
    }),
  )
}
