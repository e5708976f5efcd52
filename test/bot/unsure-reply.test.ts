import { beforeEach, describe, expect, it } from 'vitest'
import type { BotDeps, MessageContext } from '../../bot/context.js'
import { unsureHandler, unsureQuietMs } from '../../bot/features/unsure-reply.js'
import { messageContext } from '../../bot/handle-inbound.js'
import { createLogger } from '../../bot/logger.js'
import { exportRooms } from '../../bot/room-directory.js'
import { routeMessage } from '../../bot/route-message.js'
import { openDb, type Db } from '../../db/client.js'
import { markRecalled, storeMessage } from '../../db/messages.js'
import { reviewItemsOf } from '../../db/review.js'
import { reports } from '../../db/schema.js'
import type { OutboxItem } from '../../jobs/outbox.js'
import type { Inbound } from '../../src/inbound.js'
import { parseMessage } from '../../src/parse/parse-message.js'
import type { ParseResult, Unread } from '../../src/parse/types.js'
import { defaultSchedule } from '../../src/schedule/schedule.js'
import { instantOf } from '../../src/time/zoned.js'
import { loadTemplates } from '../../templates/load-templates.js'
import { exampleRoster } from '../helpers/fixtures.js'
import { tempDir } from '../helpers/temp.js'

const roster = exampleRoster()
const templates = loadTemplates()
const day = '2026-10-12'
const longcheng = '龙城派出所红袖标群'
const district = '呈贡分局红袖标联络群'
const shared = '行业部门联络群'

const plainForm = (unit: string) =>
  `没能确认人数，请按「单位 今日上岗 N 人」重发，如「${unit} 今日上岗 150 人」。`

/**
 * Liaison messages on the example roster (its rooms in force, ids = topics) whose parse() returns
 * what a test says, handled the way handle-inbound does: stored first, replies keyed by message
 * through an outbox that keeps each key once.
 */
function liaisonRooms(options: { replay?: boolean } = {}) {
  const db: Db = openDb(':memory:')
  const outbox = new Map<string, OutboxItem>()
  const deps: BotDeps = {
    db,
    roster,
    rooms: exportRooms(db, roster),
    schedule: { ...defaultSchedule, event: {} },
    templates,
    log: createLogger('silent'),
    now: () => instantOf(day, '09:00', roster.timezone),
    startedAt: 0,
    replay: options.replay,
    evidenceDir: tempDir(),
    send: async (items) => {
      for (const item of items) if (!outbox.has(item.key)) outbox.set(item.key, item)
    },
    later: async () => {},
  }
  let next = 0
  /** A message, stored as the intake stores it. */
  const message = (
    topic: string,
    time: string,
    sender = '张三',
    text = '刚才报的少算了三个',
  ): Inbound => {
    const inbound: Inbound = {
      id: `m${++next}`,
      roomId: topic,
      roomTopic: topic,
      senderId: `wxid_${sender}`,
      senderName: sender,
      sentAt: instantOf(day, time, roster.timezone),
      type: 'text',
      text,
    }
    storeMessage(db, inbound, inbound.sentAt)
    return inbound
  }
  /** Its handling as handle-inbound builds it, with the parser's answer given. */
  const contextOf = (inbound: Inbound, parsed: ParseResult, mayRepeat = false): MessageContext =>
    Object.assign(messageContext(deps, inbound, undefined, mayRepeat), {
      parse: () => parsed,
    })
  const unread = (u: Unread): ParseResult => ({ kind: 'chatter', unread: u })
  /** Handles the message with the unsure handler alone; resolves to what it answered, if anything. */
  const handle = async (inbound: Inbound, parsed: ParseResult, mayRepeat = false) => {
    await unsureHandler(contextOf(inbound, parsed, mayRepeat), async () => {})
    return outbox.get(`reply-${inbound.id}-0`)?.text
  }
  return { db, deps, outbox, message, contextOf, unread, handle }
}

describe('the unsure reply', () => {
  let t: ReturnType<typeof liaisonRooms>
  beforeEach(() => {
    t = liaisonRooms()
  })

  const correction: Unread = { units: [], why: 'correction without the new figure' }

  it('asks for the plain form in a unit’s own room and lists the message for review', async () => {
    const m = t.message(longcheng, '09:12')
    expect(await t.handle(m, t.unread(correction))).toBe(plainForm('龙城所'))
    expect(t.outbox.get(`reply-${m.id}-0`)?.mentionIds).toEqual(['wxid_张三'])
    expect(reviewItemsOf(t.db, { day })).toMatchObject([
      {
        messageId: m.id,
        roomId: longcheng,
        roomTopic: longcheng,
        senderName: '张三',
        text: '刚才报的少算了三个',
        units: ['龙城派出所'],
        why: 'correction without the new figure',
        status: 'open',
        settledBy: null,
      },
    ])
  })

  it('tells a liaison who counted only police that they do not count, and lists it', async () => {
    const text = '今天所里民警12人、辅警20人全部在岗'
    const m = t.message(longcheng, '09:30', '王五', text)
    const parsed = parseMessage(text, roster, { roomUnit: '龙城派出所' })
    expect(await t.handle(m, parsed)).toBe(
      '民警、辅警不计入红袖标人数，请报志愿者上岗人数，如「龙城所 今日上岗 150 人」。',
    )
    expect(reviewItemsOf(t.db, { day })).toMatchObject([
      { messageId: m.id, units: ['龙城派出所'], why: 'police, not volunteers' },
    ])
  })

  it('shows the unit the message names, as people write it', async () => {
    const named: Unread = { units: ['洛龙派出所'], why: 'figure without a measure' }
    expect(await t.handle(t.message(district, '09:00'), t.unread(named))).toBe(plainForm('洛龙所'))
    expect(reviewItemsOf(t.db, { day }).map((i) => i.units)).toEqual([['洛龙派出所']])
  })

  it('asks "您是指…吗？" about a misspelt unit, with the plain form under the right name', async () => {
    const misspelt: Unread = {
      units: [],
      misspelt: { written: '马今铺所', unit: '马金铺派出所' },
      why: 'unit name close to 马金铺派出所',
    }
    const m = t.message(shared, '10:05', '李四', '马今铺所上岗100人')
    expect(await t.handle(m, t.unread(misspelt))).toBe(
      '您是指马金铺派出所吗？如是，请按「马金铺所 今日上岗 N 人」重发。',
    )
    expect(reviewItemsOf(t.db, { day })).toMatchObject([
      { messageId: m.id, units: ['马金铺派出所'], why: 'unit name close to 马金铺派出所' },
    ])
  })

  it.each([
    ['a unit outside the room', longcheng, { units: ['洛龙派出所'], why: 'w' }],
    [
      'a unit another room reports for, in the shared room',
      shared,
      { units: ['龙城派出所'], why: 'w' },
    ],
    [
      'a misspelt unit outside the room',
      longcheng,
      { units: [], misspelt: { written: '马今铺所', unit: '马金铺派出所' }, why: 'w' },
    ],
  ] satisfies Array<[string, string, Unread]>)(
    'stays silent, and lists nothing, for %s',
    async (_, topic, u) => {
      expect(await t.handle(t.message(topic, '09:00'), t.unread(u))).toBeUndefined()
      expect(t.outbox.size).toBe(0)
      expect(reviewItemsOf(t.db)).toEqual([])
    },
  )

  it('asks in a shared room about a message that names no unit, showing one of the room’s', async () => {
    const shifts: Unread = { units: [], why: 'parts with no total and no unit' }
    const m = t.message(shared, '09:00', '李四', '白班1500人，夜班1400人')
    expect(await t.handle(m, t.unread(shifts))).toBe(plainForm('马金铺所'))
    expect(reviewItemsOf(t.db).map((i) => [i.messageId, i.units])).toEqual([[m.id, []]])
  })

  it('asks about a unit under the room’s own, and about an in-scope unit named beside another', async () => {
    const both: Unread = { units: ['洛龙派出所', '保安集团'], why: 'w' }
    expect(await t.handle(t.message(district, '09:00'), t.unread(both))).toBe(plainForm('洛龙所'))
    expect(reviewItemsOf(t.db).map((i) => i.units)).toEqual([['洛龙派出所']])
  })

  it('says nothing of chatter, nor of what the report handler answers', async () => {
    const chatter = t.message(longcheng, '09:00', '张三', '收到')
    expect(await t.handle(chatter, { kind: 'chatter' })).toBeUndefined()
    const report = t.message(longcheng, '09:01', '张三', '今日上岗150人')
    const read: ParseResult = {
      kind: 'report',
      records: [{ unit: '龙城派出所', count: 150, approx: false }],
      activities: [],
      correction: false,
      held: [],
      unknown: [],
    }
    expect(await t.handle(report, read)).toBeUndefined()
    expect(reviewItemsOf(t.db)).toEqual([])
  })

  it('asks a sender at most once in 10 minutes, counting from the last question asked', async () => {
    // [time, sender, asked]: 09:06 is within 10 minutes of 09:00; 09:12 is 12 minutes after the
    // question at 09:00, though only 6 after the message at 09:06; 09:21 is 9 after 09:12.
    const timeline: Array<[string, string, boolean]> = [
      ['09:00', '张三', true],
      ['09:06', '张三', false],
      ['09:07', '李四', true],
      ['09:12', '张三', true],
      ['09:21', '张三', false],
      ['09:22', '张三', true],
      ['09:30', '李四', true],
    ]
    const asked: Array<[string, string, boolean]> = []
    for (const [time, sender] of timeline) {
      const m = t.message(longcheng, time, sender)
      asked.push([time, sender, (await t.handle(m, t.unread(correction))) !== undefined])
    }
    expect(asked).toEqual(timeline)
    expect(unsureQuietMs).toBe(10 * 60_000)
    // Every one of them is for review, asked or not.
    expect(reviewItemsOf(t.db, { day, status: 'open' })).toHaveLength(timeline.length)
  })

  it('counts a question asked in another room: the limit is per sender', async () => {
    expect(await t.handle(t.message(longcheng, '09:00'), t.unread(correction))).toBeDefined()
    const elsewhere: Unread = { units: ['洛龙派出所'], why: 'w' }
    expect(await t.handle(t.message(district, '09:04'), t.unread(elsewhere))).toBeUndefined()
  })

  it('keeps a retried handling once: one review item, the same answer under the same key', async () => {
    const first = t.message(longcheng, '09:00')
    const second = t.message(longcheng, '09:05')
    const third = t.message(longcheng, '09:11')
    expect(await t.handle(first, t.unread(correction))).toBe(plainForm('龙城所'))
    expect(await t.handle(second, t.unread(correction))).toBeUndefined()
    expect(await t.handle(third, t.unread(correction))).toBeDefined()
    // The second and first handled again, after later messages: the same decisions.
    const sent = () => [...t.outbox.keys()]
    expect(await t.handle(second, t.unread(correction), true)).toBeUndefined()
    expect(await t.handle(first, t.unread(correction), true)).toBe(plainForm('龙城所'))
    expect(sent()).toEqual([`reply-${first.id}-0`, `reply-${third.id}-0`])
    expect(reviewItemsOf(t.db).map((i) => i.messageId)).toEqual([first.id, second.id, third.id])
  })

  it('asks nothing of a message its sender recalled before its handling ran again', async () => {
    const m = t.message(longcheng, '09:00')
    markRecalled(t.db, m.id, m.sentAt + 1000)
    expect(await t.handle(m, t.unread(correction), true)).toBeUndefined()
    expect(reviewItemsOf(t.db)).toEqual([])
  })

  it('lists, but asks nobody, when replaying history', async () => {
    const replay = liaisonRooms({ replay: true })
    const m = replay.message(longcheng, '09:00')
    expect(await replay.handle(m, replay.unread(correction))).toBeUndefined()
    expect(replay.outbox.size).toBe(0)
    expect(reviewItemsOf(replay.db).map((i) => i.messageId)).toEqual([m.id])
  })

  it('is a step of the chain: after the report handler passes, and in liaison rooms only', async () => {
    const m = t.message(longcheng, '09:00')
    await routeMessage(t.contextOf(m, t.unread(correction)))
    expect(t.outbox.get(`reply-${m.id}-0`)?.text).toBe(plainForm('龙城所'))
    const command = t.message('红袖标指挥部', '09:01')
    await routeMessage(t.contextOf(command, t.unread({ units: ['龙城派出所'], why: 'w' })))
    expect(t.outbox.has(`reply-${command.id}-0`)).toBe(false)
    expect(t.db.select().from(reports).all()).toEqual([])
    expect(reviewItemsOf(t.db).map((i) => i.messageId)).toEqual([m.id])
  })
})
