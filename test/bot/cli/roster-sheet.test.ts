import ExcelJS from 'exceljs'
import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runCli } from '../../../bot/cli/run-cli.js'
import { parseRoster } from '../../../src/roster/parse-roster.js'
import { memoryIo } from '../../helpers/cli-io.js'
import { exampleRoster, exampleRosterFile } from '../../helpers/fixtures.js'
import { tempDir } from '../../helpers/temp.js'

describe('redband roster import / export', () => {
  it('round-trips the example roster: YAML → xlsx → YAML gives the same roster', async () => {
    const dir = tempDir()
    const xlsx = join(dir, 'roster.xlsx')
    const yaml = join(dir, 'roster.yaml')
    const exported = memoryIo()
    expect(
      await runCli(['roster', 'export', '--roster', exampleRosterFile, '--out', xlsx], exported.io),
    ).toBe(0)
    expect(exported.out()).toContain('已写入')
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.readFile(xlsx)
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['单位', '群'])
    expect(workbook.getWorksheet('单位')!.getRow(3).values).toEqual([
      undefined,
      '龙城派出所',
      '呈贡分局',
      '龙城所',
      150,
      10,
    ])

    const imported = memoryIo()
    expect(await runCli(['roster', 'import', xlsx, '--out', yaml], imported.io)).toBe(0)
    expect(parseRoster(readFileSync(yaml, 'utf8'))).toEqual(exampleRoster())
  })

  it('reads a CSV of units with its rooms from a second CSV, and prints the YAML without --out', async () => {
    const dir = tempDir()
    const units = join(dir, 'units.csv')
    const rooms = join(dir, 'rooms.csv')
    writeFileSync(
      units,
      '\ufeff单位,上级单位,别名,计划人数,点位数\n' +
        '盘龙分局,,盘龙公安分局,,\n' +
        '东华派出所,盘龙分局,"东华所、东华",300,12\n' +
        '\n' +
        '交警支队,,,1400,\n',
    )
    writeFileSync(rooms, '群名,单位,角色\n盘龙分局红袖标联络群,盘龙分局,联络\n红袖标指挥部,,指挥\n')
    const cli = memoryIo()
    expect(await runCli(['roster', 'import', units, '--rooms', rooms], cli.io)).toBe(0)
    const roster = parseRoster(cli.out())
    expect([...roster.units.keys()]).toEqual(['盘龙分局', '东华派出所', '交警支队'])
    expect(roster.units.get('东华派出所')).toMatchObject({
      parent: '盘龙分局',
      aliases: ['东华所', '东华'],
      target: 300,
      points: 12,
    })
    expect(roster.rooms).toEqual([
      { topic: '盘龙分局红袖标联络群', unit: '盘龙分局', role: 'liaison' },
      { topic: '红袖标指挥部', role: 'command' },
    ])
  })

  it('names every bad row by its number in Chinese, exits 1 and writes nothing', async () => {
    const dir = tempDir()
    const units = join(dir, 'units.csv')
    const rooms = join(dir, 'rooms.csv')
    const out = join(dir, 'roster.yaml')
    writeFileSync(
      units,
      '单位,上级单位,别名,计划人数,点位数\n' +
        '呈贡分局,,,,\n' +
        '龙城派出所,呈贡分局,龙城所,150,10\n' +
        '洛龙派出所,呈贡分局,龙城所,一百,\n' +
        '龙城派出所,呈贡分局,,,\n' +
        ',呈贡分局,,,\n' +
        '吴家营派出所,呈贡分局X,,,\n',
    )
    writeFileSync(rooms, '群名,单位,角色\n指挥部,,总部\n龙城群,龙成所,联络\n')
    const cli = memoryIo()
    expect(await runCli(['roster', 'import', units, '--rooms', rooms, '--out', out], cli.io)).toBe(
      1,
    )
    expect(existsSync(out)).toBe(false)
    expect(
      cli
        .err()
        .split('\n')
        .map((l) => l.trim()),
    ).toEqual([
      `${units} 有误，未写入名册：`,
      '第4行：计划人数「一百」不是 0 或以上的整数',
      '第4行：别名「龙城所」已是第3行「龙城派出所」的名称或别名',
      '第5行：单位「龙城派出所」与第3行重复',
      '第6行：「单位」为空',
      '第7行：上级单位「呈贡分局X」不在表中',
      'rooms.csv 第2行：角色「总部」应为 联络、指挥 或 督导',
      'rooms.csv 第3行：单位「龙成所」不在表中',
      '',
    ])
  })

  it('refuses a sheet whose columns are not the roster’s, and a loop of parents', async () => {
    const dir = tempDir()
    const units = join(dir, 'units.csv')
    writeFileSync(units, '单位,上级,备注\n甲,乙,\n乙,甲,\n')
    const cli = memoryIo()
    expect(await runCli(['roster', 'import', units], cli.io)).toBe(1)
    expect(cli.err()).toContain(
      '第1行：不认识的列「上级」；列名为 单位、上级单位、别名、计划人数、点位数',
    )
    writeFileSync(units, '单位,上级单位\n甲,乙\n乙,甲\n丙,\n')
    const again = memoryIo()
    expect(await runCli(['roster', 'import', units], again.io)).toBe(1)
    expect(again.err()).toContain('第2行：上级单位「乙」是本单位或其下级，形成循环')
  })

  it('exports the roster of REDBAND_ROSTER beside it, imports with --timezone, and names a file it cannot read', async () => {
    const dir = tempDir()
    const roster = join(dir, 'roster.yaml')
    copyFileSync(exampleRosterFile, roster)
    const exported = memoryIo('', { REDBAND_ROSTER: roster })
    expect(await runCli(['roster', 'export'], exported.io)).toBe(0)
    expect(exported.out()).toBe(`已写入 ${join(dir, 'roster.xlsx')}：11 个单位，6 个群\n`)
    const imported = memoryIo()
    expect(
      await runCli(
        ['roster', 'import', join(dir, 'roster.xlsx'), '--timezone', 'Asia/Tokyo'],
        imported.io,
      ),
    ).toBe(0)
    expect(parseRoster(imported.out()).timezone).toBe('Asia/Tokyo')

    const broken = join(dir, 'broken.csv')
    writeFileSync(broken, '单位,上级单位\n"龙城派出所,呈贡分局\n')
    const cli = memoryIo()
    expect(await runCli(['roster', 'import', broken], cli.io)).toBe(1)
    expect(cli.err()).toMatch(/^读不了 .*broken\.csv：/)
    const notSheet = memoryIo()
    expect(await runCli(['roster', 'import', join(dir, 'roster.yaml')], notSheet.io)).toBe(2)
    expect(notSheet.err()).toContain('roster import 需要 .xlsx 或 .csv 文件')
  })

  it('reads a workbook as people make it: any first sheet, rich text, formulas, the rooms in 群', async () => {
    const dir = tempDir()
    const file = join(dir, '名册.xlsx')
    const workbook = new ExcelJS.Workbook()
    const sheet = workbook.addWorksheet('Sheet1')
    sheet.addRow(['单位', '上级单位', '别名', '计划人数', '点位数'])
    sheet.addRow([{ richText: [{ text: '盘龙' }, { text: '分局', font: { bold: true } }] }])
    sheet.addRow(['东华派出所', '盘龙分局', '东华所', { formula: '100*3', result: 300 }, 12])
    workbook.addWorksheet('群').addRows([
      ['群名', '单位', '角色'],
      ['东华所红袖标群', '东华所', '联络群'],
    ])
    await workbook.xlsx.writeFile(file)
    const cli = memoryIo()
    expect(await runCli(['roster', 'import', file], cli.io)).toBe(0)
    const roster = parseRoster(cli.out())
    expect(roster.units.get('东华派出所')).toMatchObject({ parent: '盘龙分局', target: 300 })
    expect(roster.rooms).toEqual([{ topic: '东华所红袖标群', unit: '东华派出所', role: 'liaison' }])
  })

  it('keeps roster check as it was', async () => {
    const cli = memoryIo()
    expect(await runCli(['roster', 'check', exampleRosterFile], cli.io)).toBe(0)
    expect(cli.out()).toContain('无误，11')
  })
})
