import { describe, expect, it } from 'vitest'
import { handleInbound } from '../../bot/handle-inbound.js'
import { ingest } from '../../bot/ingest.js'
import { openDb, type Db } from '../../db/client.js'
import type { Inbound } from '../../src/inbound.js'
import { instantOf } from '../../src/time/zoned.js'
import { readJsonLines } from '../helpers/fixtures.js'
import { replayDeps } from '../helpers/replay-deps.js'

/** Both runs read the export the day after, as an operator would. */
const dayAfter = { now: () => Date.parse('2026-10-13T00:00:00Z') }
const corpus = [
  ...readJsonLines<{ room: string; text: string }>('messages.sample.jsonl'),
  ...readJsonLines<{ room: string; text: string }>('messages.unseen.jsonl'),
]

/**
 * The corpus twice over, as the bench sends it, with what an export repeats: the same message
 * under its id again, and under a new id (same room, sender, second and text: its fingerprint).
 */
function traffic(): Inbound[] {
  const start = instantOf('2026-10-12', '07:00', 'Asia/Shanghai')
  const fresh = Array.from({ length: corpus.length * 2 }, (_, i) => {
    const m = corpus[i % corpus.length]!
    return {
      id: `m-${i}`,
      roomId: m.room,
      roomTopic: m.room,
      senderId: `liaison-${i % 7}`,
      senderName: `联络员${i % 7}`,
      sentAt: start + i * 1000,
      type: 'text' as const,
      text: m.text,
    }
  })
  const again = fresh.filter((_, i) => i % 50 === 0)
  return [...fresh, ...again, ...again.map((m) => ({ ...m, id: `${m.id}-new-id` }))]
}

/** Every row of every table, in rowid order: what a store holds. */
function dump(db: Db): Record<string, unknown[]> {
  const sqlite = db.$client
  const tables = sqlite
    .prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%'")
    .pluck()
    .all() as string[]
  return Object.fromEntries(
    tables.map((t) => [t, sqlite.prepare(`select * from "${t}" order by rowid`).all()]),
  )
}

describe('ingest of the corpus traffic', () => {
  it('stores exactly the rows that handling each message on its own stores', async () => {
    const messages = traffic()
    const one = openDb(':memory:')
    const oneDeps = replayDeps(one, dayAfter)
    for (const m of messages) await handleInbound(oneDeps, m)
    const batched = openDb(':memory:')
    const outcomes = await ingest(replayDeps(batched, dayAfter), messages)

    expect(outcomes.duplicate).toBe(Math.ceil((corpus.length * 2) / 50) * 2)
    const expected = dump(one)
    expect(expected.reports!.length).toBeGreaterThan(0)
    expect(expected.review_items!.length).toBeGreaterThan(0)
    expect(dump(batched)).toEqual(expected)
  })
})
