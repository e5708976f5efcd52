import { describe, expect, it } from 'vitest'
import { accountRooms } from '../../../src/roster/account-rooms.js'
import type { RoomSnapshot } from '../../../src/roster/refind-rooms.js'

const people = ['wxid_liaison1', 'wxid_liaison2', 'wxid_chief']
const room = (
  id: string,
  topic: string,
  memberIds = people,
  ownerId = 'wxid_chief',
): RoomSnapshot => ({
  id,
  topic,
  memberIds,
  memberNames: memberIds.map((m) => m.replace('wxid_', '')),
  ownerId,
})
const command = room('cmd@chatroom', '红袖标指挥部')
const longcheng = room('lc@chatroom', '龙城派出所红袖标群')
const bound = [command, longcheng].map((r) => ({ roomId: r.id, topic: r.topic }))
const seenBefore = new Map([command, longcheng].map((r) => [r.id, r]))

describe('accountRooms', () => {
  it('needs nothing when the account knows the rooms by the store’s ids', () => {
    const { toAccount, toStore } = accountRooms(bound, seenBefore, [command, longcheng])
    expect(toAccount.get('cmd@chatroom')).toBe('cmd@chatroom')
    expect(toStore.get('lc@chatroom')).toBe('lc@chatroom')
  })

  it('matches a bound room an account knows under its own id by topic and people', () => {
    const mine = room('@@acct2-77', '红袖标指挥部')
    const { toAccount, toStore } = accountRooms(bound, seenBefore, [mine])
    expect(toAccount.get('cmd@chatroom')).toBe('@@acct2-77')
    expect(toStore.get('@@acct2-77')).toBe('cmd@chatroom')
    // The bound room the account does not sit in has no id of the account's.
    expect(toAccount.has('lc@chatroom')).toBe(false)
  })

  it('gives a look-alike nothing: other people, or another owner, or two of that topic', () => {
    const strangers = room('@@fake-1', '红袖标指挥部', ['wxid_x', 'wxid_y', 'wxid_z'], 'wxid_x')
    expect(accountRooms(bound, seenBefore, [strangers]).toAccount.has('cmd@chatroom')).toBe(false)
    expect(accountRooms(bound, seenBefore, [strangers]).toStore.get('@@fake-1')).toBe('@@fake-1')
    const copiedNames = room('@@fake-2', '红袖标指挥部', people, 'wxid_liaison1')
    expect(accountRooms(bound, seenBefore, [copiedNames]).toAccount.has('cmd@chatroom')).toBe(false)
    const twins = [room('@@a', '红袖标指挥部'), room('@@b', '红袖标指挥部')]
    const matched = accountRooms(bound, seenBefore, twins)
    expect(matched.toAccount.has('cmd@chatroom')).toBe(false)
    expect(matched.toStore.get('@@a')).toBe('@@a')
  })

  it('keeps an unbound room under its own id both ways', () => {
    const chat = room('@@chat', '周末聚餐群', ['wxid_q'], 'wxid_q')
    const { toAccount, toStore } = accountRooms(bound, seenBefore, [command, chat])
    expect(toAccount.get('@@chat')).toBe('@@chat')
    expect(toStore.get('@@chat')).toBe('@@chat')
  })
})
