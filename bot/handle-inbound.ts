import { isBusy } from '../db/busy.js'
import { storeMessage } from '../db/messages.js'
import type { Inbound } from '../src/inbound.js'
import { parseMessage } from '../src/parse/parse-message.js'
import type { ParseResult } from '../src/parse/types.js'
import { rolesOf } from '../src/roles/roles.js'
import type { BoundRoom } from '../src/roster/roster.js'
import { localDay } from '../src/time/zoned.js'
import type { BotDeps, MessageContext, SaveMedia } from './context.js'
import { routeMessage } from './route-message.js'

export type InboundOutcome = 'stale' | 'duplicate' | 'handled'

/** Admins are known by WeChat id or account handle, never by a nickname anyone can copy. */
function isAdmin(deps: BotDeps, inbound: Inbound): boolean {
  const admins = deps.admins
  if (!admins || admins.size === 0) return false
  return (
    admins.has(inbound.senderId) ||
    (inbound.senderHandle !== undefined && admins.has(inbound.senderHandle))
  )
}

/** The unit a message that names none reports for: the room's one unit, if it has one. */
function roomUnitOf(room: BoundRoom | undefined): string | undefined {
  return room?.unit ?? (room?.units?.length === 1 ? room.units[0] : undefined)
}

/**
 * The way of every group message: raw store (once, by id or fingerprint) → guards → handlers.
 * A message sent before the bot started is kept raw but not acted on: it is history a protocol
 * replays at login, and answering or counting it now would be late or double. The room's role
 * and units come from its binding, by id, never from its topic.
 * Never throws: a failure is logged with the room and message id (but SQLITE_BUSY, for the intake).
 */
export async function handleInbound(
  deps: BotDeps,
  inbound: Inbound,
  saveMedia?: SaveMedia,
  /** stored: the intake (bot/intake.ts) has stored it already, or is handling it again. */
  options: { stored?: boolean } = {},
): Promise<InboundOutcome> {
  const log = deps.log.child({ room: inbound.roomTopic, roomId: inbound.roomId, msgId: inbound.id })
  try {
    if (!options.stored && !storeMessage(deps.db, inbound, deps.now())) {
      log.debug('ignored: already stored')
      return 'duplicate'
    }
  } catch (error) {
    log.error({ err: error }, 'could not store the message; it is not handled')
    return 'handled'
  }
  if (inbound.sentAt < deps.startedAt) {
    log.debug('stored, not acted on: sent before the bot started (a replay)')
    return 'stale'
  }
  try {
    await routeMessage(messageContext(deps, inbound, log, saveMedia, Boolean(options.stored)))
  } catch (error) {
    // A locked store: the intake handles the message again (its writes are idempotent).
    if (isBusy(error)) throw error
    log.error({ err: error, text: inbound.text.slice(0, 200) }, 'handling the message failed')
  }
  return 'handled'
}

/** What the handlers know of a stored message: its room in force, the sender's roles, its day. */
function messageContext(
  deps: BotDeps,
  inbound: Inbound,
  log: BotDeps['log'],
  saveMedia: SaveMedia | undefined,
  mayRepeat: boolean,
): MessageContext {
  const room = deps.rooms.of(inbound)
  let rooms: BoundRoom[] | undefined
  let parsed: ParseResult | undefined
  let replies = 0
  return {
    deps,
    inbound,
    room,
    rooms: () => (rooms ??= deps.rooms.all()),
    parse: () =>
      (parsed ??= parseMessage(inbound.text, deps.roster, { roomUnit: roomUnitOf(room) })),
    roles: rolesOf(room?.role, isAdmin(deps, inbound)),
    day: localDay(inbound.sentAt, deps.roster.timezone),
    log,
    saveMedia,
    mayRepeat,
    reply: async (text) => {
      // Replaying history answers nobody.
      if (deps.replay) return
      await deps.send([
        {
          key: `reply-${inbound.id}-${replies++}`,
          roomId: inbound.roomId,
          roomTopic: inbound.roomTopic,
          text,
          mentionIds: [inbound.senderId],
          dueAt: inbound.sentAt,
        },
      ])
    },
  }
}
