import type { RoomSighting } from '../../db/rooms.js'
import type { Inbound } from '../../src/inbound.js'

/**
 * What a gateway (one WeChat account, any machine, no store) and the core (the store, the
 * schedule, the outbox) say to each other over Redis. Both sides import only this file of the
 * other's world: queue names, key names and the shapes of jobs, heartbeats and outcomes.
 *
 * - Inbound: every gateway adds a job to the one `inbound` queue for each group message, room
 *   rename, room join and room list it sees; the core takes them in order.
 * - Outbound: each account has its own `send-<account>` queue; the core routes a message to one
 *   live account that sits in the room and waits for the job's outcome.
 * - Liveness: each gateway sets its heartbeat key (with a TTL) every few seconds and keeps its
 *   room list under its rooms key; a heartbeat that lapses is an account that is gone.
 */

/** The queue every gateway feeds and the core drains. */
export const inboundQueueName = 'inbound'

/** The queue of messages the core routed to one account. */
export function sendQueueName(account: string): string {
  return `send-${account}`
}

/** Redis keys, all under the deployment's prefix (REDBAND_QUEUE_PREFIX, default redband). */
export const accountKeys = {
  /** A set of every account that ever reported: the core reads their heartbeats. */
  accounts: (prefix: string) => `${prefix}:accounts`,
  /** The account's last heartbeat (JSON AccountHeartbeat), expiring when it lapses. */
  heartbeat: (prefix: string, account: string) => `${prefix}:account:${account}:heartbeat`,
  /** The account's rooms (JSON RoomSighting[]), rewritten when they change. */
  rooms: (prefix: string, account: string) => `${prefix}:account:${account}:rooms`,
  /**
   * The route of one outbox message: the route id of the send job the core last gave it. A
   * gateway takes it (see takeRouteScript) just before it speaks; the core revokes it before it
   * gives the message to another account. Either wins, never both: a message goes out once.
   */
  route: (prefix: string, key: string) => `${prefix}:route:${key}`,
}

/** What a gateway says of itself every heartbeat. */
export interface AccountHeartbeat {
  account: string
  /** The WeChat account's name, for people reading #状态 and the page. */
  name: string | null
  /** When it last logged in; null while logged out (the gateway runs, the account does not). */
  loggedInSince: number | null
  /** When this heartbeat was sent. */
  at: number
  /** Changes whenever the rooms key is rewritten: the core reads the rooms again then. */
  roomsVersion: string
  roomCount: number
  /** Messages sent since the gateway's local midnight. */
  sentToday: number
  /** Sends WeChat refused as too frequent (操作过于频繁) since local midnight. */
  throttledToday: number
  /** The last throttle, so the core can alert once per episode. */
  lastThrottleAt: number | null
  /** The account's mean wait between two sends (gap plus half the jitter): the core routes by it. */
  paceMs: number
}

/** A photo carried in the inbound job, base64, within the gateway's size limit. */
export interface CarriedFile {
  name: string
  base64: string
}

/** One thing a gateway saw, as an `inbound` job. */
export type GatewayEvent =
  | {
      kind: 'message'
      account: string
      inbound: Inbound
      /** A photo's bytes; absent for text, or when the photo was over the size limit. */
      media?: CarriedFile
    }
  | { kind: 'topic'; account: string; roomId: string; topic: string }
  | { kind: 'join'; account: string; room: RoomSighting; invitedBy: string }

/**
 * An `inbound` job: one event, or text messages that came together (a burst, forwarded as one
 * job so that the core stores and answers them in one write transaction).
 */
export type InboundJob = GatewayEvent | { kind: 'messages'; account: string; inbounds: Inbound[] }

/** One message the core gives an account to say, as a `send-<account>` job. */
export interface SendJob {
  /** The outbox row's key: the route key is under it. */
  key: string
  /** This routing of it: the gateway speaks only while the route key still holds it. */
  route: string
  /** The room's id as this account knows it. */
  roomId: string
  text: string
  mentionIds?: string[]
  /** A file (chart, export) to send instead of text. */
  file?: CarriedFile
}

/**
 * How a send job ended, as the job's return value. 'sent': it went out. 'unreachable': the
 * account is not in that room (any more). 'superseded': it did not go out because its route is
 * no longer its own (the core gave it up, gave it to another account, or the route's time in
 * Redis ran out: Redis's clock is the only one both sides read). 'throttled': WeChat refused it
 * as too frequent; it did not go out.
 */
export type SendOutcome = 'sent' | 'unreachable' | 'superseded' | 'throttled'

/**
 * Run by a gateway just before it speaks: takes the route if it still holds this job's route id
 * (1), else leaves it (0). KEYS[1] the route key, ARGV[1] the route id.
 */
export const takeRouteScript = `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  redis.call('SET', KEYS[1], 'taken:' .. ARGV[1], 'KEEPTTL')
  return 1
end
return 0`

/**
 * Run by the core before it gives a message to another account: 0 when the account took the
 * route (it may have spoken), else 1 (it never can now: the route is deleted, or was gone
 * already, lapsed or lost with Redis, and a missing route cannot be taken). KEYS[1] the route
 * key, ARGV[1] the route id.
 */
export const revokeRouteScript = `
local held = redis.call('GET', KEYS[1])
if held == 'taken:' .. ARGV[1] then
  return 0
end
if held == ARGV[1] then
  redis.call('DEL', KEYS[1])
end
return 1`

/** How often a gateway beats, and after how long without a beat the core counts it gone. */
export const heartbeatEveryMs = 2_000
export const heartbeatLapseMs = 8_000
