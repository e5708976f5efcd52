import { describe, expect, it } from 'vitest'
import { roomReport } from '../../../src/roster/room-report.js'
import { roomsView, type SeenRoomLike } from '../../../src/web/rooms-view.js'
import { exampleRoster } from '../../helpers/fixtures.js'

const roster = exampleRoster()
const seen = (id: string, topic: string, people: string[], owner?: string): SeenRoomLike => ({
  id,
  topic,
  memberIds: people.map((p) => `wxid_${p}`),
  memberNames: people,
  ownerId: owner ? `wxid_${owner}` : null,
  firstSeenAt: 1,
})

describe('the Rooms view', () => {
  it('puts what needs the operator first, with who is in each candidate room', () => {
    const present = [
      seen('r-cmd', '红袖标指挥部', ['张指挥', '李参谋'], '张指挥'),
      seen('r-cg-1', '呈贡分局红袖标联络群', ['王科长', '甲', '乙'], '王科长'),
      seen('r-cg-2', '呈贡分局红袖标联络群', ['冒名者'], '冒名者'),
      seen('r-lc', '龙城派出所红袖标群', ['李警官']),
      seen('r-chat', '周末聚餐', ['甲']),
    ]
    const bindings = [
      {
        roomId: 'r-cmd',
        topic: '红袖标指挥部',
        role: 'command' as const,
        unit: null,
        units: null,
        entry: '红袖标指挥部',
      },
    ]
    const view = roomsView(roomReport(roster.rooms, present, bindings), 42)
    expect(view.readAt).toBe(42)
    expect(view.counts).toEqual({ bound: 1, waiting: 1, ambiguous: 1, 'not-seen': 3 })
    expect(view.entries.map((e) => e.state)).toEqual([
      'not-seen',
      'not-seen',
      'not-seen',
      'ambiguous',
      'waiting',
      'bound',
    ])
    expect(view.entries.find((e) => e.state === 'ambiguous')).toMatchObject({
      topic: '呈贡分局红袖标联络群',
      role: 'liaison',
      unit: '呈贡分局',
      others: [
        { id: 'r-cg-1', people: 3, owner: '王科长' },
        { id: 'r-cg-2', people: 1, owner: '冒名者' },
      ],
    })
    expect(view.entries.at(-1)).toMatchObject({ bound: { id: 'r-cmd', topic: '红袖标指挥部' } })
    expect(view.unlisted).toEqual([
      { id: 'r-chat', topic: '周末聚餐', people: 1, owner: null, binding: null },
    ])
  })
})
