import { storeMessage } from '../db/messages.js'
import type { Inbound } from '../src/inbound.js'
import { rolesOf } from '../src/roles/roles.js'
import { roomByTopic } from '../src/roster/queries.js'
import { localDay } from '../src/time/zoned.js'
import { routeMessage } from './route-message.js'
import type { BotDeps, MessageContext, SaveMedia } from './context.js'

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
 * replays at login, and answering or counting it now would be late or double.
 * Never throws: a failure is logged with the room and message id.
 */
export async function handleInbound(
  deps: BotDeps,
  inbound: Inbound,
  saveMedia?: SaveMedia,
): Promise<InboundOutcome> {
  const log = deps.log.child({ room: inbound.roomTopic, roomId: inbound.roomId, msgId: inbound.id })
  try {
    if (!storeMessage(deps.db, inbound, deps.now())) {
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
  let replies = 0
  const room = roomByTopic(deps.roster, inbound.roomTopic)
  const ctx: MessageContext = {
    deps,
    inbound,
    room,
    roles: rolesOf(room?.role, isAdmin(deps, inbound)),
    day: localDay(inbound.sentAt, deps.roster.timezone),
    log,
    saveMedia,
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
  try {
    await routeMessage(ctx)
  } catch (error) {
    log.error({ err: error, text: inbound.text.slice(0, 200) }, 'handling the message failed')
  }
  return 'handled'
}
