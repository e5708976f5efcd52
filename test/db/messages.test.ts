import { describe, expect, it } from 'vitest'
import { openDb } from '../../db/client.js'
import { markRecalled, getMessage, storeMessage } from '../../db/messages.js'
import type { Inbound } from '../../src/inbound.js'

const inbound: Inbound = {
  id: 'm1',
  roomId: 'r1@chatroom',
  roomTopic: '呈贡分局红袖标联络群',
  senderId: 'wxid_zhang',
  senderName: '张三',
  sentAt: Date.parse('2026-10-12T08:30:05+08:00'),
  type: 'text',
  text: '龙城所 150',
}

describe('storeMessage', () => {
  it('keeps a message verbatim once by its id', () => {
    const db = openDb(':memory:')
    expect(storeMessage(db, inbound, 1)).toBe(true)
    expect(storeMessage(db, inbound, 2)).toBe(false)
    expect(getMessage(db, 'm1')).toMatchObject({ ...inbound, receivedAt: 1, recalledAt: null })
  })

  it('refuses a replay that arrives under a new id after a re-login', () => {
    const db = openDb(':memory:')
    storeMessage(db, inbound, 1)
    expect(
      storeMessage(
        db,
        { ...inbound, id: 'm1-after-relogin', roomId: 'new-room-id', senderId: 'new-id' },
        2,
      ),
    ).toBe(false)
  })

  it('keeps the same words said again later, or by someone else', () => {
    const db = openDb(':memory:')
    storeMessage(db, inbound, 1)
    expect(storeMessage(db, { ...inbound, id: 'm2', sentAt: inbound.sentAt + 60_000 }, 2)).toBe(
      true,
    )
    expect(storeMessage(db, { ...inbound, id: 'm3', senderName: '李四' }, 3)).toBe(true)
  })

  it('keeps two photos posted in the same second', () => {
    const db = openDb(':memory:')
    const photo: Inbound = { ...inbound, type: 'image', text: '' }
    expect(storeMessage(db, { ...photo, id: 'p1' }, 1)).toBe(true)
    expect(storeMessage(db, { ...photo, id: 'p2' }, 1)).toBe(true)
  })

  it('notes a recall on the stored message', () => {
    const db = openDb(':memory:')
    storeMessage(db, inbound, 1)
    markRecalled(db, 'm1', 99)
    expect(getMessage(db, 'm1')?.recalledAt).toBe(99)
  })
})
