import type { Wechaty } from 'wechaty'
import type { Db } from '../db/client.js'
import { listBindings, refreshRooms, updateBinding } from '../db/bindings.js'
import type { Roster } from '../src/roster/roster.js'
import type { Logger } from '../src/logger.js'

/**
 * At login, finds each bound room again: by its id when that still works (noting a new topic if
 * it was renamed), else by its topic (noting its new id, as some protocols change ids per login).
 */
export async function reResolveBindings(
  bot: Wechaty,
  db: Db,
  roster: Roster,
  log: Logger,
): Promise<void> {
  for (const binding of listBindings(db)) {
    try {
      // Some puppets throw for an id they no longer know rather than finding nothing.
      const byId = await bot.Room.find({ id: binding.roomId }).catch(() => undefined)
      const room = byId ?? (await bot.Room.find({ topic: binding.topic }))
      if (!room) {
        log.warn(
          { room: binding.topic, roomId: binding.roomId },
          'bound room not found at login; is the bot still in it?',
        )
        continue
      }
      const topic = await room.topic()
      if (room.id !== binding.roomId || topic !== binding.topic) {
        updateBinding(db, binding.roomId, { roomId: room.id, topic })
        log.info({ room: topic, roomId: room.id, was: binding }, 'bound room re-resolved at login')
      }
    } catch (error) {
      log.warn({ err: error, room: binding.topic }, 'could not re-resolve a bound room at login')
    }
  }
  refreshRooms(db, roster)
}
