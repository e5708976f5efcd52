import { roomRef, type OutboxRow } from '../../db/outbox.js'
import type { Alerter } from '../../jobs/alert-webhooks.js'
import { roomLabel } from '../../templates/room-label.js'
import type { BotDeps } from '../context.js'
import { alertCommandRooms } from './alert-command-rooms.js'

/**
 * Messages for a room WeChat cannot find are held, never sent to a room of the same name: the
 * command rooms (and the log, through the outbox) are told once a day which room it is. A
 * command room that cannot be reached cannot be told so itself: the webhooks are.
 */
export async function tellHeld(
  deps: Pick<BotDeps, 'rooms' | 'send' | 'log' | 'templates'>,
  row: OutboxRow,
  alerter?: Alerter,
): Promise<void> {
  const room = deps.rooms.all().find((r) => r.id === row.roomId)
  const text = deps.templates.render('alert-room-held', {
    topic: room?.topic ?? row.roomTopic,
    meant: room ? roomLabel(room) : '未绑定的群',
  })
  const id = roomRef(row)
  await Promise.all([
    room?.role === 'command' ? alerter?.raise(`command-room-held-${id}`, text) : undefined,
    alertCommandRooms(deps, `alert-held-${row.day}-${id}`, text),
  ])
}

/**
 * A room whose messages were held took one again (found again, maybe under a new id): the
 * webhooks, told when a command room was held, hear that it clears. `heldAs`: the room's
 * roomRef when it was held, which the alert was raised under.
 */
export async function tellReached(
  deps: Pick<BotDeps, 'rooms' | 'templates'>,
  row: OutboxRow,
  heldAs: string,
  alerter?: Alerter,
): Promise<void> {
  if (!alerter) return
  const room = deps.rooms.all().find((r) => r.id === row.roomId)
  const text = deps.templates.render('alert-room-reached', {
    topic: room?.topic ?? row.roomTopic,
    meant: room ? roomLabel(room) : '未绑定的群',
  })
  // Nothing is told unless the alert was raised: only a command room's is.
  await alerter.recover(`command-room-held-${heldAs}`, text)
}
