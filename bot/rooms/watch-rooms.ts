import type { Contact, Room, Wechaty } from 'wechaty'
import { retryBusy } from '../../db/busy.js'
import { noteRoom } from '../../db/rooms.js'
import type { Inbound } from '../../src/inbound.js'
import type { SaveMedia } from '../context.js'
import { isLoggedIn } from '../wechaty/logged-in.js'
import { listRooms, sightingOf } from './list-rooms.js'
import { noticeUnboundRoom } from './notice-unbound.js'
import type { RoomGateControl } from './room-gate.js'
import { noteRename, syncRooms, type SyncRoomsDeps } from './sync-rooms.js'

/**
 * How long after a login the room list is taken as complete when the protocol never says it is
 * ('ready'): wechat4u lists its contacts over some 20 s after login, so a room missing before
 * then is not yet gone.
 */
export const roomListSettleMs = 120_000

export interface WatchRoomsOptions {
  settleMs?: number
  /** Closed at each login, opened once the rooms are known again. */
  gate: RoomGateControl
  /** Handles again a message that waited at the gate. */
  handleAgain: (inbound: Inbound, saveMedia?: SaveMedia) => Promise<void>
}

/**
 * Keeps the store's view of rooms true to WeChat: at login (and once the protocol has listed
 * every room) bound rooms are found again and the gate opens; a rename keeps a binding and is
 * reported; a room the bot is invited into that looks like a room in force is refused. Returns
 * the uninstaller.
 */
export function watchRooms(
  bot: Wechaty,
  deps: SyncRoomsDeps,
  options: WatchRoomsOptions,
): () => void {
  const { log } = deps
  const { gate } = options
  let settleTimer: ReturnType<typeof setTimeout> | undefined
  let login = 0
  let settledLogin = -1
  /** One pass at a time: two would work from the same bindings and move or report twice. */
  let passes: Promise<void> = Promise.resolve()
  const sync = (settled: boolean) => {
    passes = passes.then(async () => {
      try {
        const sightings = await listRooms(bot, (room, error) =>
          log.warn({ err: error, roomId: room.id }, 'could not read a room at login'),
        )
        // Each pass starts again from the store, so a locked store is simply tried again.
        await retryBusy(() => syncRooms(deps, sightings, settled), {
          log,
          what: 'sync the rooms',
          tries: 8,
          maxMs: 2000,
        })
      } catch (error) {
        log.error(
          { err: error },
          'could not sync the rooms after login; bindings stay as they were',
        )
      }
    })
    return passes
  }
  const settle = () => {
    clearTimeout(settleTimer)
    if (settledLogin === login) return
    const settling = (settledLogin = login)
    void sync(true).then(() => {
      // A newer login closed the gate meanwhile: its own pass opens it.
      if (settling !== login) return
      // Open even when the pass failed: waiting messages must not wait for ever.
      gate
        .open(options.handleAgain)
        .catch((error: unknown) =>
          log.error({ err: error }, 'could not handle the messages that waited for the rooms'),
        )
    })
  }
  const onLogin = () => {
    login++
    gate.close()
    void sync(false)
    clearTimeout(settleTimer)
    settleTimer = setTimeout(settle, options.settleMs ?? roomListSettleMs)
    settleTimer.unref?.()
  }
  const onTopic = async (room: Room, topic: string) => {
    try {
      const at = deps.now()
      noteRoom(deps.db, { id: room.id, topic }, at)
      const bound = deps.rooms.all().find((r) => r.id === room.id)
      if (bound) await noteRename(deps, bound, topic, at)
      else await noticeUnboundRoom(deps, { id: room.id, topic })
    } catch (error) {
      log.error({ err: error, roomId: room.id, room: topic }, 'could not note a room’s new topic')
    }
  }
  const onJoin = async (room: Room, invitees: Contact[], inviter: Contact) => {
    const selfId = isLoggedIn(bot) ? bot.currentUser.id : undefined
    if (!invitees.some((c) => c.id === selfId)) return
    try {
      const sighting = await sightingOf(room, selfId)
      noteRoom(deps.db, sighting, deps.now())
      log.info({ roomId: room.id, room: sighting.topic, by: inviter.id }, 'invited into a room')
      if (!deps.rooms.all().some((r) => r.id === room.id))
        await noticeUnboundRoom(deps, sighting, { invitedBy: inviter.name() })
    } catch (error) {
      log.error({ err: error, roomId: room.id }, 'could not note a room the bot was invited into')
    }
  }
  const onTopicEvent = (room: Room, topic: string) => void onTopic(room, topic)
  const onJoinEvent = (room: Room, invitees: Contact[], inviter: Contact) =>
    void onJoin(room, invitees, inviter)
  bot.on('login', onLogin)
  bot.on('ready', settle)
  bot.on('room-topic', onTopicEvent)
  bot.on('room-join', onJoinEvent)
  // Installed on a bot logged in a while: its rooms are listed already.
  if (isLoggedIn(bot)) {
    onLogin()
    settle()
  }
  return () => {
    clearTimeout(settleTimer)
    bot.off('login', onLogin)
    bot.off('ready', settle)
    bot.off('room-topic', onTopicEvent)
    bot.off('room-join', onJoinEvent)
  }
}
