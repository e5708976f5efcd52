import { describe, expect, it } from 'vitest'
import { parseMessage } from '../../../src/parse/parse-message.js'
import { withinScope, type Figures } from '../../../src/scope/within-scope.js'
import { exampleRoster } from '../../helpers/fixtures.js'

const roster = exampleRoster()
const figures = (text: string): Figures => {
  const parsed = parseMessage(text, roster)
  if (parsed.kind !== 'report' && parsed.kind !== 'unplaced')
    throw new Error(`not figures: ${text}`)
  return parsed
}
const station = new Set(['龙城派出所'])

describe('withinScope', () => {
  it('keeps the figures of the room’s units and names the others', () => {
    const { figures: kept, outside } = withinScope(
      figures('龙城所上岗 150 人，保安集团上岗 12000 人，巡逻 40 次'),
      station,
    )
    expect(kept.kind === 'report' && kept.records.map((r) => r.unit)).toEqual(['龙城派出所'])
    expect(outside).toEqual(['保安集团'])
  })

  it('drops held figures, corrections and activities outside the scope too', () => {
    const held = withinScope(figures('保安集团上岗 990000 人'), station)
    expect(held.figures.held).toEqual([])
    expect(held.outside).toEqual(['保安集团'])
    const correction = withinScope(figures('【更正】昆阳所今日上岗人数为 88 人'), station)
    expect(correction.figures.kind === 'report' && correction.figures.records).toEqual([])
    expect(correction.outside).toEqual(['昆阳派出所'])
  })

  it('changes nothing for figures all in scope', () => {
    const parsed = figures('龙城所上岗 150 人')
    expect(withinScope(parsed, station)).toEqual({ figures: parsed, outside: [] })
  })
})
