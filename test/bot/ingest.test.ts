import { describe, expect, it } from 'vitest'
import type { BotDeps } from '../../bot/context.js'
import { ingest } from '../../bot/ingest.js'
import { createLogger } from '../../bot/logger.js'
import { openDb } from '../../db/client.js'
import { reports } from '../../db/schema.js'
import type { OutboxItem } from '../../jobs/outbox.js'
import type { Inbound } from '../../src/inbound.js'
import { defaultSchedule } from '../../src/schedule/schedule.js'
import { loadTemplates } from '../../templates/load-templates.js'
import { exampleRoster } from '../helpers/fixtures.js'

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

describe('ingest (replaying history)', () => {
  it('makes the records the live path makes, answers nobody, and runs only commands that change figures', async () => {
    const sent: OutboxItem[] = []
    const db = openDb(':memory:')
    const deps: BotDeps = {
      db,
      roster: exampleRoster(),
      schedule: defaultSchedule,
      templates: loadTemplates(),
      log: createLogger('silent'),
      now: Date.now,
      startedAt: 0,
      replay: true,
      evidenceDir: '/nonexistent',
      send: async (items) => void sent.push(...items),
      later: async () => {},
    }
    const outcomes = await ingest(deps, [
      inbound('1', '龙城所今日上岗 1500 人'),
      inbound('2', '#确认'),
      inbound('3', '龙成所今日上岗 150 人'),
      inbound('4', '#工作通报', '红袖标指挥部'),
      inbound('4', '#工作通报', '红袖标指挥部'),
    ])
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
})
