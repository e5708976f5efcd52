import { isBusy } from '../db/busy.js'
import { markHandled, storeMessage } from '../db/messages.js'
import type { Inbound } from '../src/inbound.js'
import { parseMessage } from '../src/parse/parse-message.js'
import type { ParseResult } from '../src/parse/types.js'
import { rolesOf } from '../src/roles/roles.js'
import { singleUnitOf } from '../src/roster/room-units.js'
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
  // An ingest handles each message in the transaction that stores it: noted as handled at once.
  const handled = () => {
    if (!deps.replay) markHandled(deps.db, inbound.id, deps.now())
  }
  try {
    if (
      !options.stored &&
      !storeMessage(deps.db, inbound, deps.now(), { handled: Boolean(deps.replay) })
    ) {
      log.debug('ignored: already stored')
      return 'duplicate'
    }
  } catch (error) {
    log.error({ err: error }, 'could not store the message; it is not handled')
    return 'handled'
  }
  if (inbound.sentAt < deps.startedAt) {
    log.debug('stored, not acted on: sent before the bot started (a replay)')
    handled()
    return 'stale'
  }
  const { ctx, deferred } = messageContext(deps, inbound, log, saveMedia, Boolean(options.stored))
  try {
    await routeMessage(ctx)
  } catch (error) {
    // A locked store: the intake handles the message again (its writes are idempotent).
    if (isBusy(error)) throw error
    log.error({ err: error, text: inbound.text.slice(0, 200) }, 'handling the message failed')
  }
  // Put aside until the rooms are known (after a login), it is handled again then.
  if (!deferred()) handled()
  deps.onHandled?.(inbound)
  return 'handled'
}

/** What the handlers know of a stored message: its room in force, the sender's roles, its day. */
export function messageContext(
  deps: BotDeps,
  inbound: Inbound,
  log: BotDeps['log'],
  saveMedia: SaveMedia | undefined,
  mayRepeat: boolean,
): { ctx: MessageContext; deferred: () => boolean } {
  const room = deps.rooms.of(inbound)
  let rooms: BoundRoom[] | undefined
  let parsed: ParseResult | undefined
  let replies = 0
  let deferred = false
  const ctx: MessageContext = {
    deps,
    inbound,
    room,
    rooms: () => (rooms ??= deps.rooms.all()),
    parse: () =>
      (parsed ??= parseMessage(inbound.text, deps.roster, { roomUnit: singleUnitOf(room) })),
    roles: rolesOf(room?.role, isAdmin(deps, inbound)),
    day: localDay(inbound.sentAt, deps.roster.timezone),
    log,
    saveMedia,
    mayRepeat,
    deferUntilRoomsKnown: () => {
      const gate = deps.roomGate
      if (!gate || gate.isOpen()) return false
      gate.defer(inbound, saveMedia)
      return (deferred = true)
    },
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
  return { ctx, deferred: () => deferred }
}
