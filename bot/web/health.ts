import type { FastifyInstance } from 'fastify'
import type { Db } from '../../db/client.js'
import { outboxStatusCounts } from '../../db/outbox.js'
import {
  failedSends,
  lastInboundAt,
  openReviewCount,
  pendingByLane,
} from '../../db/page-queries.js'
import { storeStatus } from '../../db/status-queries.js'
import type { QueueCounts } from '../../jobs/queue/queue.js'
import { conditionOf, conditionSince } from '../account-state.js'
import type { AccountState } from '../context.js'
import type { Roster } from '../../src/roster/roster.js'
import { instantOf, localDay, localStamp } from '../../src/time/zoned.js'
import { requireView } from './sessions.js'

/** What the bot knows of itself beyond the store: its WeChat accounts and its queue. */
export interface BotHealth {
  accounts: AccountState[]
  queue: {
    backend: 'embedded' | 'redis'
    /** The backend answers (the embedded runner lives in the store and always does). */
    up: boolean
    /** Null when not asked for, or when the backend did not answer in time. */
    counts: QueueCounts | null
  }
}

export interface HealthDeps {
  db: Db
  roster: Roster
  now: () => number
  /** `counts`: also ask the queue backend for its job counts (a round trip to Redis). */
  health: (options: { counts: boolean }) => Promise<BotHealth>
}

/** Everything the Health view and /metrics read: the bot's own state and the store's. */
export async function healthOf(deps: HealthDeps, options = { counts: true }) {
  const { db, roster, now } = deps
  const at = now()
  const day = localDay(at, roster.timezone)
  const store = storeStatus(db, day, instantOf(day, '00:00', roster.timezone))
  const sends = outboxStatusCounts(db)
  return {
    ...(await deps.health(options)),
    lastInboundAt: lastInboundAt(db),
    lastBulletinAt: store.lastBulletinAt,
    messagesToday: store.messagesToday,
    reportsToday: store.reportsToday,
    unread: openReviewCount(db),
    outbox: {
      pending: pendingByLane(db),
      sent: sends.sent ?? 0,
      failed: sends.failed ?? 0,
      dropped: sends.dropped ?? 0,
    },
    failures: failedSends(db, 10),
  }
}

function stamp(at: number | null, timezone: string): string | null {
  return at === null ? null : localStamp(at, timezone)
}

/** WeChat can be spoken to through at least one account. */
export const anyLive = (accounts: readonly AccountState[]) => accounts.some((a) => a.live)

/** An account as the Health view shows it: its condition, and since when in local time. */
function accountView(account: AccountState, timezone: string) {
  return {
    account: account.account,
    name: account.name ?? account.account,
    condition: conditionOf(account),
    since: stamp(conditionSince(account), timezone),
    rooms: account.rooms,
    sentToday: account.sentToday,
    throttledToday: account.throttledToday,
  }
}

/**
 * GET /healthz: liveness for uptime checkers, without any figure. GET /api/health: the Health
 * view (commanders and admins): every account, last message, last bulletin, outbox by lane, failures,
 * queue backend and its state.
 */
export function registerHealth(app: FastifyInstance, deps: HealthDeps): void {
  app.get('/healthz', async (_request, reply) => {
    // Uptime checkers probe often: no round trip to the queue backend for counts nobody reads.
    const { accounts, queue } = await deps.health({ counts: false })
    reply.header('cache-control', 'no-store')
    return {
      status: 'ok',
      wechat: anyLive(accounts) ? 'logged-in' : 'logged-out',
      queue: queue.up ? 'up' : 'down',
    }
  })

  app.get('/api/health', { preHandler: requireView('health') }, async (_request, reply) => {
    const { timezone } = deps.roster
    const health = await healthOf(deps)
    reply.header('cache-control', 'no-store')
    return {
      ...health,
      accounts: health.accounts.map((a) => accountView(a, timezone)),
      lastInbound: stamp(health.lastInboundAt, timezone),
      lastBulletin: stamp(health.lastBulletinAt, timezone),
      failures: health.failures.map((f) => ({
        roomTopic: f.roomTopic,
        due: stamp(f.dueAt, timezone),
        error: f.error,
      })),
    }
  })
}
