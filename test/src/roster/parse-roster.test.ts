import { describe, expect, it } from 'vitest'
import { parseRoster, RosterError } from '../../../src/roster/parse-roster.js'
import { exampleRoster } from '../../helpers/fixtures.js'

const issueRoster = `
timezone: Asia/Shanghai
units:
  - name: 盘龙分局
    aliases: [盘龙公安分局]
    units:
      - { name: 东华派出所, aliases: [东华所], target: 300, points: 12 }
      - name: 拓东派出所
        target: 200
  - { name: 交警支队, target: 1400 }
rooms:
  - { topic: 盘龙分局红袖标联络群, unit: 盘龙分局, role: liaison }
  - { topic: 警种联络群, role: liaison }
  - { topic: 红袖标指挥部, role: command }
  - { topic: 红袖标督导组, role: inspection }
`

function problemsOf(text: string): string[] {
  try {
    parseRoster(text, 'test.yaml')
  } catch (error) {
    expect(error).toBeInstanceOf(RosterError)
    return (error as RosterError).problems
  }
  throw new Error('roster was accepted')
}

describe('parseRoster', () => {
  it('reads the tree, names and rooms of the format in the issue', () => {
    const roster = parseRoster(issueRoster)
    expect(roster.timezone).toBe('Asia/Shanghai')
    expect(roster.topLevel).toEqual(['盘龙分局', '交警支队'])
    expect(roster.units.get('盘龙分局')!.children).toEqual(['东华派出所', '拓东派出所'])
    expect(roster.units.get('东华派出所')).toMatchObject({
      parent: '盘龙分局',
      depth: 1,
      target: 300,
      points: 12,
    })
    expect(roster.names.get('东华所')).toBe('东华派出所')
    expect(roster.names.get('盘龙公安分局')).toBe('盘龙分局')
    expect(roster.rooms).toEqual([
      { topic: '盘龙分局红袖标联络群', role: 'liaison', unit: '盘龙分局' },
      { topic: '警种联络群', role: 'liaison' },
      { topic: '红袖标指挥部', role: 'command' },
      { topic: '红袖标督导组', role: 'inspection' },
    ])
  })

  it('derives the short forms people write: 拓东派出所 → 拓东所', () => {
    const roster = parseRoster(issueRoster)
    expect(roster.names.get('拓东所')).toBe('拓东派出所')
  })

  it('drops a derived short form two units would share, rather than guess', () => {
    const roster = parseRoster(`
units:
  - { name: 新城派出所 }
  - { name: 新城所, aliases: [] }
`)
    expect(roster.names.get('新城所')).toBe('新城所')
  })

  it('defaults the time zone to Asia/Shanghai', () => {
    expect(parseRoster('units: [{ name: 交警支队 }]').timezone).toBe('Asia/Shanghai')
  })

  it.each([
    [
      'a duplicate alias',
      'units:\n  - { name: 东华派出所, aliases: [东华所] }\n  - { name: 东风派出所, aliases: [东华所] }',
      /units\[1\] \(东风派出所\): "东华所" is already a name or alias of 东华派出所/,
    ],
    [
      'a duplicate name at another depth',
      'units:\n  - name: 盘龙分局\n    units: [{ name: 交警支队 }]\n  - { name: 交警支队 }',
      /units\[1\] \(交警支队\): unit name "交警支队" appears twice/,
    ],
    [
      'a room naming an unknown unit',
      'units: [{ name: 交警支队 }]\nrooms: [{ topic: 某群, unit: 五华分局, role: liaison }]',
      /rooms\[0\] \(某群\): unit "五华分局" is not in the roster/,
    ],
    [
      'a bad role',
      'units: [{ name: 交警支队 }]\nrooms: [{ topic: 某群, role: boss }]',
      /rooms\.0\.role: role must be one of liaison, command, inspection/,
    ],
    [
      'a bad time zone',
      'timezone: Mars/Base\nunits: [{ name: 交警支队 }]',
      /timezone: "Mars\/Base"/,
    ],
    ['a negative target', 'units: [{ name: 交警支队, target: -5 }]', /units\.0\.target/],
    ['broken YAML', 'units: [ { name: 交警支队', /YAML does not parse/],
    ['no units', 'timezone: Asia/Shanghai', /units/],
  ])('refuses %s, naming the entry', (_, text, problem) => {
    const problems = problemsOf(text)
    expect(problems.join('\n')).toMatch(problem)
  })

  it('reports every problem at once, so one start-up shows them all', () => {
    const problems = problemsOf(
      'units:\n  - { name: A, aliases: [B] }\n  - { name: B }\nrooms: [{ topic: X, unit: C, role: liaison }]',
    )
    expect(problems).toHaveLength(2)
  })

  it('accepts the shipped example roster', () => {
    const roster = exampleRoster()
    expect(roster.units.size).toBe(11)
    expect(roster.names.get('吴家营所')).toBe('吴家营派出所')
  })
})
