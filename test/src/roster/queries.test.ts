import { describe, expect, it } from 'vitest'
import {
  ancestors,
  closestUnits,
  leafUnits,
  pointsOf,
  resolveUnit,
  roomByTopic,
  subtree,
  targetOf,
  topLevelOf,
} from '../../../src/roster/queries.js'
import { exampleRoster } from '../../helpers/fixtures.js'

const roster = exampleRoster()

describe('roster queries', () => {
  it('resolves canonical names, aliases and derived short forms', () => {
    expect(resolveUnit(roster, '龙城所')).toBe('龙城派出所')
    expect(resolveUnit(roster, '呈贡公安分局')).toBe('呈贡分局')
    expect(resolveUnit(roster, '环卫')).toBe('环卫集团')
    expect(resolveUnit(roster, '五华分局')).toBeUndefined()
  })

  it('lists the leaf units, the ones that report every day', () => {
    expect(leafUnits(roster).map((u) => u.name)).toEqual([
      '龙城派出所',
      '洛龙派出所',
      '吴家营派出所',
      '昆阳派出所',
      '晋城派出所',
      '马金铺派出所',
      '环卫集团',
      '保安集团',
    ])
  })

  it('walks the tree both ways', () => {
    expect(subtree(roster, '晋宁分局').map((u) => u.name)).toEqual([
      '晋宁分局',
      '昆阳派出所',
      '晋城派出所',
    ])
    expect(ancestors(roster, '昆阳派出所').map((u) => u.name)).toEqual(['晋宁分局'])
    expect(topLevelOf(roster, '昆阳派出所')).toBe('晋宁分局')
    expect(topLevelOf(roster, '保安集团')).toBe('保安集团')
  })

  it('sums children for a parent without its own target or points', () => {
    expect(targetOf(roster, '呈贡分局')).toBe(150 + 120 + 200)
    expect(pointsOf(roster, '呈贡分局')).toBe(10 + 8 + 12)
    expect(targetOf(roster, '保安集团')).toBe(12000)
    expect(pointsOf(roster, '保安集团')).toBeUndefined()
  })

  it('names the closest units for a misspelt name, closest first', () => {
    expect(closestUnits(roster, '龙成所')[0]).toBe('龙城派出所')
    expect(closestUnits(roster, '晋城派处所')[0]).toBe('晋城派出所')
    expect(closestUnits(roster, '完全不相干的名字')).toEqual([])
  })

  it('finds a room binding by topic', () => {
    expect(roomByTopic(roster, '晋宁分局红袖标联络群')).toEqual({
      topic: '晋宁分局红袖标联络群',
      role: 'liaison',
      unit: '晋宁分局',
    })
    expect(roomByTopic(roster, '闲聊群')).toBeUndefined()
  })
})
