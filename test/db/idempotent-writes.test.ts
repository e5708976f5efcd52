import { describe, expect, it } from 'vitest'
import { audit, readAudit } from '../../db/audit.js'
import { openDb } from '../../db/client.js'
import { storeMessage } from '../../db/messages.js'
import { recordReport } from '../../db/reports.js'
import { activities, reports } from '../../db/schema.js'
import type { Inbound } from '../../src/inbound.js'

/**
 * A message's handling may run again after the store was locked half-way (bot/intake.ts): what
 * it wrote the first time is not written twice.
 */

const sentAt = Date.parse('2026-10-12T08:30:05+08:00')
const message: Inbound = {
  id: 'm1',
  roomId: 'r1@chatroom',
  roomTopic: '呈贡分局红袖标联络群',
  senderId: 'wxid_zhang',
  senderName: '张三',
  sentAt,
  type: 'text',
  text: '龙城所 150人，洛龙所 118人，今日巡逻 40 次',
}
const source = {
  messageId: 'm1',
  senderId: 'wxid_zhang',
  day: '2026-10-12',
  reportedAt: sentAt,
  correction: false,
}
const figures: Parameters<typeof recordReport>[2] = {
  records: [
    { unit: '龙城派出所', count: 150, approx: false },
    { unit: '洛龙派出所', count: 118, approx: false },
  ],
  held: [],
  activities: [{ unit: '呈贡分局', kind: 'patrol', count: 40 }],
}

describe('recordReport', () => {
  const again = { mayRepeat: true }

  it('records a message’s figures once, however often its handling runs', () => {
    const db = openDb(':memory:')
    storeMessage(db, message, sentAt)
    expect(recordReport(db, source, figures, again)).toBe(true)
    expect(recordReport(db, source, figures, again)).toBe(false)
    expect(recordReport(db, source, { ...figures, records: [figures.records[0]!] }, again)).toBe(
      false,
    )
    expect(
      db
        .select()
        .from(reports)
        .all()
        .map((r) => [r.unit, r.count]),
    ).toEqual([
      ['龙城派出所', 150],
      ['洛龙派出所', 118],
    ])
    expect(db.select().from(activities).all()).toHaveLength(1)
  })

  it('still records another message’s figures, and a message of activities alone once', () => {
    const db = openDb(':memory:')
    storeMessage(db, message, sentAt)
    storeMessage(db, { ...message, id: 'm2', text: '今日巡逻 12 次' }, sentAt)
    recordReport(db, source, figures, again)
    const patrols: Parameters<typeof recordReport>[2] = {
      records: [],
      held: [],
      activities: [{ unit: '呈贡分局', kind: 'patrol', count: 12 }],
    }
    expect(recordReport(db, { ...source, messageId: 'm2' }, patrols, again)).toBe(true)
    expect(recordReport(db, { ...source, messageId: 'm2' }, patrols, again)).toBe(false)
    expect(
      db
        .select()
        .from(activities)
        .all()
        .map((a) => a.count),
    ).toEqual([40, 12])
  })

  it('writes without looking first for a message stored just now (an ingest): it cannot have figures yet', () => {
    const db = openDb(':memory:')
    storeMessage(db, message, sentAt)
    expect(recordReport(db, source, figures)).toBe(true)
    expect(db.select().from(reports).all()).toHaveLength(2)
  })
})

describe('audit', () => {
  const entry = {
    at: sentAt,
    actorId: 'wxid_zhang',
    actorName: '张三',
    roomTopic: '呈贡分局红袖标联络群',
    messageId: 'm1',
    action: 'report',
    target: '龙城派出所',
    before: null,
    after: { day: '2026-10-12', count: 150 },
  }

  it('writes a line about a message once, even when its "before" was read again after the write', () => {
    const db = openDb(':memory:')
    audit(db, entry)
    audit(db, { ...entry, before: { count: 150 } })
    expect(readAudit(db)).toHaveLength(1)
  })

  it('keeps the lines that differ: another unit, another action, another figure, another message', () => {
    const db = openDb(':memory:')
    audit(db, entry)
    audit(db, { ...entry, target: '洛龙派出所' })
    audit(db, { ...entry, action: 'held' })
    audit(db, { ...entry, after: { day: '2026-10-12', count: 151 } })
    audit(db, { ...entry, messageId: 'm2' })
    audit(db, { ...entry, target: null, action: 'command', after: { args: [] } })
    audit(db, { ...entry, target: null, action: 'command', after: { args: [] } })
    expect(readAudit(db)).toHaveLength(6)
  })

  it('writes every line that is about no message (the CLI’s)', () => {
    const db = openDb(':memory:')
    const cli = {
      at: 1,
      actorId: 'cli',
      actorName: 'ops',
      roomTopic: '',
      action: 'ingest',
      target: 'roster.yaml',
      after: { handled: 3 },
    }
    audit(db, cli)
    audit(db, cli)
    expect(readAudit(db)).toHaveLength(2)
  })
})
