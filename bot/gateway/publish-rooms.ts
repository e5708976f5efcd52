import type { Wechaty } from 'wechaty'
import type { GatewayLink } from '../../jobs/accounts/gateway-link.js'
import type { Logger } from '../../src/logger.js'
import { listRooms } from '../rooms/list-rooms.js'
import { isLoggedIn } from '../wechaty/logged-in.js'

export interface RoomPublisher {
  /** The rooms may have changed: list and publish them once things are quiet for a moment. */
  soon(): void
  stop(): void
}

/**
 * Publishes the account's rooms with their members, debounced and one listing at a time:
 * listing some 600 rooms with their members takes a puppet many calls, so a burst of joins and
 * renames (or the rooms arriving after a login) makes one listing, not one each.
 */
export function roomPublisher(
  bot: Wechaty,
  link: GatewayLink,
  log: Logger,
  debounceMs: number,
): RoomPublisher {
  let timer: ReturnType<typeof setTimeout> | undefined
  let listing = false
  let again = false
  let stopped = false

  async function publish(): Promise<void> {
    if (stopped || !isLoggedIn(bot)) return
    if (listing) {
      again = true
      return
    }
    listing = true
    try {
      const rooms = await listRooms(bot, (room, error) =>
        log.warn({ err: error, roomId: room.id }, 'could not read a room; left out of the list'),
      )
      if (!stopped) await link.publishRooms(rooms)
    } catch (error) {
      log.error({ err: error }, 'could not publish the rooms; the next change tries again')
    } finally {
      listing = false
      if (again) {
        again = false
        soon()
      }
    }
  }

  function soon(): void {
    clearTimeout(timer)
    timer = setTimeout(() => void publish(), debounceMs)
  }

  return {
    soon,
    stop() {
      stopped = true
      clearTimeout(timer)
    },
  }
}
