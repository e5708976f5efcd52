import { describe, expect, it } from 'vitest'
import { refindRooms, type RoomSnapshot } from '../../../src/roster/refind-rooms.js'
import { roomReport } from '../../../src/roster/room-report.js'
import { roomStanding } from '../../../src/roster/room-standing.js'
import { roomsInForce, type Binding } from '../../../src/roster/rooms-in-force.js'
import type { BoundRoom } from '../../../src/roster/roster.js'
import { exampleRoster } from '../../helpers/fixtures.js'

const roster = exampleRoster()
const binding = (roomId: string, topic: string, fields: Partial<Binding> = {}): Binding => ({
  roomId,
  topic,
  role: 'liaison',
  unit: null,
  units: null,
  entry: topic,
  ...fields,
})

describe('roomsInForce', () => {
  it('gives a binding its roster entry’s role and units, and a chat binding its own', () => {
    const { rooms, stale } = roomsInForce(roster, [
      binding('r1', '龙城所红袖标（改名后）', { entry: '龙城派出所红袖标群' }),
      binding('r2', '临时指挥群', { role: 'command', entry: null }),
      binding('r3', '马金铺所群', { unit: '马金铺派出所', entry: null }),
    ])
    expect(rooms).toEqual([
      {
        id: 'r1',
        topic: '龙城所红袖标（改名后）',
        role: 'liaison',
        unit: '龙城派出所',
        entry: '龙城派出所红袖标群',
      },
      { id: 'r2', topic: '临时指挥群', role: 'command' },
      { id: 'r3', topic: '马金铺所群', role: 'liaison', unit: '马金铺派出所' },
    ])
    expect(stale).toEqual([])
  })

  it('leaves out, rather than widens, a binding whose entry or unit the roster no longer has', () => {
    const gone = binding('r1', '旧群', { entry: '已删除的群' })
    const unknownUnit = binding('r2', '某所群', { unit: '已撤销派出所', entry: null })
    const { rooms, stale } = roomsInForce(roster, [gone, unknownUnit])
    expect(rooms).toEqual([])
    expect(stale).toEqual([gone, unknownUnit])
  })
})

describe('roomStanding', () => {
  const bound: BoundRoom[] = [
    { id: 'cmd', topic: '红袖标指挥部（新）', role: 'command', entry: '红袖标指挥部' },
    { id: 'st', topic: '龙城派出所红袖标群', role: 'liaison', unit: '龙城派出所' },
  ]

  it.each([
    ['a room named like a bound room', '龙城派出所红袖标群', 'look-alike'],
    ['a room named like the entry a renamed room claims', '红袖标指挥部', 'look-alike'],
    ['a room named like a roster room no one claimed', '红袖标督导组', 'waiting'],
    ['any other room', '家长群', 'unrelated'],
    ['a room named with stray spaces', ' 龙城派出所红袖标群 ', 'look-alike'],
  ])('sees %s as %s', (_, topic, kind) => {
    expect(roomStanding({ id: 'new', topic }, roster.rooms, bound).kind).toBe(kind)
  })
})

describe('refindRooms', () => {
  const people = ['wx-a', 'wx-b', 'wx-c', 'wx-d', 'wx-e']
  const names = ['王五', '赵六', '孙七', '周八', '吴九']
  const snap = (id: string, topic: string, ids = people, who = names): RoomSnapshot => ({
    id,
    topic,
    memberIds: ids,
    memberNames: who,
  })
  const previous = new Map([['old', snap('old', '龙城派出所红袖标群')]])
  const bound = [{ roomId: 'old', topic: '龙城派出所红袖标群' }]

  it('keeps a room still there by id, noting a rename', () => {
    expect(refindRooms(bound, previous, [snap('old', '龙城所（新）')])).toEqual([
      { kind: 'present', roomId: 'old', topic: '龙城所（新）', renamedFrom: '龙城派出所红袖标群' },
    ])
  })

  it('moves a binding to the one room of its topic holding the same people, by id or by name', () => {
    const sameIds = snap('new', '龙城派出所红袖标群')
    expect(refindRooms(bound, previous, [sameIds])).toMatchObject([{ kind: 'moved', to: sameIds }])
    // wechat4u gives people new ids at each login too: their names carry over.
    const newIds = snap('new', '龙城派出所红袖标群', ['x1', 'x2', 'x3', 'x4', 'x5'])
    expect(refindRooms(bound, previous, [newIds])).toMatchObject([{ kind: 'moved' }])
    // One member left and one joined: four of five is still the room.
    const turnover = snap('new', '龙城派出所红袖标群', [...people.slice(1), 'wx-z'])
    expect(refindRooms(bound, previous, [turnover])).toMatchObject([{ kind: 'moved' }])
  })

  it.each([
    ['no room of the topic', [snap('x', '别的群')], 'none'],
    [
      'two rooms of the topic, even if one holds the people',
      [snap('new', '龙城派出所红袖标群'), snap('fake', '龙城派出所红袖标群', ['wx-a'], ['王五'])],
      'several',
    ],
    [
      'one room of the topic with other people',
      [snap('fake', '龙城派出所红袖标群', ['wx-a', 'wx-q'], ['王五', '张三'])],
      'others',
    ],
  ] as const)('asks an admin when there is %s', (_, present, why) => {
    expect(refindRooms(bound, previous, present)).toEqual([
      { kind: 'lost', roomId: 'old', topic: '龙城派出所红袖标群', why },
    ])
  })

  it('does not move a binding to a group with the people’s names copied but another owner', () => {
    const owned = new Map([['old', { ...snap('old', '龙城派出所红袖标群'), ownerId: 'wx-a' }]])
    const copy = {
      ...snap('fake', '龙城派出所红袖标群', ['x1', 'x2', 'x3', 'x4', 'x5']),
      ownerId: 'x5',
    }
    expect(refindRooms(bound, owned, [copy])).toMatchObject([{ kind: 'lost', why: 'others' }])
    // The same owner under a new id (wechat4u): by name.
    const same = {
      ...snap('new', '龙城派出所红袖标群', ['x1', 'x2', 'x3', 'x4', 'x5']),
      ownerId: 'x1',
    }
    expect(refindRooms(bound, owned, [same])).toMatchObject([{ kind: 'moved' }])
  })

  it('does not match by members it never saw, nor give one room to two bindings', () => {
    expect(refindRooms(bound, new Map(), [snap('new', '龙城派出所红袖标群')])).toMatchObject([
      { kind: 'lost', why: 'others' },
    ])
    const twins = [
      { roomId: 'a', topic: '龙城派出所红袖标群' },
      { roomId: 'b', topic: '龙城派出所红袖标群' },
    ]
    const seen = new Map([
      ['a', snap('a', '龙城派出所红袖标群')],
      ['b', snap('b', '龙城派出所红袖标群')],
    ])
    expect(
      refindRooms(twins, seen, [snap('new', '龙城派出所红袖标群')]).map((r) => r.kind),
    ).toEqual(['moved', 'lost'])
  })
})

describe('roomReport', () => {
  it('tells bound, waiting, ambiguous and unseen roster rooms, and the rooms it does not name', () => {
    const report = roomReport(
      roster.rooms,
      [
        { id: 'cmd', topic: '红袖标指挥部' },
        { id: 'cmd-fake', topic: '红袖标指挥部' },
        { id: 'st', topic: '龙城派出所红袖标群' },
        { id: 'sup-1', topic: '红袖标督导组' },
        { id: 'sup-2', topic: '红袖标督导组' },
        { id: 'tmp', topic: '临时指挥群' },
        { id: 'parents', topic: '家长群' },
      ],
      [
        binding('cmd', '红袖标指挥部', { role: 'command' }),
        binding('tmp', '临时指挥群', { role: 'command', entry: null }),
      ],
    )
    const state = (topic: string) => report.entries.find((e) => e.entry.topic === topic)
    expect(state('红袖标指挥部')).toMatchObject({
      state: 'bound',
      bound: { roomId: 'cmd' },
      others: [{ id: 'cmd-fake' }],
    })
    expect(state('龙城派出所红袖标群')).toMatchObject({ state: 'waiting', others: [{ id: 'st' }] })
    expect(state('红袖标督导组')?.state).toBe('ambiguous')
    expect(state('呈贡分局红袖标联络群')?.state).toBe('not-seen')
    expect(report.unlisted.map((r) => [r.id, r.binding?.role])).toEqual([
      ['tmp', 'command'],
      ['parents', undefined],
    ])
  })
})
