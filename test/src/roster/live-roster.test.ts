import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { parseMessage } from '../../../src/parse/parse-message.js'
import { liveRoster } from '../../../src/roster/live-roster.js'
import { parseRoster } from '../../../src/roster/parse-roster.js'
import { exampleRoster, exampleRosterFile } from '../../helpers/fixtures.js'

const withBus = () =>
  parseRoster(
    readFileSync(exampleRosterFile, 'utf8').replace(
      '  - { name: 保安集团, target: 12000 }\n',
      '  - { name: 保安集团, target: 12000 }\n  - { name: 公交集团, aliases: [公交], target: 500 }\n',
    ),
  )

const unitsRead = (text: string, roster: Parameters<typeof parseMessage>[1]) => {
  const result = parseMessage(text, roster)
  return result.kind === 'report' ? result.records.map((r) => r.unit) : []
}

describe('liveRoster', () => {
  it('reads the roster in force: its parts and the parser’s names follow a replacement', () => {
    const live = liveRoster(exampleRoster())
    expect(unitsRead('公交集团今日上岗 480 人', live.roster)).toEqual([])
    const next = withBus()
    live.replace(next)
    expect(live.current()).toBe(next)
    expect(live.roster.units.has('公交集团')).toBe(true)
    expect(unitsRead('公交集团今日上岗 480 人', live.roster)).toEqual(['公交集团'])
    live.replace(exampleRoster())
    expect(unitsRead('公交集团今日上岗 480 人', live.roster)).toEqual([])
    expect(unitsRead('龙城所今日上岗 146 人', live.roster)).toEqual(['龙城派出所'])
  })
})
