import { describe, expect, it } from 'vitest'
import { exampleUnitFor } from '../../../src/roster/example-unit.js'
import { leavesOf, liaisonRoomFor, unitsOfRoom } from '../../../src/roster/room-units.js'
import type { BoundRoom } from '../../../src/roster/roster.js'
import { exampleRoster } from '../../helpers/fixtures.js'

const roster = exampleRoster()
/** The example roster's rooms, all confirmed (their ids are their topics). */
const all: BoundRoom[] = roster.rooms.map((r) => ({ ...r, id: r.topic }))
const room = (topic: string) => all.find((r) => r.topic === topic)!
const without = (...topics: string[]) => all.filter((r) => !topics.includes(r.topic))

describe('unitsOfRoom: what a liaison room may report for', () => {
  it('gives a unit’s room its subtree, parents included', () => {
    expect([...unitsOfRoom(roster, room('呈贡分局红袖标联络群'), all)]).toEqual([
      '呈贡分局',
      '龙城派出所',
      '洛龙派出所',
      '吴家营派出所',
    ])
    expect([...unitsOfRoom(roster, room('龙城派出所红袖标群'), all)]).toEqual(['龙城派出所'])
  })

  it('gives a shared room every unit no unit room answers for, and loses a unit once its room is bound', () => {
    const shared = room('行业部门联络群')
    expect([...unitsOfRoom(roster, shared, all)]).toEqual([
      '高新分局',
      '马金铺派出所',
      '环卫集团',
      '保安集团',
    ])
    const beforeJinning = unitsOfRoom(roster, shared, without('晋宁分局红袖标联络群'))
    expect(beforeJinning.has('昆阳派出所')).toBe(true)
    expect(beforeJinning.has('龙城派出所')).toBe(false)
  })

  it('keeps a shared room from speaking for the parent of a unit that has its own room', () => {
    // 龙城派出所 has its room; 呈贡分局's is not bound: its own figure would stand for 龙城's.
    const shared = unitsOfRoom(roster, room('行业部门联络群'), without('呈贡分局红袖标联络群'))
    expect(shared.has('呈贡分局')).toBe(false)
    expect(shared.has('洛龙派出所')).toBe(true)
    expect(shared.has('龙城派出所')).toBe(false)
  })

  it('gives a room that lists its units those units’ subtrees', () => {
    const listed: BoundRoom = {
      id: 'x',
      topic: '警种联络群',
      role: 'liaison',
      units: ['晋宁分局', '保安集团'],
    }
    expect([...unitsOfRoom(roster, listed, all)]).toEqual([
      '晋宁分局',
      '昆阳派出所',
      '晋城派出所',
      '保安集团',
    ])
  })

  it('gives command and inspection rooms no units', () => {
    expect(unitsOfRoom(roster, room('红袖标指挥部'), all).size).toBe(0)
  })
})

describe('leavesOf, liaisonRoomFor and exampleUnitFor', () => {
  it('lists the leaves a room answers for, in roster order', () => {
    expect(leavesOf(roster, room('呈贡分局红袖标联络群'), all)).toEqual([
      '龙城派出所',
      '洛龙派出所',
      '吴家营派出所',
    ])
    expect(leavesOf(roster, room('行业部门联络群'), all)).toEqual([
      '马金铺派出所',
      '环卫集团',
      '保安集团',
    ])
  })

  it('asks a unit in its own room, else its nearest ancestor’s, else the shared room, else nowhere', () => {
    expect(liaisonRoomFor(roster, '龙城派出所', all)?.topic).toBe('龙城派出所红袖标群')
    expect(liaisonRoomFor(roster, '洛龙派出所', all)?.topic).toBe('呈贡分局红袖标联络群')
    expect(liaisonRoomFor(roster, '马金铺派出所', all)?.topic).toBe('行业部门联络群')
    expect(liaisonRoomFor(roster, '昆阳派出所', without('晋宁分局红袖标联络群'))?.topic).toBe(
      '行业部门联络群',
    )
    expect(liaisonRoomFor(roster, '昆阳派出所', [room('红袖标指挥部')])).toBeUndefined()
  })

  it('shows a room’s own unit in examples, and any leaf elsewhere', () => {
    expect(exampleUnitFor(roster, room('晋宁分局红袖标联络群'), all)).toBe('昆阳所')
    expect(exampleUnitFor(roster, room('红袖标督导组'), all)).toBe('龙城所')
    expect(exampleUnitFor(roster, undefined, all)).toBe('龙城所')
  })
})
