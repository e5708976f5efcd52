import { beforeEach, describe, expect, it } from 'vitest'
import { openDb, type Db } from '../../db/client.js'
import { markRecalled, storeMessage } from '../../db/messages.js'
import {
  addReviewItem,
  askedWithin,
  getReviewItem,
  reviewItemsOf,
  settleReviewItem,
} from '../../db/review.js'
import type { Inbound } from '../../src/inbound.js'

const minute = 60_000
const nine = Date.parse('2026-10-12T09:00:00+08:00')

describe('review items (待核)', () => {
  let db: Db
  let next = 0
  /** A stored message and its review item, `minutes` after 09:00 on `day`. */
  const listed = (
    minutes: number,
    options: { day?: string; sender?: string; text?: string } = {},
  ) => {
    const inbound: Inbound = {
      id: `m${++next}`,
      roomId: 'room-longcheng',
      roomTopic: '龙城派出所红袖标群',
      senderId: options.sender ?? 'wxid_zhang',
      senderName: '张三',
      sentAt: nine + minutes * minute,
      type: 'text',
      text: options.text ?? '刚才报的少算了三个',
    }
    storeMessage(db, inbound, inbound.sentAt)
    addReviewItem(db, {
      messageId: inbound.id,
      day: options.day ?? '2026-10-12',
      roomId: inbound.roomId,
      units: ['龙城派出所'],
      why: 'correction without the new figure',
      createdAt: inbound.sentAt,
    })
    return inbound
  }

  beforeEach(() => {
    db = openDb(':memory:')
  })

  it('lists a message once, with its room, sender and text, in the order sent', () => {
    const later = listed(30, { text: '洛龙 118？' })
    const first = listed(5)
    expect(
      addReviewItem(db, {
        messageId: first.id,
        day: '2026-10-12',
        roomId: first.roomId,
        units: [],
        why: 'again',
        createdAt: 0,
      }),
    ).toBe(false)
    expect(reviewItemsOf(db, { day: '2026-10-12' })).toEqual([
      {
        messageId: first.id,
        day: '2026-10-12',
        roomId: 'room-longcheng',
        roomTopic: '龙城派出所红袖标群',
        senderId: 'wxid_zhang',
        senderName: '张三',
        sentAt: first.sentAt,
        text: '刚才报的少算了三个',
        units: ['龙城派出所'],
        why: 'correction without the new figure',
        status: 'open',
        settledBy: null,
        settledAt: null,
      },
      expect.objectContaining({ messageId: later.id, text: '洛龙 118？' }),
    ])
  })

  it('filters by day and status, and leaves out messages their senders recalled', () => {
    const today = listed(0)
    const yesterday = listed(1, { day: '2026-10-11' })
    const recalled = listed(2)
    const settled = listed(3)
    markRecalled(db, recalled.id, recalled.sentAt + minute)
    expect(settleReviewItem(db, settled.id, 'dismissed', 'wxid_admin', nine + 10 * minute)).toBe(
      true,
    )
    const ids = (query: Parameters<typeof reviewItemsOf>[1]) =>
      reviewItemsOf(db, query).map((i) => i.messageId)
    expect(ids({ day: '2026-10-12', status: 'open' })).toEqual([today.id])
    expect(ids({ day: '2026-10-12' })).toEqual([today.id, settled.id])
    expect(ids({ day: '2026-10-11' })).toEqual([yesterday.id])
    expect(ids({ status: 'dismissed' })).toEqual([settled.id])
    // Looked up by id, a recalled message's item is still found.
    expect(getReviewItem(db, recalled.id)?.messageId).toBe(recalled.id)
  })

  it('settles an item once, noting who and when', () => {
    const m = listed(0)
    expect(settleReviewItem(db, m.id, 'recorded', 'wxid_admin', nine + 5 * minute)).toBe(true)
    expect(settleReviewItem(db, m.id, 'dismissed', 'wxid_other', nine + 6 * minute)).toBe(false)
    expect(getReviewItem(db, m.id)).toMatchObject({
      status: 'recorded',
      settledBy: 'wxid_admin',
      settledAt: nine + 5 * minute,
    })
  })

  describe('askedWithin: at most one question per sender per window', () => {
    const asked = (m: Inbound) => askedWithin(db, m, 10 * minute)

    it('follows the questions asked, not the last message listed', () => {
      // Asked at 0; 6 and 9 fall in its window; 10 is a new question; 19 in its window; 25 asked.
      const decided = [0, 6, 9, 10, 19, 25].map((at) => [at, !asked(listed(at))])
      expect(decided).toEqual([
        [0, true],
        [6, false],
        [9, false],
        [10, true],
        [19, false],
        [25, true],
      ])
    })

    it('looks at the sender’s earlier messages only: the same answer however often it is asked', () => {
      const first = listed(0)
      const second = listed(4)
      listed(12)
      listed(3, { sender: 'wxid_li' })
      expect(asked(first)).toBe(false)
      expect(asked(second)).toBe(true)
      expect(asked(first)).toBe(false)
    })

    it('orders messages of the same instant by id', () => {
      const a = listed(0)
      const b = listed(0, { text: '少算了三个，补上' })
      expect([asked(a), asked(b)]).toEqual([false, true])
    })
  })
})
