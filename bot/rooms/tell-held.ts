import type { OutboxRow } from '../../db/outbox.js'
import { roomLabel } from '../../templates/room-label.js'
import type { BotDeps } from '../context.js'
import { alertCommandRooms } from './alert-command-rooms.js'

/**
 * Messages for a room WeChat cannot find are held, never sent to a room of the same name: the
 * command rooms (and the log, through the outbox) are told once a day which room it is.
 */
export async function tellHeld(
  deps: Pick<BotDeps, 'rooms' | 'send' | 'log' | 'templates'>,
  row: OutboxRow,
): Promise<void> {
  const room = deps.rooms.all().find((r) => r.id === row.roomId)
  await alertCommandRooms(
    deps,
    `alert-held-${row.day}-${row.roomId ?? row.roomTopic}`,
    deps.templates.render('alert-room-held', {
      topic: room?.topic ?? row.roomTopic,
      meant: room ? roomLabel(room) : '未绑定的群',
    }),
  )
}
