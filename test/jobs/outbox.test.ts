import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { outboxStatusCounts } from '../../db/outbox.js'
import type { OutboxItem } from '../../jobs/outbox.js'
import { startJobsInstance, type Delivered, type JobsInstance } from '../helpers/jobs-instance.js'
import { memoryLogger } from '../helpers/memory-logger.js'
import { tempDir } from '../helpers/temp.js'

const noSchedule = { event: {} }
const t0 = Date.parse('2026-10-12T10:00:00+08:00')

function items(count: number, topic = (i: number) => `联络群${i}`, prefix = 'item'): OutboxItem[] {
  return Array.from({ length: count }, (_, i) => ({
    key: `${prefix}-${i}`,
    // The room by its id, as every reply goes (the example rooms are bound with their topics as ids).
    roomId: topic(i),
    roomTopic: topic(i),
    text: `消息 ${i}`,
  }))
}

describe('the outbox', () => {
  let delivered: Delivered[]
  let instance: JobsInstance | undefined
  let dir: string

  beforeEach(() => {
    vi.useFakeTimers({ now: t0 })
    delivered = []
    dir = tempDir()
  })
  afterEach(async () => {
    await instance?.close()
    instance = undefined
    vi.useRealTimers()
  })

  const start = async (options: Partial<Parameters<typeof startJobsInstance>[0]> = {}) =>
    (instance = await startJobsInstance({
      dbFile: join(dir, 'redband.db'),
      delivered,
      schedule: noSchedule,
      ...options,
    }))

  it('sends one message at a time, the gap plus at most the jitter apart', async () => {
    const { jobs } = await start({ outbox: { minGapMs: 2000, jitterMs: 1000 } })
    await jobs.outbox.enqueue(items(20))
    await vi.advanceTimersByTimeAsync(120_000)
    expect(delivered).toHaveLength(20)
    const gaps = delivered.slice(1).map((d, i) => d.at - delivered[i]!.at)
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(2000)
    expect(Math.max(...gaps)).toBeLessThanOrEqual(3000)
    expect(new Set(gaps).size).toBeGreaterThan(1)
    expect(delivered.map((d) => d.text)).toEqual(items(20).map((i) => i.text))
  })

  it('sends a message queued twice under one key once', async () => {
    const { jobs } = await start()
    await jobs.outbox.enqueue(items(3))
    await jobs.outbox.enqueue(items(3))
    await Promise.all([jobs.outbox.enqueue(items(3)), jobs.outbox.enqueue(items(3))])
    await vi.advanceTimersByTimeAsync(60_000)
    expect(delivered).toHaveLength(3)
  })

  it('stops replies at the per-room daily cap, tells the room once, and logs each dropped reply', async () => {
    const { log, lines } = memoryLogger()
    const { jobs, db } = await start({ outbox: { roomDailyCap: 3, minGapMs: 0 }, log })
    await jobs.outbox.enqueue(items(5, () => '红袖标指挥部'))
    await jobs.outbox.enqueue(items(2, () => '呈贡分局红袖标联络群', 'other'))
    await vi.advanceTimersByTimeAsync(60_000)
    expect(delivered.filter((d) => d.topic === '红袖标指挥部').map((d) => d.text)).toEqual([
      '消息 0',
      '消息 1',
      '消息 2',
      '本群今日自动回复已达上限（3 条），之后的回执暂停，通报照常发送。如需处理请联系管理员。',
    ])
    expect(delivered.filter((d) => d.topic === '呈贡分局红袖标联络群')).toHaveLength(2)
    expect(outboxStatusCounts(db)).toEqual({ sent: 6, dropped: 2 })
    expect(lines.filter((l) => l.msg === 'outbox: dropped, room daily cap reached')).toHaveLength(2)
  })

  it('retries a failing send with backoff, logs it with its room and text when it fails for good, and sends the rest meanwhile', async () => {
    const { log, lines } = memoryLogger()
    const { jobs, db } = await start({
      outbox: { minGapMs: 0, attempts: 3, backoffMs: 1000 },
      failWhen: (row) => row.key === 'item-0',
      log,
    })
    await jobs.outbox.enqueue(items(3))
    await vi.advanceTimersByTimeAsync(500)
    expect(delivered.map((d) => d.text)).toEqual(['消息 1', '消息 2'])
    await vi.advanceTimersByTimeAsync(60_000)
    expect(outboxStatusCounts(db)).toEqual({ sent: 2, failed: 1 })
    const failure = lines.find((l) => l.msg === 'outbox: message failed for good and was not sent')
    expect(failure).toMatchObject({ room: '联络群0', text: '消息 0' })
    expect(lines.filter((l) => l.msg === 'outbox: send failed, will retry')).toHaveLength(2)
  })

  it('sends nothing while logged out; after login drops what went stale and sends the rest', async () => {
    const { log, lines } = memoryLogger()
    const { jobs } = await start({
      loggedIn: false,
      outbox: { minGapMs: 0, staleAfterMs: 30 * 60_000 },
      log,
    })
    await jobs.outbox.enqueue([{ key: 'morning', roomTopic: '联络群', text: '早上的提醒' }])
    await vi.advanceTimersByTimeAsync(20 * 60_000)
    await jobs.outbox.enqueue([{ key: 'later', roomTopic: '联络群', text: '后来的回执' }])
    await vi.advanceTimersByTimeAsync(15 * 60_000)
    expect(delivered).toEqual([])
    jobs.outbox.setLoggedIn(true)
    await vi.advanceTimersByTimeAsync(1000)
    expect(delivered.map((d) => d.text)).toEqual(['后来的回执'])
    expect(lines.find((l) => l.msg === 'outbox: dropped, its moment has passed')).toMatchObject({
      key: 'morning',
    })
  })

  it('pauses on logout mid-queue and carries on after login', async () => {
    const { jobs } = await start({ outbox: { minGapMs: 1000 } })
    await jobs.outbox.enqueue(items(10))
    await vi.advanceTimersByTimeAsync(2500)
    jobs.outbox.setLoggedIn(false)
    const sentBeforeLogout = delivered.length
    await vi.advanceTimersByTimeAsync(60_000)
    expect(delivered.length).toBe(sentBeforeLogout)
    jobs.outbox.setLoggedIn(true)
    await vi.advanceTimersByTimeAsync(60_000)
    expect(delivered.map((d) => d.text)).toEqual(items(10).map((i) => i.text))
  })

  it('queues a fan-out to 2,000 rooms quickly', async () => {
    vi.useRealTimers()
    const { jobs } = await start({ loggedIn: false })
    const fanOut = items(2000)
    const begin = performance.now()
    expect(await jobs.outbox.enqueue(fanOut)).toBe(2000)
    // Well under a second in the bench; a generous bound here keeps a loaded CI machine green.
    expect(performance.now() - begin).toBeLessThan(2000)
  })
})
