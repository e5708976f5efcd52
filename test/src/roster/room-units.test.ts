import { describe, expect, it } from 'vitest'
import { leavesByLiaisonRoom, liaisonRoomOf } from '../../../src/roster/room-units.js'
import { exampleRoster } from '../../helpers/fixtures.js'

const roster = exampleRoster()

describe('liaison rooms and their units', () => {
  it('chases a unit in the room of its nearest bound ancestor', () => {
    expect(liaisonRoomOf(roster, '龙城派出所')?.topic).toBe('龙城派出所红袖标群')
    expect(liaisonRoomOf(roster, '洛龙派出所')?.topic).toBe('呈贡分局红袖标联络群')
    expect(liaisonRoomOf(roster, '马金铺派出所')).toBeUndefined()
  })

  it('gives each liaison room the leaves it answers for; unbound rooms take the rest', () => {
    expect(Object.fromEntries(leavesByLiaisonRoom(roster))).toEqual({
      呈贡分局红袖标联络群: ['洛龙派出所', '吴家营派出所'],
      晋宁分局红袖标联络群: ['昆阳派出所', '晋城派出所'],
      龙城派出所红袖标群: ['龙城派出所'],
      行业部门联络群: ['马金铺派出所', '环卫集团', '保安集团'],
    })
  })
})
