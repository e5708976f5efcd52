import type { OutboxItem } from '../../jobs/outbox.js'
import type { BotDeps } from '../context.js'

export type AlertDeps = Pick<BotDeps, 'send' | 'rooms' | 'log'>

/**
 * Tells every command room in force something an operator or commander must know (a
 * look-alike, a rename, a room lost). Alerts go before broadcasts and never count to the daily
 * cap; `key` makes each alert once. With no command room bound, the log is the only channel.
 */
export async function alertCommandRooms(deps: AlertDeps, key: string, text: string): Promise<void> {
  const commandRooms = deps.rooms.all().filter((r) => r.role === 'command')
  if (commandRooms.length === 0) {
    deps.log.warn({ alert: key, text }, 'no command room is bound to tell')
    return
  }
  const items: OutboxItem[] = commandRooms.map((room) => ({
    key: `${key}-${room.id}`,
    roomId: room.id,
    roomTopic: room.topic,
    text,
    lane: 'alert',
  }))
  await deps.send(items)
}
