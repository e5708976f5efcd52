import { isBusy } from '../db/busy.js'
import { markHandled, storeMessage } from '../db/messages.js'
import type { Inbound } from '../src/inbound.js'
import { parseMessage } from '../src/parse/parse-message.js'
import type { ParseResult } from '../src/parse/types.js'
import { rolesOf, type Role } from '../src/roles/roles.js'
import { singleUnitOf } from '../src/roster/room-units.js'
import type { BoundRoom } from '../src/roster/roster.js'
import { localDay, type Day } from '../src/time/zoned.js'
import type { Logger } from '../src/logger.js'
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
  // Stored and handled in one transaction (an ingest, a group commit): one commits only with
  // the other, so the row is written as handled, one write less than marking it afterwards.
  const markedWithRow = !options.stored && (Boolean(deps.replay) || deps.db.$client.inTransaction)
  try {
    if (
      !options.stored &&
      !storeMessage(deps.db, inbound, deps.now(), { handled: markedWithRow })
    ) {
      messageLog(deps, inbound).debug('ignored: already stored')
      return 'duplicate'
    }
  } catch (error) {
    messageLog(deps, inbound).error(
      { err: error },
      'could not store the message; it is not handled',
    )
    return 'handled'
  }
  if (inbound.sentAt < deps.startedAt) {
    messageLog(deps, inbound).debug('stored, not acted on: sent before the bot started (a replay)')
    if (!markedWithRow) markHandled(deps.db, inbound.id, deps.now())
    return 'stale'
  }
  let ctx: ReturnType<typeof messageContext>
  try {
    ctx = messageContext(deps, inbound, saveMedia, Boolean(options.stored))
  } catch (error) {
    // Its handling never began: a restart is to take it again (recover), as if never marked.
    if (markedWithRow) markHandled(deps.db, inbound.id, null)
    throw error
  }
  try {
    await routeMessage(ctx)
  } catch (error) {
    // A locked store: the intake handles the message again (its writes are idempotent).
    if (isBusy(error)) throw error
    ctx.log.error({ err: error, text: inbound.text.slice(0, 200) }, 'handling the message failed')
  }
  // Put aside until the rooms are known (after a login), it is handled again then.
  if (ctx.deferred) {
    if (markedWithRow) markHandled(deps.db, inbound.id, null)
  } else if (!markedWithRow) markHandled(deps.db, inbound.id, deps.now())
  deps.onHandled?.(inbound)
  return 'handled'
}

/**
 * What the handlers know of a stored message: its room in force, the sender's roles, its day.
 * A class, not an object of closures: an ingest makes one per message, and its methods and
 * lazily read fields (parse, rooms, the log's child) then cost nothing until a handler asks.
 */
class StoredMessageContext implements MessageContext {
  readonly room: BoundRoom | undefined
  readonly roles: ReadonlySet<Role>
  readonly day: Day
  deferred = false
  #rooms: readonly BoundRoom[] | undefined
  #parsed: ParseResult | undefined
  #log: Logger | undefined
  #replies = 0

  constructor(
    readonly deps: BotDeps,
    readonly inbound: Inbound,
    readonly saveMedia: SaveMedia | undefined,
    readonly mayRepeat: boolean,
  ) {
    this.room = deps.rooms.of(inbound)
    this.roles = rolesOf(this.room?.role, isAdmin(deps, inbound))
    this.day = localDay(inbound.sentAt, deps.roster.timezone)
  }

  /** The room and message on every line; made when a line is first written (most are not). */
  get log(): Logger {
    return (this.#log ??= messageLog(this.deps, this.inbound))
  }

  rooms(): readonly BoundRoom[] {
    return (this.#rooms ??= this.deps.rooms.all())
  }

  parse(): ParseResult {
    return (this.#parsed ??= parseMessage(this.inbound.text, this.deps.roster, {
      roomUnit: singleUnitOf(this.room),
    }))
  }

  deferUntilRoomsKnown(): boolean {
    const gate = this.deps.roomGate
    if (!gate || gate.isOpen()) return false
    gate.defer(this.inbound, this.saveMedia)
    return (this.deferred = true)
  }

  async reply(text: string): Promise<void> {
    // Replaying history answers nobody.
    if (this.deps.replay) return
    const { inbound } = this
    await this.deps.send([
      {
        key: `reply-${inbound.id}-${this.#replies++}`,
        roomId: inbound.roomId,
        roomTopic: inbound.roomTopic,
        text,
        mentionIds: [inbound.senderId],
        dueAt: inbound.sentAt,
      },
    ])
  }
}

/** The room and message id on every line about a message. */
export function messageLog(deps: BotDeps, inbound: Inbound): Logger {
  return deps.log.child({ room: inbound.roomTopic, roomId: inbound.roomId, msgId: inbound.id })
}

/** What the handlers know of a stored message (see StoredMessageContext), and whether they put it aside. */
export function messageContext(
  deps: BotDeps,
  inbound: Inbound,
  saveMedia: SaveMedia | undefined,
  mayRepeat: boolean,
): MessageContext & { readonly deferred: boolean } {
  return new StoredMessageContext(deps, inbound, saveMedia, mayRepeat)
}
