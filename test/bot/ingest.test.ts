import { join } from 'node:path'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { ingest } from '../../bot/ingest.js'
import { openDb } from '../../db/client.js'
import { messages, reports } from '../../db/schema.js'
import type { OutboxItem } from '../../jobs/outbox.js'
import type { Inbound } from '../../src/inbound.js'
import { replayDeps } from '../helpers/replay-deps.js'
import { tempDir } from '../helpers/temp.js'

const inbound = (id: string, text: string, roomTopic = '呈贡分局红袖标联络群'): Inbound => ({
  id,
  roomId: roomTopic,
  roomTopic,
  senderId: 'zhang',
  senderName: '张三',
  sentAt: Date.parse('2026-10-12T08:00:00+08:00') + Number(id) * 1000,
  type: 'text',
  text,
})

/** The store on a file, and a second connection (as the live bot) that never waits for the lock. */
function sharedStore() {
  const file = join(tempDir(), 'redband.db')
  const db = openDb(file)
  const live = new Database(file)
  live.pragma('busy_timeout = 0')
  let n = 0
  /** One write from the other connection; false when the lock was held. */
  const liveWrite = (): boolean => {
    try {
      live
        .prepare(
          "insert into audit_log (at, actor_id, actor_name, room_topic, action) values (?, 'bot', 'bot', '', 'live')",
        )
        .run(++n)
      return true
    } catch (error) {
      if ((error as { code?: string }).code === 'SQLITE_BUSY') return false
      throw error
    }
  }
  return { db, liveWrite }
}

const lines = (count: number, from = 0) =>
  Array.from({ length: count }, (_, i) =>
    inbound(String(from + i), `龙城所今日上岗 ${100 + ((from + i) % 50)} 人`),
  )

describe('ingest (replaying history)', () => {
  it('makes the records the live path makes, answers nobody, and runs only commands that change figures', async () => {
    const sent: OutboxItem[] = []
    const db = openDb(':memory:')
    const outcomes = await ingest(
      replayDeps(db, { send: async (items) => void sent.push(...items) }),
      [
        inbound('1', '龙城所今日上岗 1500 人'),
        inbound('2', '#确认'),
        inbound('3', '龙成所今日上岗 150 人'),
        inbound('4', '#工作通报', '红袖标指挥部'),
        inbound('4', '#工作通报', '红袖标指挥部'),
      ],
    )
    expect(outcomes).toEqual({ handled: 4, duplicate: 1, stale: 0 })
    expect(
      db
        .select()
        .from(reports)
        .all()
        .map((r) => [r.unit, r.count, r.status]),
    ).toEqual([['龙城派出所', 1500, 'counted']])
    expect(sent).toEqual([])
  })

  it('holds no write lock while it waits for input', async () => {
    const { db, liveWrite } = sharedStore()
    const whileWaiting: boolean[] = []
    async function* slowInput(): AsyncIterable<Inbound[]> {
      for (let batch = 0; batch < 4; batch++) {
        // The ingest asks for more input here: a live writer must get the lock at once.
        whileWaiting.push(liveWrite())
        await new Promise((resolve) => setTimeout(resolve, 20))
        whileWaiting.push(liveWrite())
        yield lines(50, batch * 50)
      }
    }
    const outcomes = await ingest(replayDeps(db), slowInput())
    expect(outcomes.handled).toBe(200)
    expect(whileWaiting).toEqual(Array(8).fill(true))
  })

  it('commits in short transactions and rests between them, so a live writer is never starved', async () => {
    const { db, liveWrite } = sharedStore()
    const tries: boolean[] = []
    // A writer that tries every millisecond whenever the event loop lets it run.
    const writer = setInterval(() => tries.push(liveWrite()), 1)
    const started = performance.now()
    const outcomes = await ingest(replayDeps(db), lines(3000), { batchMs: 10, aloneBatchMs: 10 })
    const tookMs = performance.now() - started
    clearInterval(writer)
    expect(outcomes.handled).toBe(3000)
    expect(db.select().from(messages).all()).toHaveLength(3000)
    // It ran between the batches, and never found the lock held.
    expect(tries.filter(Boolean).length).toBeGreaterThanOrEqual(
      Math.min(5, Math.floor(tookMs / 50)),
    )
    expect(tries.every(Boolean)).toBe(true)
  })

  it('takes long turns while nobody else writes, and short ones once a live writer does', async () => {
    const { db, liveWrite } = sharedStore()
    let phase: 'alone' | 'shared' = 'alone'
    const transactions = { alone: 0, shared: 0 }
    const exec = db.$client.exec.bind(db.$client)
    // Counted where the ingest opens them: the store's own connection, nothing faked.
    db.$client.exec = (sql: string) => {
      if (sql.startsWith('BEGIN')) transactions[phase]++
      return exec(sql)
    }
    async function* input(): AsyncIterable<Inbound[]> {
      yield lines(1500)
      // The live bot writes while the ingest waits for more input.
      liveWrite()
      phase = 'shared'
      yield lines(1500, 1500)
    }
    const outcomes = await ingest(replayDeps(db), input(), { batchMs: 5, aloneBatchMs: 60_000 })
    expect(outcomes.handled).toBe(3000)
    // Alone, the chunk went in one transaction; shared, in turns of 5 ms of work (1,500
    // messages take far longer than 5 ms).
    expect(transactions.alone).toBe(1)
    expect(transactions.shared).toBeGreaterThanOrEqual(2)
  })
})
