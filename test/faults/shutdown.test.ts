import { rmSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { closeDb, openDb } from '../../db/client.js'
import type { OutboxItem } from '../../jobs/outbox.js'
import { tempDir } from '../helpers/temp.js'
import {
  REDIS_URL,
  deleteRedisKeys,
  doubled,
  sleep,
  startFaultJobs,
  statusCounts,
  testPrefix,
  waitFor,
  type FaultJobs,
  type Received,
} from './fault-kit.js'

/**
 * close() (what SIGTERM leads to in `npm start`) while a send is in hand and others wait: the
 * send in hand finishes and is noted, the others stay pending in the store, and a restart sends
 * them, each once.
 */

const items = (count: number): OutboxItem[] =>
  Array.from({ length: count }, (_, i) => ({
    key: `item-${i}`,
    roomTopic: `联络群${i}`,
    text: `消息 ${i}`,
  }))
const keys = (count: number) => items(count).map((item) => item.key)

describe.each([
  { kind: 'embedded', redis: false },
  { kind: 'bullmq', redis: true },
])('a graceful shutdown ($kind queue)', ({ redis }) => {
  let dir: string
  let prefix: string
  let received: Received[]
  const bots: FaultJobs[] = []

  beforeEach(() => {
    dir = tempDir('redband-shutdown-')
    prefix = testPrefix()
    received = []
  })
  afterEach(async () => {
    await Promise.all(bots.splice(0).map((bot) => bot.close()))
    if (redis) await deleteRedisKeys(prefix)
    rmSync(dir, { recursive: true, force: true })
  })

  const start = async (options: Partial<Parameters<typeof startFaultJobs>[0]> = {}) => {
    const bot = await startFaultJobs({
      dbFile: join(dir, 'redband.db'),
      received,
      now: Date.now,
      ...(redis ? { redisUrl: REDIS_URL, queuePrefix: prefix } : {}),
      ...options,
    })
    bots.push(bot)
    return bot
  }
  const close = async (bot: FaultJobs) => {
    bots.splice(bots.indexOf(bot), 1)
    await bot.close()
  }
  const storeCounts = () => {
    const db = openDb(join(dir, 'redband.db'))
    const counts = statusCounts(db)
    closeDb(db)
    return counts
  }

  it('with a send in hand: it finishes, the rest wait in the store and go once after a restart', async () => {
    let inHand = false
    let release = () => {}
    const held = new Promise<void>((resolve) => (release = resolve))
    const first = await start({
      outbox: { minGapMs: 50 },
      beforeDeliver: async (row) => {
        if (row.key !== 'item-2') return
        inHand = true
        await held
      },
    })
    await first.jobs.outbox.enqueue(items(10))
    await waitFor('the third send in hand', () => inHand)

    let closed = false
    const closing = close(first).then(() => (closed = true))
    await sleep(200)
    expect(closed).toBe(false)
    release()
    await closing
    expect(received.map((r) => r.key)).toEqual(keys(3))
    expect(storeCounts()).toEqual({ pending: 7, sending: 0, sent: 3 })

    const second = await start({ outbox: { minGapMs: 20 } })
    await waitFor('the rest sent', () => statusCounts(second.db).sent === 10)
    await sleep(300)
    expect(received.map((r) => r.key)).toEqual(keys(10))
    expect(doubled(received.map((r) => r.key))).toEqual({})
  }, 20_000)

  it('while waiting out the gap: closes at once, sends nothing more, the rest go once after a restart', async () => {
    const first = await start({ outbox: { minGapMs: 5000 } })
    await first.jobs.outbox.enqueue(items(5))
    await waitFor('the first send', () => received.length === 1)
    await sleep(100)
    const began = Date.now()
    await close(first)
    expect(Date.now() - began).toBeLessThan(2000)
    expect(storeCounts()).toEqual({ pending: 4, sending: 0, sent: 1 })

    const second = await start({ outbox: { minGapMs: 20 } })
    await waitFor('the rest sent', () => statusCounts(second.db).sent === 5)
    await sleep(300)
    expect(received.map((r) => r.key)).toEqual(keys(5))
  }, 20_000)
})
