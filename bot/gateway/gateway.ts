import { setTimeout as sleep } from 'node:timers/promises'
import type { Contact, Message, Room, Wechaty } from 'wechaty'
import {
  goesInBatch,
  startGatewayLink,
  type GatewayLink,
  type GatewayLinkSettings,
} from '../../jobs/accounts/gateway-link.js'
import type { GatewayEvent } from '../../jobs/accounts/protocol.js'
import type { Logger } from '../../src/logger.js'
import { sightingOf } from '../rooms/list-rooms.js'
import { isLoggedIn } from '../wechaty/logged-in.js'
import { toInbound } from '../wechaty/to-inbound.js'
import { carryMedia } from './carry-media.js'
import { roomPublisher } from './publish-rooms.js'
import { sayJob } from './say-job.js'
import { isThrottle } from './throttle.js'

export interface GatewaySettings extends GatewayLinkSettings {
  /** A photo over this size is forwarded without its bytes. */
  mediaLimitBytes: number
  /** Quiet time before the rooms are listed again after a change; default 2 s. */
  roomsDebounceMs?: number
}

export interface GatewayOptions {
  bot: Wechaty
  account: string
  /** A redis:// URL. */
  connection: string
  prefix: string
  log: Logger
  settings: GatewaySettings
  now?: () => number
}

export interface Gateway {
  readonly link: GatewayLink
  /** Stops listening, forwards what was in hand, lets the send in hand finish, says goodbye. */
  close(): Promise<void>
}

/**
 * One WeChat account as a gateway of the core: every group message (a photo with its bytes),
 * rename and invitation goes to the inbound queue, the account's rooms and state to its keys,
 * and the core's send jobs come out of its send queue into WeChat. No store: the core has it.
 * @example const gateway = startGateway({ bot, account: 'a1', connection: redisUrl, prefix: 'redband', log, settings })
 */
export function startGateway(options: GatewayOptions): Gateway {
  const { bot, account, settings } = options
  const now = options.now ?? Date.now
  const log = options.log.child({ account })
  let loggedInSince: number | null = isLoggedIn(bot) ? now() : null
  const link = startGatewayLink({
    account,
    connection: options.connection,
    prefix: options.prefix,
    log: options.log,
    now,
    settings,
    say: (job) => sayJob(bot, job),
    isThrottle,
    state: () => ({
      name: isLoggedIn(bot) ? bot.currentUser.name() : null,
      loggedInSince,
    }),
  })
  const rooms = roomPublisher(bot, link, log, settings.roomsDebounceMs ?? 2000)
  /**
   * Read one after another and handed to the link in the order WeChat gave them, so the core
   * takes them in that order. A text's add is not waited for, so a burst goes as one job; a
   * photo's is, so that while Redis is away photos are not read into memory one after another.
   */
  let forwarding: Promise<void> = Promise.resolve()

  function forward(what: string, event: () => Promise<GatewayEvent | undefined>): void {
    const failed = (error: unknown) =>
      log.error({ err: error }, `could not forward a ${what} to the core`)
    forwarding = forwarding.then(async () => {
      try {
        const ready = await event()
        if (!ready) return
        const added = link.forward(ready)
        if (goesInBatch(ready)) added.catch(failed)
        else await added
      } catch (error) {
        failed(error)
      }
    })
  }

  const onMessage = (msg: Message) => {
    if (msg.self()) return
    forward('message', async () => {
      const inbound = await toInbound(msg)
      if (!inbound) return undefined
      const media =
        inbound.type === 'image' ? await carryMedia(msg, settings.mediaLimitBytes, log) : undefined
      return { kind: 'message', account, inbound, ...(media ? { media } : {}) }
    })
  }
  const onTopic = (room: Room, topic: string) => {
    forward('rename', async () => ({ kind: 'topic', account, roomId: room.id, topic }))
    rooms.soon()
  }
  const onJoin = (room: Room, invitees: Contact[], inviter: Contact) => {
    rooms.soon()
    const selfId = isLoggedIn(bot) ? bot.currentUser.id : undefined
    if (!invitees.some((c) => c.id === selfId)) return
    forward('join', async () => ({
      kind: 'join',
      account,
      room: await sightingOf(room, selfId),
      // The name, as the notice of an unbound room tells who invited the bot.
      invitedBy: inviter.name(),
    }))
  }
  const onLogin = () => {
    loggedInSince = now()
    void link.beat()
    rooms.soon()
  }
  const onLogout = () => {
    loggedInSince = null
    void link.beat()
  }
  const onRoomsChanged = () => rooms.soon()
  bot.on('message', onMessage)
  bot.on('room-topic', onTopic)
  bot.on('room-join', onJoin)
  bot.on('room-leave', onRoomsChanged)
  bot.on('ready', onRoomsChanged)
  bot.on('login', onLogin)
  bot.on('logout', onLogout)
  // Started on a bot logged in a while: its rooms are known already.
  if (isLoggedIn(bot)) rooms.soon()

  return {
    link,
    async close() {
      bot.off('message', onMessage)
      bot.off('room-topic', onTopic)
      bot.off('room-join', onJoin)
      bot.off('room-leave', onRoomsChanged)
      bot.off('ready', onRoomsChanged)
      bot.off('login', onLogin)
      bot.off('logout', onLogout)
      rooms.stop()
      // What was seen before the stop still goes, unless Redis is away for longer than that.
      await Promise.race([
        forwarding,
        sleep(settings.closeTimeoutMs ?? 10_000, undefined, { ref: false }),
      ])
      await link.close()
    },
  }
}
