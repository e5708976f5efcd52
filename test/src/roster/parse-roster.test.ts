import { describe, expect, it } from 'vitest'
import { parseMessage } from '../../../src/parse/parse-message.js'
import { parseRoster, RosterError } from '../../../src/roster/parse-roster.js'
import { resolveUnit } from '../../../src/roster/queries.js'
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
      'unit 东风派出所: "东华所" is already a name or alias of 东华派出所; names must be unique',
    ],
    [
      'a duplicate name at another depth',
      'units:\n  - name: 盘龙分局\n    units: [{ name: 交警支队 }]\n  - { name: 交警支队 }',
      'unit 交警支队: unit name "交警支队" appears twice',
    ],
    [
      'a room naming an unknown unit',
      'units: [{ name: 交警支队 }]\nrooms: [{ topic: 某群, unit: 五华分局, role: liaison }]',
      'room 某群: unit "五华分局" is not in the roster',
    ],
    [
      'a room naming a unit with a slip',
      'units: [{ name: 东华派出所 }]\nrooms: [{ topic: 某群, unit: 东花派出所, role: liaison }]',
      'room 某群: unit "东花派出所" is not in the roster; did you mean 东华派出所?',
    ],
    [
      'a bad role',
      'units: [{ name: 交警支队 }]\nrooms: [{ topic: 某群, role: boss }]',
      'room 某群: role must be one of liaison, command, inspection',
    ],
    [
      'a misspelt role',
      'units: [{ name: 交警支队 }]\nrooms: [{ topic: 某群, role: liason }]',
      'room 某群: role must be one of liaison, command, inspection; did you mean liaison?',
    ],
    [
      'a bad time zone',
      'timezone: Mars/Base\nunits: [{ name: 交警支队 }]',
      'timezone: "Mars/Base" is not an IANA time zone such as Asia/Shanghai',
    ],
    [
      'a negative target',
      'units: [{ name: 交警支队, target: -5 }]',
      'unit 交警支队: target -5 is not a whole number 0 or more',
    ],
    [
      'a target written as text',
      'units: [{ name: 交警支队, target: "1400人" }]',
      'unit 交警支队: target "1400人" is not a whole number 0 or more',
    ],
    [
      'fractional points',
      'units: [{ name: 交警支队, points: 2.5 }]',
      'unit 交警支队: points 2.5 is not a whole number 0 or more',
    ],
    [
      'a unit with no name',
      'units:\n  - name: 盘龙分局\n    units: [{ target: 300 }]',
      'units[0] (under 盘龙分局): name is missing; every unit needs one',
    ],
    [
      'aliases that are not a list of names',
      'units: [{ name: 东华派出所, aliases: 东华所 }]',
      'unit 东华派出所: aliases is a list of names, such as aliases: [东华所]',
    ],
    ['broken YAML', 'units: [ { name: 交警支队', 'YAML does not parse'],
    ['no units', 'timezone: Asia/Shanghai', 'units: the roster needs a list of units'],
    ['an empty file', '', 'the roster is a mapping with timezone:, units: and rooms:'],
    ['a list for a roster', '- 交警支队', 'the roster is a mapping'],
    [
      'a room with no topic',
      'units: [{ name: 交警支队 }]\nrooms: [{ role: command }]',
      "rooms[0]: topic is missing; write the group's name",
    ],
    [
      'a topic twice',
      'units: [{ name: 交警支队 }]\nrooms:\n  - { topic: 指挥部, role: command }\n  - { topic: 指挥部, role: inspection }',
      'room 指挥部: topic appears twice',
    ],
  ])('refuses %s, naming the entry', (_, text, problem) => {
    expect(problemsOf(text).join('\n')).toContain(problem)
  })

  it('reports every problem at once, so one start-up shows them all', () => {
    const problems = problemsOf(
      'units:\n  - { name: A, aliases: [B] }\n  - { name: B }\nrooms: [{ topic: X, unit: C, role: liaison }]',
    )
    expect(problems).toHaveLength(2)
  })

  it('reports bad values and bad references in the same pass', () => {
    // Before, a schema problem hid every other one until it was fixed.
    const problems = problemsOf(`
units:
  - name: 盘龙分局
    taget: 3000
    units:
      - { name: 东华派出所, aliases: [东华所], target: -1 }
      - { name: 拓东派出所, aliases: [东华所] }
rooms:
  - { topic: 盘龙分局红袖标联络群, unit: 五华分局, role: liaison }
  - { topic: 红袖标指挥部, role: boss }
`)
    expect(problems).toEqual([
      'unit 盘龙分局: unknown key taget; did you mean target?',
      'unit 东华派出所 (under 盘龙分局): target -1 is not a whole number 0 or more',
      'unit 拓东派出所 (under 盘龙分局): "东华所" is already a name or alias of 东华派出所; names must be unique',
      'room 盘龙分局红袖标联络群: unit "五华分局" is not in the roster',
      'room 红袖标指挥部: role must be one of liaison, command, inspection',
    ])
  })

  describe('unknown keys', () => {
    it.each([
      [
        'at the top',
        'unit: [{ name: 交警支队 }]\nunits: [{ name: 交警支队 }]',
        'unknown key unit; did you mean units?',
      ],
      [
        'at the top, far from any',
        'groups: []\nunits: [{ name: 交警支队 }]',
        'unknown key groups; the keys are timezone, units, rooms',
      ],
      [
        'misspelt time zone key',
        'timzone: Asia/Shanghai\nunits: [{ name: 交警支队 }]',
        'unknown key timzone; did you mean timezone?',
      ],
      [
        'on a top-level unit',
        'units: [{ name: 交警支队, taget: 1400 }]',
        'unit 交警支队: unknown key taget; did you mean target?',
      ],
      [
        'in capitals',
        'units: [{ name: 交警支队, Target: 1400 }]',
        'unit 交警支队: unknown key Target; did you mean target?',
      ],
      [
        'on a unit with no name',
        'units: [{ nmae: 交警支队 }]',
        'units[0]: unknown key nmae; did you mean name?',
      ],
      [
        'on a unit two levels down',
        'units:\n  - name: 盘龙分局\n    units:\n      - name: 东华派出所\n        units: [{ name: 东华第一警务站, pionts: 3 }]',
        'unit 东华第一警务站 (under 东华派出所): unknown key pionts; did you mean points?',
      ],
      [
        'aliases misspelt',
        'units: [{ name: 东华派出所, alias: [东华所] }]',
        'unit 东华派出所: unknown key alias; did you mean aliases?',
      ],
      [
        'on a room',
        'units: [{ name: 交警支队 }]\nrooms: [{ topic: 红袖标指挥部, rol: command }]',
        'room 红袖标指挥部: unknown key rol; did you mean role?',
      ],
      [
        'a room key far from any',
        'units: [{ name: 交警支队 }]\nrooms: [{ topic: 红袖标指挥部, role: command, admins: [张三] }]',
        'room 红袖标指挥部: unknown key admins; the keys are topic, unit, units, role',
      ],
    ])('refuses one %s with the nearest known key', (_, text, problem) => {
      expect(problemsOf(text)).toContain(problem)
    })
  })

  describe('names compared as messages are read', () => {
    it('takes full-width and half-width forms of a name for one name', () => {
      expect(problemsOf('units:\n  - { name: ＡＢＣ派出所 }\n  - { name: ABC派出所 }')).toEqual([
        'unit ABC派出所: unit name "ABC派出所" appears twice (as ＡＢＣ派出所: names are read as messages are, ＡＢＣ as ABC)',
      ])
      expect(
        problemsOf(
          'units:\n  - { name: 东华派出所, aliases: [东华所１] }\n  - { name: 拓东派出所, aliases: [东华所1] }',
        ),
      ).toEqual([
        'unit 拓东派出所: "东华所1" is already a name or alias of 东华派出所 (as 东华所１: names are read as messages are, ＡＢＣ as ABC); names must be unique',
      ])
      expect(
        problemsOf('units:\n  - { name: "东华\\u200B派出所" }\n  - { name: 东华派出所 }'),
      ).toHaveLength(1)
    })

    it('keys every name by its normalised form, so a parsed message finds it', () => {
      const roster = parseRoster(
        'units:\n  - { name: ＡＢＣ派出所, aliases: [ＡＢＣ所] }\nrooms: [{ topic: 群, unit: ABC派出所, role: liaison }]',
      )
      expect([...roster.names]).toEqual([
        ['ABC派出所', 'ＡＢＣ派出所'],
        ['ABC所', 'ＡＢＣ派出所'],
      ])
      expect(roster.rooms).toEqual([{ topic: '群', role: 'liaison', unit: 'ＡＢＣ派出所' }])
      expect(resolveUnit(roster, 'ＡＢＣ所')).toBe('ＡＢＣ派出所')
      expect(resolveUnit(roster, ' ABC派出所 ')).toBe('ＡＢＣ派出所')
      const result = parseMessage('ＡＢＣ所今日上岗１２０人', roster)
      expect(result).toMatchObject({ records: [{ unit: 'ＡＢＣ派出所', count: 120 }] })
    })

    it('derives short forms from the normalised name', () => {
      const roster = parseRoster('units: [{ name: ＸＹ派出所 }]')
      expect(roster.names.get('XY所')).toBe('ＸＹ派出所')
    })
  })

  describe('units of a shared liaison room', () => {
    const units = `
units:
  - name: 盘龙分局
    units: [{ name: 东华派出所, aliases: [东华所] }]
  - { name: 交警支队, aliases: [交警] }
  - { name: 特警支队 }
`
    it('resolves the listed names to canonical units', () => {
      const roster = parseRoster(
        `${units}rooms: [{ topic: 警种联络群, role: liaison, units: [交警, 特警支队, 交警支队] }]`,
      )
      expect(roster.rooms).toEqual([
        { topic: '警种联络群', role: 'liaison', units: ['交警支队', '特警支队'] },
      ])
    })

    it.each([
      [
        'an unknown unit',
        'rooms: [{ topic: 警种联络群, role: liaison, units: [交警支队, 巡警支队] }]',
        'room 警种联络群: unit "巡警支队" is not in the roster',
      ],
      [
        'units beside unit',
        'rooms: [{ topic: 警种联络群, role: liaison, unit: 盘龙分局, units: [交警支队] }]',
        "room 警种联络群: give unit (the room's own unit) or units (a shared room's), not both",
      ],
      [
        'units on a command room',
        'rooms: [{ topic: 红袖标指挥部, role: command, units: [交警支队] }]',
        'room 红袖标指挥部: units is for a shared liaison room; a command room reports for no unit',
      ],
      [
        'an empty list',
        'rooms: [{ topic: 警种联络群, role: liaison, units: [] }]',
        'room 警种联络群: units is a list of the units the room reports for, such as units: [交警支队]',
      ],
      [
        'a single name instead of a list',
        'rooms: [{ topic: 警种联络群, role: liaison, units: 交警支队 }]',
        'room 警种联络群: units is a list of the units the room reports for',
      ],
      [
        'a number in the list',
        'rooms: [{ topic: 警种联络群, role: liaison, units: [交警支队, 3] }]',
        'room 警种联络群: units entry 3 is not a unit name',
      ],
    ])('refuses %s', (_, rooms, problem) => {
      expect(problemsOf(units + rooms).join('\n')).toContain(problem)
    })
  })

  it('accepts the shipped example roster', () => {
    const roster = exampleRoster()
    expect(roster.units.size).toBe(11)
    expect(roster.names.get('吴家营所')).toBe('吴家营派出所')
  })
})
