import { beforeEach, describe, expect, it } from 'vitest'
import {
  dismissReview,
  recordReviewFigure,
  type SettleDeps,
} from '../../bot/features/settle-review.js'
import { createLogger } from '../../bot/logger.js'
import { exportRooms } from '../../bot/room-directory.js'
import { readAudit } from '../../db/audit.js'
import { openDb, type Db } from '../../db/client.js'
import { markRecalled, storeMessage } from '../../db/messages.js'
import { currentFigure, recordReport } from '../../db/reports.js'
import { addReviewItem, getReviewItem, reviewItemsOf } from '../../db/review.js'
import { reports } from '../../db/schema.js'
import type { OutboxItem } from '../../jobs/outbox.js'
import type { Inbound } from '../../src/inbound.js'
import { instantOf } from '../../src/time/zoned.js'
import { loadTemplates } from '../../templates/load-templates.js'
import { exampleRoster } from '../helpers/fixtures.js'

const roster = exampleRoster()
const templates = loadTemplates()
const day = '2026-10-12'
const longcheng = '龙城派出所红袖标群'
const admin = { id: 'wxid_admin', name: '王管理' }

describe('settling a review item', () => {
  let db: Db
  let sent: OutboxItem[]
  let now: number
  let deps: SettleDeps
  let next = 0

  /** A liaison's message the bot could not read, listed for review. */
  const unread = (time = '09:12', topic = longcheng, text = '刚才报的少算了三个'): Inbound => {
    const inbound: Inbound = {
      id: `m${++next}`,
      roomId: topic,
      roomTopic: topic,
      senderId: 'wxid_zhang',
      senderName: '张三',
      sentAt: instantOf(day, time, roster.timezone),
      type: 'text',
      text,
    }
    storeMessage(db, inbound, inbound.sentAt)
    addReviewItem(db, {
      messageId: inbound.id,
      day,
      roomId: topic,
      units: ['龙城派出所'],
      why: 'correction without the new figure',
      createdAt: inbound.sentAt,
    })
    return inbound
  }

  beforeEach(() => {
    db = openDb(':memory:')
    sent = []
    now = instantOf(day, '10:30', roster.timezone)
    deps = {
      db,
      roster,
      rooms: exportRooms(db, roster),
      templates,
      log: createLogger('silent'),
      now: () => now,
      send: async (items) => {
        sent.push(...items)
      },
    }
  })

  const counted = () =>
    db
      .select()
      .from(reports)
      .all()
      .map((r) => ({
        messageId: r.messageId,
        unit: r.unit,
        day: r.day,
        count: r.count,
        status: r.status,
        senderId: r.senderId,
        reportedAt: r.reportedAt,
      }))

  it('records the figure as the liaison’s report, audits it, and answers in the room', async () => {
    const m = unread()
    const outcome = await recordReviewFigure(
      deps,
      m.id,
      { unit: '龙城所', count: 146, reason: ' 电话核实：应为 146 人 ' },
      admin,
    )
    expect(outcome).toMatchObject({
      ok: true,
      item: { messageId: m.id, status: 'recorded', settledBy: 'wxid_admin', settledAt: now },
    })
    // The item returned is the item as the store now holds it.
    const { recalledAt: _recalledAt, ...stored } = getReviewItem(db, m.id)!
    expect(outcome.ok && outcome.item).toEqual(stored)
    expect(counted()).toEqual([
      {
        messageId: m.id,
        unit: '龙城派出所',
        day,
        count: 146,
        status: 'counted',
        senderId: 'wxid_zhang',
        reportedAt: m.sentAt,
      },
    ])
    expect(readAudit(db, { action: 'review-record' })).toMatchObject([
      {
        at: now,
        actorId: 'wxid_admin',
        actorName: '王管理',
        roomTopic: longcheng,
        messageId: m.id,
        target: '龙城派出所',
        before: null,
        after: { day, count: 146, reason: '电话核实：应为 146 人' },
      },
    ])
    expect(sent).toEqual([
      {
        key: `review-${m.id}`,
        roomId: longcheng,
        roomTopic: longcheng,
        text: '已登记：龙城派出所 今日上岗 146 人\n（据您 09:12 的消息，经核对登记）',
        mentionIds: ['wxid_zhang'],
        // Due when it is settled: the message's own moment may be long past the staleness.
        dueAt: now,
      },
    ])
    expect(reviewItemsOf(db, { day, status: 'open' })).toEqual([])
  })

  it('records once: a second call finds it settled and changes nothing', async () => {
    const m = unread()
    const figure = { unit: '龙城派出所', count: 146, reason: '电话核实' }
    await recordReviewFigure(deps, m.id, figure, admin)
    now += 60_000
    const again = await recordReviewFigure(deps, m.id, { ...figure, count: 150 }, admin)
    expect(again).toMatchObject({ ok: false, problem: 'settled', item: { status: 'recorded' } })
    expect(counted().map((r) => r.count)).toEqual([146])
    expect(sent).toHaveLength(1)
    expect(readAudit(db, { action: 'review-record' })).toHaveLength(1)
  })

  it('keeps a plainer report sent since as the unit’s figure: the recorded one is as of its message', async () => {
    const m = unread('09:12')
    const resent = unread('09:20', longcheng, '龙城所今日上岗148人')
    recordReport(
      db,
      {
        messageId: resent.id,
        senderId: 'wxid_zhang',
        day,
        reportedAt: resent.sentAt,
        correction: false,
      },
      { records: [{ unit: '龙城派出所', count: 148, approx: false }], held: [], activities: [] },
    )
    await recordReviewFigure(deps, m.id, { unit: '龙城所', count: 146, reason: '核实' }, admin)
    expect(currentFigure(db, '龙城派出所', day)?.count).toBe(148)
  })

  it('names the day when it is settled on a later one', async () => {
    const m = unread()
    now = instantOf('2026-10-13', '08:00', roster.timezone)
    await recordReviewFigure(deps, m.id, { unit: '龙城所', count: 146, reason: '核实' }, admin)
    expect(sent[0]?.text).toBe(
      '已登记：龙城派出所 10月12日上岗 146 人\n（据您 09:12 的消息，经核对登记）',
    )
    expect(counted()[0]?.day).toBe(day)
  })

  it.each([
    ['unknown-unit', { unit: '龙成所', count: 146, reason: '核实' }],
    ['out-of-scope', { unit: '洛龙所', count: 146, reason: '核实' }],
    ['bad-count', { unit: '龙城所', count: 14.6, reason: '核实' }],
    ['bad-count', { unit: '龙城所', count: -1, reason: '核实' }],
    ['no-reason', { unit: '龙城所', count: 146, reason: '  ' }],
  ] as const)('refuses (%s) and changes nothing', async (problem, figure) => {
    const m = unread()
    expect(await recordReviewFigure(deps, m.id, figure, admin)).toMatchObject({
      ok: false,
      problem,
    })
    expect(counted()).toEqual([])
    expect(sent).toEqual([])
    expect(getReviewItem(db, m.id)?.status).toBe('open')
  })

  it('refuses a message not listed, one recalled, and one from a room no longer in force', async () => {
    const figure = { unit: '龙城所', count: 146, reason: '核实' }
    expect(await recordReviewFigure(deps, 'nope', figure, admin)).toEqual({
      ok: false,
      problem: 'not-found',
    })
    const recalled = unread()
    markRecalled(db, recalled.id, recalled.sentAt + 1000)
    expect(await recordReviewFigure(deps, recalled.id, figure, admin)).toMatchObject({
      problem: 'recalled',
    })
    const gone = unread('09:30', '已解散的群')
    expect(await recordReviewFigure(deps, gone.id, figure, admin)).toMatchObject({
      problem: 'room-unbound',
    })
    expect(counted()).toEqual([])
  })

  it('dismisses an item, audited, telling nobody; it then cannot be recorded', async () => {
    const m = unread()
    const outcome = dismissReview(deps, m.id, admin, '闲聊，不是上报')
    expect(outcome).toMatchObject({
      ok: true,
      item: { status: 'dismissed', settledBy: 'wxid_admin', settledAt: now },
    })
    const { recalledAt: _recalledAt, ...stored } = getReviewItem(db, m.id)!
    expect(outcome.ok && outcome.item).toEqual(stored)
    expect(readAudit(db, { action: 'review-dismiss' })).toMatchObject([
      { actorId: 'wxid_admin', messageId: m.id, after: { day, reason: '闲聊，不是上报' } },
    ])
    expect(dismissReview(deps, m.id, admin)).toMatchObject({ ok: false, problem: 'settled' })
    expect(
      await recordReviewFigure(deps, m.id, { unit: '龙城所', count: 1, reason: 'x' }, admin),
    ).toMatchObject({ ok: false, problem: 'settled', item: { status: 'dismissed' } })
    expect(sent).toEqual([])
    expect(counted()).toEqual([])
  })
})
