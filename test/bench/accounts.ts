import { randomUUID } from 'node:crypto'
import { rmSync } from 'node:fs'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import Database from 'better-sqlite3'
import { Redis } from 'ioredis'
import { startCore, type Core } from '../../bot/core/core.js'
import { closeDb, openDb } from '../../db/client.js'
import { startGatewayLink, type GatewayLink } from '../../jobs/accounts/gateway-link.js'
import { takeInbound } from '../../jobs/accounts/take-inbound.js'
import { defaultOutboxSettings } from '../../jobs/outbox.js'
import type { Inbound } from '../../src/inbound.js'
import type { Logger } from '../../src/logger.js'
import { localDay } from '../../src/time/zoned.js'
import { bindLiaisonRooms } from '../helpers/bound-rooms.js'
import { tempDir } from '../helpers/temp.js'

/**
 * The multi-account figures of issue 12, on the real core and real gateway links over Redis;
 * only WeChat is left out (a gateway's `say` counts the message and returns at once).
 */

/** The gap the gateways keep in the fan-out bench, scaled down from the real 2–3 s. */
const scaledGapMs = 4
const rooms = 2000

interface Rig {
  core: Core
  links: GatewayLink[]
  said: () => number
  db: string
  close(): Promise<void>
}

/**
 * A core over `rooms` bound liaison rooms, and `accounts` gateway links that all sit in every
 * room and keep `gapMs` between sends. `before` runs once the links beat, before the core starts.
 */
async function rig(
  redisUrl: string,
  log: Logger,
  accounts: number,
  gapMs: number,
  before?: (links: GatewayLink[]) => Promise<void>,
): Promise<Rig> {
  const prefix = `rbbench-${randomUUID().slice(0, 8)}`
  const dir = tempDir('redband-bench-accounts-')
  const db = join(dir, 'redband.db')
  const roomList = Array.from({ length: rooms }, (_, i) => ({
    id: `r${i}@chatroom`,
    topic: `联络群${i}`,
  }))
  const store = openDb(db)
  bindLiaisonRooms(store, roomList)
  closeDb(store)
  let said = 0
  const since = Date.now()
  const links = Array.from({ length: accounts }, (_, i) =>
    startGatewayLink({
      account: `bench-${i}`,
      connection: redisUrl,
      prefix,
      log,
      settings: {
        minGapMs: gapMs,
        jitterMs: 0,
        heartbeatEveryMs: 200,
        heartbeatLapseMs: 5000,
      },
      say: async () => {
        said++
        return 'sent'
      },
      isThrottle: () => false,
      state: () => ({ name: `助手${i}`, loggedInSince: since }),
    }),
  )
  await Promise.all(links.map((link) => link.publishRooms(roomList)))
  await before?.(links)
  const core = startCore({
    env: { REDIS_URL: redisUrl, REDBAND_HTTP: 'off' },
    roster: 'roster.example.yaml',
    db,
    evidenceDir: join(dir, 'evidence'),
    queuePrefix: prefix,
    charts: false,
    logger: log,
    lookEveryMs: 100,
  })
  await core.ready
  for (;;) {
    const status = await core.runtime.deps.status!()
    const live = status.accounts.filter((a) => a.live && a.rooms === rooms).length
    if (live === accounts) break
    await sleep(50)
  }
  return {
    core,
    links,
    said: () => said,
    db,
    async close() {
      await core.close()
      await Promise.all(links.map((link) => link.close()))
      const redis = new Redis(redisUrl)
      const keys = await redis.keys(`${prefix}:*`)
      for (let i = 0; i < keys.length; i += 1000) await redis.del(...keys.slice(i, i + 1000))
      await redis.quit()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

async function until(done: () => boolean, what: string, ms = 300_000): Promise<void> {
  const end = Date.now() + ms
  while (!done()) {
    if (Date.now() > end) throw new Error(`bench: timed out waiting for ${what}`)
    await sleep(5)
  }
}

/**
 * Minutes a morning reminder to 2,000 rooms takes to reach every room through `accounts`
 * accounts at the real default rate. Measured with the gap scaled down; what each send cost
 * beyond its gap (routing, Redis round trips) is then added to the real gap.
 */
export async function fanOutMinutes(
  redisUrl: string,
  log: Logger,
  accounts: number,
): Promise<number> {
  const { core, said, close } = await rig(redisUrl, log, accounts, scaledGapMs)
  try {
    const now = Date.now()
    const start = performance.now()
    await core.runtime.jobs.scheduledJobs.add({
      id: `bench-reminder-${now}`,
      name: 'reminder',
      data: { kind: 'reminder', day: localDay(now, core.runtime.deps.roster.timezone), dueAt: now },
    })
    await until(() => said() >= rooms, 'the fan-out')
    const ms = performance.now() - start
    const perAccount = Math.ceil(rooms / accounts)
    const overheadMs = Math.max(0, ms / perAccount - scaledGapMs)
    const { minGapMs, jitterMs } = defaultOutboxSettings
    return (perAccount * (minGapMs + jitterMs / 2 + overheadMs)) / 60_000
  } finally {
    await close()
  }
}

/**
 * The bench's liaison traffic moved into the fan-out's rooms, sent after the core starts (what
 * was sent before it is history, stored and not handled).
 */
export function intoBenchRooms(messages: Inbound[]): Inbound[] {
  const from = Date.now() + 120_000
  return messages.map((m, i) => ({
    ...m,
    roomId: `r${i % rooms}@chatroom`,
    roomTopic: `联络群${i % rooms}`,
    sentAt: from + i,
  }))
}

/**
 * Messages a second the core takes from the gateways over Redis, stores and answers: three
 * gateways forward their share in bursts of 200 (a busy morning's traffic, which their links
 * send as batches), at the real gap between their own sends, so receipts go out at WeChat's
 * pace; queued before the core starts; timed from the first message stored to the last. The
 * gateways' own forwarding runs on their machines, not the core's.
 */
export async function inboundPerSecondViaRedis(
  redisUrl: string,
  log: Logger,
  messages: Inbound[],
): Promise<number> {
  const forward = async (links: GatewayLink[]) => {
    await Promise.all(
      links.map(async (link, i) => {
        const own = messages.filter((_, k) => k % links.length === i)
        for (let k = 0; k < own.length; k += 200)
          await Promise.all(
            own
              .slice(k, k + 200)
              .map((inbound) => link.forward({ kind: 'message', account: `bench-${i}`, inbound })),
          )
      }),
    )
  }
  const { minGapMs } = defaultOutboxSettings
  const { db, close } = await rig(redisUrl, log, 3, minGapMs, forward)
  const reader = new Database(db, { readonly: true })
  const times = reader.prepare(
    'select min(received_at) as first, max(received_at) as last, count(*) as n from messages',
  )
  try {
    let row = times.get() as { first: number; last: number; n: number }
    const end = Date.now() + 120_000
    while (row.n < messages.length) {
      if (Date.now() > end) throw new Error('bench: timed out waiting for the inbound messages')
      await sleep(20)
      row = times.get() as typeof row
    }
    return (messages.length - 1) / ((row.last - row.first) / 1000)
  } finally {
    reader.close()
    await close()
  }
}

/**
 * Messages a second the inbound queue itself carries from a gateway link to the core's worker,
 * with a handler that does nothing: the transport's share of inboundPerSecondViaRedis. Given in
 * bursts of 200, as the other figure's gateways give them, they travel as batches.
 */
export async function inboundQueuePerSecond(
  redisUrl: string,
  log: Logger,
  messages: Inbound[],
): Promise<number> {
  const prefix = `rbbench-${randomUUID().slice(0, 8)}`
  const link = startGatewayLink({
    account: 'bench-0',
    connection: redisUrl,
    prefix,
    log,
    settings: { minGapMs: 0, jitterMs: 0, heartbeatEveryMs: 1000, heartbeatLapseMs: 5000 },
    say: async () => 'sent',
    isThrottle: () => false,
    state: () => ({ name: '助手', loggedInSince: Date.now() }),
  })
  for (let k = 0; k < messages.length; k += 200)
    await Promise.all(
      messages
        .slice(k, k + 200)
        .map((inbound) => link.forward({ kind: 'message', account: 'bench-0', inbound })),
    )
  let taken = 0
  const start = performance.now()
  const worker = takeInbound({
    connection: redisUrl,
    prefix,
    log,
    handle: async (job) => {
      taken += job.kind === 'messages' ? job.inbounds.length : 1
    },
  })
  try {
    await until(() => taken >= messages.length, 'the inbound queue', 120_000)
    return messages.length / ((performance.now() - start) / 1000)
  } finally {
    await worker.close()
    await link.close()
    const redis = new Redis(redisUrl)
    const keys = await redis.keys(`${prefix}:*`)
    for (let i = 0; i < keys.length; i += 1000) await redis.del(...keys.slice(i, i + 1000))
    await redis.quit()
  }
}
