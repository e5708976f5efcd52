import { describe, expect, it } from 'vitest'
import { roomByTopic } from '../../../src/roster/queries.js'
import { leavesOfRoom } from '../../../src/roster/room-units.js'
import { exampleRoster } from '../../helpers/fixtures.js'

const roster = exampleRoster()
const room = (topic: string) => roomByTopic(roster, topic)!

describe('leavesOfRoom', () => {
  it('gives a bound room the leaves under its unit', () => {
    expect(leavesOfRoom(roster, room('呈贡分局红袖标联络群'))).toEqual([
      '龙城派出所',
      '洛龙派出所',
      '吴家营派出所',
    ])
    expect(leavesOfRoom(roster, room('龙城派出所红袖标群'))).toEqual(['龙城派出所'])
  })

  it('gives an unbound room the leaves no bound room covers', () => {
    expect(leavesOfRoom(roster, room('行业部门联络群'))).toEqual([
      '马金铺派出所',
      '环卫集团',
      '保安集团',
    ])
  })

  it('adds the units that lately reported from an unbound room', () => {
    expect(leavesOfRoom(roster, room('行业部门联络群'), ['昆阳派出所'])).toEqual([
      '昆阳派出所',
      '马金铺派出所',
      '环卫集团',
      '保安集团',
    ])
  })
})
