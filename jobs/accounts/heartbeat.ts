import type { Redis } from 'ioredis'
import type { Logger } from '../../src/logger.js'
import { localDay } from '../../src/time/zoned.js'
import { accountKeys, type AccountHeartbeat } from './protocol.js'

/** What the gateway knows of its WeChat account at the moment of a beat. */
export interface AccountState {
  name: string | null
  loggedInSince: number | null
}

export interface HeartbeatOptions {
  redis: Redis
  prefix: string
  account: string
  everyMs: number
  lapseMs: number
  /** Where "today" of sentToday and throttledToday ends. */
  timezone: string
  now: () => number
  log: Logger
  state: () => AccountState
  /** The account's mean wait between two sends, for the core's routing. */
  paceMs: number
}

export interface Heartbeat {
  /** Beats now (at a login or logout, or when the rooms changed), besides every everyMs. */
  beat(): Promise<void>
  /** The rooms key was rewritten: the next beats carry its version and count. */
  roomsChanged(version: string, count: number): void
  sent(): void
  throttled(): void
  /** Stops beating and deletes the heartbeat key. */
  stop(): Promise<void>
}

/**
 * The account's heartbeat: its state under a key that expires after lapseMs, set every everyMs
 * and at once whenever Redis is (back) ready. A beat is skipped, not queued, while Redis is away:
 * one replayed late would say the account was alive when nobody knew.
 */
export function startHeartbeat(options: HeartbeatOptions): Heartbeat {
  const { redis, prefix, account, now } = options
  const key = accountKeys.heartbeat(prefix, account)
  let rooms = { version: 'none', count: 0 }
  let today = localDay(now(), options.timezone)
  let sentToday = 0
  let throttledToday = 0
  let lastThrottleAt: number | null = null
  let stopped = false

  /** The counts are of the local day: the first event or beat of a new day starts them at 0. */
  function rollDay(): void {
    const day = localDay(now(), options.timezone)
    if (day === today) return
    today = day
    sentToday = 0
    throttledToday = 0
  }

  async function beat(): Promise<void> {
    if (stopped || redis.status !== 'ready') return
    rollDay()
    const state = options.state()
    const heartbeat: AccountHeartbeat = {
      account,
      name: state.name,
      loggedInSince: state.loggedInSince,
      at: now(),
      roomsVersion: rooms.version,
      roomCount: rooms.count,
      sentToday,
      throttledToday,
      lastThrottleAt,
      paceMs: options.paceMs,
    }
    try {
      await redis
        .multi()
        .set(key, JSON.stringify(heartbeat), 'PX', options.lapseMs)
        .sadd(accountKeys.accounts(prefix), account)
        .exec()
    } catch (error) {
      options.log.warn({ err: error }, 'heartbeat not written; the next one tries again')
    }
  }

  const timer = setInterval(() => void beat(), options.everyMs)
  const onReady = () => void beat()
  redis.on('ready', onReady)
  void beat()

  return {
    beat,
    roomsChanged(version, count) {
      rooms = { version, count }
    },
    sent() {
      rollDay()
      sentToday++
    },
    throttled() {
      rollDay()
      throttledToday++
      lastThrottleAt = now()
    },
    async stop() {
      stopped = true
      clearInterval(timer)
      redis.off('ready', onReady)
      // A clean stop is said at once rather than left to lapse: the core stops routing to the
      // account now, not up to lapseMs later with jobs waiting on a worker that is gone.
      if (redis.status === 'ready') await redis.del(key).catch(() => {})
    },
  }
}
