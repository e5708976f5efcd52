import type { Contact, Room, Wechaty } from 'wechaty'
import { audit } from '../../db/audit.js'
import { renameBinding } from '../../db/bindings.js'
import { noteRoom } from '../../db/rooms.js'
import { roomLabel } from '../../templates/room-label.js'
import { isLoggedIn } from '../wechaty/logged-in.js'
import { alertCommandRooms } from './alert-command-rooms.js'
import { listRooms, sightingOf } from './list-rooms.js'
import { noticeUnboundRoom } from './notice-unbound.js'
import { syncRooms, type SyncRoomsDeps } from './sync-rooms.js'

/**
 * How long after a login the room list is taken as complete when the protocol never says it is
 * ('ready'): wechat4u lists its contacts over some 20 s after login, so a room missing before
 * then is not yet gone.
 */
export const roomListSettleMs = 120_000

/**
 * Keeps the store's view of rooms true to WeChat: at login (and once the protocol has listed
 * every room) bound rooms are found again; a rename keeps a binding and is reported; a room the
 * bot is invited into that looks like a room in force is refused. Returns the uninstaller.
 */
export function watchRooms(
  bot: Wechaty,
  deps: SyncRoomsDeps,
  settleMs = roomListSettleMs,
): () => void {
  const log = deps.log
  let settleTimer: ReturnType<typeof setTimeout> | undefined
  let settledThisLogin = false
  const sync = async (settled: boolean) => {
    try {
      const sightings = await listRooms(bot, (room, error) =>
        log.warn({ err: error, roomId: room.id }, 'could not read a room at login'),
      )
      await syncRooms(deps, sightings, settled)
    } catch (error) {
      log.error({ err: error }, 'could not list the rooms at login; bindings stay as they were')
    }
  }
  const settle = () => {
    clearTimeout(settleTimer)
    if (settledThisLogin) return
    settledThisLogin = true
    void sync(true)
  }
  const onLogin = () => {
    settledThisLogin = false
    void sync(false)
    settleTimer = setTimeout(settle, settleMs)
    settleTimer.unref?.()
  }
  const onTopic = async (room: Room, topic: string, oldTopic: string) => {
    try {
      const at = deps.now()
      noteRoom(deps.db, { id: room.id, topic }, at)
      const bound = deps.rooms.all().find((r) => r.id === room.id)
      if (!bound) {
        await noticeUnboundRoom(deps, { id: room.id, topic })
        return
      }
      // Protocols may tell a rename twice; the binding knows whether it is news.
      if (bound.topic === topic) return
      renameBinding(deps.db, room.id, topic)
      audit(deps.db, {
        at,
        actorId: 'redband',
        actorName: '红袖标助手',
        roomTopic: topic,
        action: 'rename',
        target: room.id,
        before: { topic: oldTopic },
        after: { topic },
      })
      log.info(
        { roomId: room.id, room: topic, was: oldTopic },
        'bound room renamed; its binding stays',
      )
      await alertCommandRooms(
        deps,
        `alert-renamed-${room.id}-${at}`,
        deps.templates.render('alert-renamed', { was: oldTopic, topic, meant: roomLabel(bound) }),
      )
    } catch (error) {
      log.error({ err: error, roomId: room.id, room: topic }, 'could not note a room’s new topic')
    }
  }
  const onJoin = async (room: Room, invitees: Contact[], inviter: Contact) => {
    const selfId = bot.isLoggedIn ? bot.currentUser.id : undefined
    if (!invitees.some((c) => c.id === selfId)) return
    try {
      const sighting = await sightingOf(room, selfId)
      noteRoom(deps.db, sighting, deps.now())
      log.info({ roomId: room.id, room: sighting.topic, by: inviter.id }, 'invited into a room')
      if (!deps.rooms.all().some((r) => r.id === room.id))
        await noticeUnboundRoom(deps, sighting, inviter.name())
    } catch (error) {
      log.error({ err: error, roomId: room.id }, 'could not note a room the bot was invited into')
    }
  }
  const onTopicEvent = (room: Room, topic: string, oldTopic: string) =>
    void onTopic(room, topic, oldTopic)
  const onJoinEvent = (room: Room, invitees: Contact[], inviter: Contact) =>
    void onJoin(room, invitees, inviter)
  bot.on('login', onLogin)
  bot.on('ready', settle)
  bot.on('room-topic', onTopicEvent)
  bot.on('room-join', onJoinEvent)
  if (isLoggedIn(bot)) onLogin()
  return () => {
    clearTimeout(settleTimer)
    bot.off('login', onLogin)
    bot.off('ready', settle)
    bot.off('room-topic', onTopicEvent)
    bot.off('room-join', onJoinEvent)
  }
}
