import { Redis } from 'ioredis'
import type { RoomSighting } from '../../db/rooms.js'
import type { Logger } from '../../src/logger.js'
import { accountKeys, type AccountHeartbeat } from './protocol.js'

/** One account as the core last saw it. */
export interface AccountView {
  account: string
  /** Its last heartbeat; kept after it lapses, so #状态 can say since when it is gone. */
  heartbeat: AccountHeartbeat
  rooms: readonly RoomSighting[]
  /** Its heartbeat key is there: the gateway runs and reaches Redis. */
  beating: boolean
  /** Beating and logged in: it can speak. */
  live: boolean
}

/** What changed in one look at the heartbeats. */
export interface BoardChange {
  /** Accounts that became live. */
  up: string[]
  /** Accounts that stopped being live: logged out, or their heartbeat lapsed. */
  down: string[]
  /** Accounts whose room list changed. */
  rooms: string[]
  /** Accounts WeChat refused a send as too frequent since the last look. */
  throttled: string[]
}

export interface AccountBoardOptions {
  /** A redis:// URL. */
  connection: string
  prefix: string
  log: Logger
  /** How often the heartbeats are read; default 1 s. */
  everyMs?: number
}

export interface AccountBoard {
  /** Reads the heartbeats once, then keeps reading them. */
  start(): Promise<void>
  /** Every account ever seen, live or not, by name. */
  all(): AccountView[]
  live(): AccountView[]
  get(account: string): AccountView | undefined
  /** Called after each look that changed something. */
  onChange(listener: (change: BoardChange) => void): void
  /** Reads the heartbeats now, besides the timer (a test, or a caller that cannot wait a beat). */
  look(): Promise<void>
  close(): Promise<void>
}

/** What stands for the heartbeat of an account that has not beaten since the core started. */
const silentSince = (account: string): AccountHeartbeat => ({
  account,
  name: null,
  loggedInSince: null,
  at: 0,
  roomsVersion: 'none',
  roomCount: 0,
  sentToday: 0,
  throttledToday: 0,
  lastThrottleAt: null,
  paceMs: 0,
})

const isLive = (beat: AccountHeartbeat | undefined) =>
  beat !== undefined && beat.loggedInSince !== null

/**
 * The core's view of the WeChat accounts: every gateway's heartbeat and room list, read from
 * Redis on a timer. An account whose heartbeat key expired (its gateway died or lost Redis) or
 * that says it is logged out is not live; the router sends nothing through it.
 */
export function watchAccounts(options: AccountBoardOptions): AccountBoard {
  const { prefix, log } = options
  const everyMs = options.everyMs ?? 1000
  // Commands fail rather than wait while Redis is away: the board keeps its last view.
  const redis = new Redis(options.connection, { lazyConnect: true, maxRetriesPerRequest: 1 })
  redis.on('error', () => {})
  const views = new Map<string, AccountView>()
  const listeners: Array<(change: BoardChange) => void> = []
  let timer: ReturnType<typeof setInterval> | undefined
  let looking: Promise<void> | undefined
  let warned = false
  /** Whether a look has read the heartbeats yet. */
  let looked = false

  async function readRooms(account: string): Promise<RoomSighting[]> {
    const text = await redis.get(accountKeys.rooms(prefix, account))
    return text ? (JSON.parse(text) as RoomSighting[]) : []
  }

  async function lookOnce(): Promise<void> {
    const firstLook = !looked
    // Sorted: a set comes back in its hash order, which differs from one Redis server to the next.
    const accounts = (await redis.smembers(accountKeys.accounts(prefix))).sort()
    const beats = accounts.length
      ? await redis.mget(accounts.map((a) => accountKeys.heartbeat(prefix, a)))
      : []
    const change: BoardChange = { up: [], down: [], rooms: [], throttled: [] }
    for (const [i, account] of accounts.entries()) {
      const text = beats[i]
      const before = views.get(account)
      const beat = text ? (JSON.parse(text) as AccountHeartbeat) : undefined
      const live = isLive(beat)
      if (live && !before?.live) change.up.push(account)
      // An account already gone when the core starts is told too: nobody else will.
      if (!live && (before ? before.live : firstLook)) change.down.push(account)
      if (before && beat?.lastThrottleAt && beat.lastThrottleAt !== before.heartbeat.lastThrottleAt)
        change.throttled.push(account)
      // Gone before the core ever heard it: what it said last is not known, its rooms may be.
      const heartbeat = beat ?? before?.heartbeat ?? silentSince(account)
      let rooms = before?.rooms ?? []
      if (!before || (beat && beat.roomsVersion !== before.heartbeat.roomsVersion)) {
        rooms = await readRooms(account)
        change.rooms.push(account)
      }
      views.set(account, { account, heartbeat, rooms, beating: beat !== undefined, live })
    }
    looked = true
    if (Object.values(change).every((accounts) => accounts.length === 0)) return
    log.info(change, 'accounts changed')
    for (const listener of listeners) listener(change)
  }

  async function look(): Promise<void> {
    // One look at a time; a caller during a look waits for it and then looks again.
    while (looking) await looking
    looking = lookOnce()
      .then(() => {
        if (warned) log.info('accounts: heartbeats readable again')
        warned = false
      })
      .catch((error: unknown) => {
        if (!warned)
          log.warn({ err: error }, 'accounts: could not read the heartbeats; kept the last view')
        warned = true
      })
      .finally(() => (looking = undefined))
    await looking
  }

  return {
    async start() {
      await redis.connect()
      await look()
      timer = setInterval(() => void look(), everyMs)
      timer.unref?.()
    },
    all: () => [...views.values()].sort((a, b) => a.account.localeCompare(b.account)),
    live: () => [...views.values()].filter((v) => v.live),
    get: (account) => views.get(account),
    onChange(listener) {
      listeners.push(listener)
    },
    look,
    async close() {
      clearInterval(timer)
      await looking
      await redis.quit().catch(() => redis.disconnect())
    },
  }
}
