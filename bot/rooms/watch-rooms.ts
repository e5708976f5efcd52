import type { Contact, Room, Wechaty } from 'wechaty'
import type { Logger } from '../../src/logger.js'
import { isLoggedIn } from '../wechaty/logged-in.js'
import { listRooms, sightingOf } from './list-rooms.js'
import type { RoomEvents } from './room-events.js'

/**
 * How long after a login the room list is taken as complete when the protocol never says it is
 * ('ready'): wechat4u lists its contacts over some 20 s after login, so a room missing before
 * then is not yet gone.
 */
export const roomListSettleMs = 120_000

export interface WatchRoomsOptions {
  log: Logger
  settleMs?: number
}

/** The room events of one Wechaty account (see roomEvents). Returns the uninstaller. */
export function watchRooms(
  bot: Wechaty,
  events: RoomEvents,
  options: WatchRoomsOptions,
): () => void {
  const { log } = options
  const list = () =>
    listRooms(bot, (room, error) =>
      log.warn({ err: error, roomId: room.id }, 'could not read a room at login'),
    )
  let settleTimer: ReturnType<typeof setTimeout> | undefined
  const settle = () => {
    clearTimeout(settleTimer)
    events.settled(list)
  }
  const onLogin = () => {
    events.loggedIn(list)
    clearTimeout(settleTimer)
    settleTimer = setTimeout(settle, options.settleMs ?? roomListSettleMs)
    settleTimer.unref?.()
  }
  const onTopic = (room: Room, topic: string) => void events.renamed({ id: room.id, topic })
  const onJoin = (room: Room, invitees: Contact[], inviter: Contact) => {
    const selfId = isLoggedIn(bot) ? bot.currentUser.id : undefined
    if (!invitees.some((c) => c.id === selfId)) return
    void sightingOf(room, selfId).then(
      (sighting) => events.joined(sighting, inviter.name()),
      (error: unknown) =>
        log.error(
          { err: error, roomId: room.id },
          'could not note a room the bot was invited into',
        ),
    )
  }
  bot.on('login', onLogin)
  bot.on('ready', settle)
  bot.on('room-topic', onTopic)
  bot.on('room-join', onJoin)
  // Installed on a bot logged in a while: its rooms are listed already.
  if (isLoggedIn(bot)) {
    onLogin()
    settle()
  }
  return () => {
    clearTimeout(settleTimer)
    bot.off('login', onLogin)
    bot.off('ready', settle)
    bot.off('room-topic', onTopic)
    bot.off('room-join', onJoin)
  }
}
