import { describe, expect, it } from 'vitest'
import { parseRoster } from '../../../src/roster/parse-roster.js'
import { rosterFileOfSheets, RosterSheetError } from '../../../src/roster/roster-file-of-sheets.js'
import { rosterSheets, type Cell, type SheetTable } from '../../../src/roster/roster-sheet.js'
import { rosterYaml } from '../../../src/roster/roster-yaml.js'

const table = (header: Cell[], ...rows: Cell[][]): SheetTable => ({
  header,
  rows: rows.map((cells, i) => ({ row: i + 2, cells })),
})

const problemsOf = (run: () => unknown): string[] => {
  try {
    run()
  } catch (error) {
    if (error instanceof RosterSheetError) return error.problems
    throw error
  }
  return []
}

const units = ['单位', '上级单位', '别名', '计划人数', '点位数']
const rooms = ['群名', '单位', '角色']

describe('roster sheets', () => {
  it('round-trips a roster with a shared room of several units, in any column order', () => {
    const roster = parseRoster(`
units:
  - { name: 交警支队, target: 1400 }
  - name: 盘龙分局
    units: [{ name: 东华派出所, aliases: [东华所, 东华], target: 300, points: 12 }]
rooms:
  - { topic: 警种联络群, role: liaison, units: [交警支队, 盘龙分局] }
  - { topic: 红袖标指挥部, role: command }
`)
    const sheets = rosterSheets(roster)
    expect(sheets.rooms.rows[0]!.cells).toEqual(['警种联络群', '交警支队、盘龙分局', '联络'])
    const again = parseRoster(rosterYaml(rosterFileOfSheets(sheets, { timezone: 'Asia/Shanghai' })))
    expect(again).toEqual(roster)

    // Columns in another order, a child above its parent, counts as numbers or text.
    const file = rosterFileOfSheets(
      {
        units: table(
          ['计划人数', '单位', '上级单位'],
          ['300', '东华派出所', '盘龙分局'],
          [undefined, '盘龙分局', undefined],
        ),
      },
      { timezone: 'Asia/Shanghai' },
    )
    expect(file).toEqual({
      timezone: 'Asia/Shanghai',
      units: [{ name: '盘龙分局', units: [{ name: '东华派出所', target: 300 }] }],
    })
  })

  it('names each bad row of both sheets, units in row order, rooms after', () => {
    expect(
      problemsOf(() =>
        rosterFileOfSheets(
          {
            units: table(units, ['甲', '', '', -1, 2.5], ['乙', '', '甲', '', '']),
            rooms: table(
              rooms,
              ['指挥部', '甲、乙', '指挥'],
              ['指挥部', '', 'command'],
              ['', '', ''],
              ['', '丙', '联络'],
            ),
          },
          { timezone: 'Asia/Shanghai' },
        ),
      ),
    ).toEqual([
      '第2行：计划人数「-1」不是 0 或以上的整数',
      '第2行：点位数「2.5」不是 0 或以上的整数',
      '第3行：别名「甲」已是第2行「甲」的名称或别名',
      '群表第2行：多个单位只用于联络群，指挥群不代表单位上报',
      '群表第3行：群名「指挥部」与第2行重复',
      '群表第5行：「群名」为空',
      '群表第5行：单位「丙」不在表中',
    ])
    expect(
      problemsOf(() => rosterFileOfSheets({ units: table(['名称']) }, { timezone: 'UTC' })),
    ).toEqual([
      '第1行：不认识的列「名称」；列名为 单位、上级单位、别名、计划人数、点位数',
      '第1行：缺少「单位」列',
      '表中没有单位',
    ])
  })
})
