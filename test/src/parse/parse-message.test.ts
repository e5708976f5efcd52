import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { LINEAR_BUDGET_MS } from '../../helpers/linear-budget.js'
import { MAX_UNKNOWN, parseMessage } from '../../../src/parse/parse-message.js'
import type { ParseResult } from '../../../src/parse/types.js'
import { parseRoster } from '../../../src/roster/parse-roster.js'
import { closestUnits } from '../../../src/roster/queries.js'

const example = parseRoster(
  readFileSync(new URL('../../../roster.example.yaml', import.meta.url), 'utf8'),
  'roster.example.yaml',
)

/** The units the brief's examples speak of, with targets that keep those examples plausible. */
const wuhua = parseRoster(
  `
units:
  - name: 五华分局
    aliases: [五华公安分局]
    target: 6000
    units:
      - { name: 东华派出所, target: 300, points: 12 }
      - { name: 拓东派出所, target: 400 }
      - { name: 护国派出所, target: 130 }
      - { name: 华山派出所, target: 100 }
  - { name: 治安支队 }
  - { name: 环卫集团, aliases: [环卫], target: 3000 }
`,
  'wuhua',
)

type Pair = [unit: string, count: number]

function read(text: string, roomUnit?: string, roster = wuhua): ParseResult {
  return parseMessage(text, roster, roomUnit === undefined ? undefined : { roomUnit })
}

/** [unit, count] of every headcount record (not held ones). */
function records(result: ParseResult): Pair[] {
  return result.kind === 'report' ? result.records.map((r) => [r.unit, r.count]) : []
}

describe('headcount forms', () => {
  it.each<[string, Pair[]]>([
    ['东华派出所今日上岗红袖标326人，点位12个', [['东华派出所', 326]]],
    ['拓东所：到岗 210 人', [['拓东派出所', 210]]],
    ['拓东所 212', [['拓东派出所', 212]]],
    ['拓东所，212', [['拓东派出所', 212]]],
    ['东华所：上岗326/点位12', [['东华派出所', 326]]],
    ['东华所今日上岗人数：290', [['东华派出所', 290]]],
    [
      '护国所上岗120人、华山所98人',
      [
        ['护国派出所', 120],
        ['华山派出所', 98],
      ],
    ],
    [
      '东华所326，拓东所210，护国所120',
      [
        ['东华派出所', 326],
        ['拓东派出所', 210],
        ['护国派出所', 120],
      ],
    ],
    [
      '东华所 326 拓东所 210',
      [
        ['东华派出所', 326],
        ['拓东派出所', 210],
      ],
    ],
    [
      '五华分局今日上岗情况：\n东华所 150人\n拓东所 118人',
      [
        ['东华派出所', 150],
        ['拓东派出所', 118],
      ],
    ],
    ['五华分局今日上岗情况：', []],
    [
      '1、东华所：326人\n2、拓东所：210人\n3、护国所：120人',
      [
        ['东华派出所', 326],
        ['拓东派出所', 210],
        ['护国派出所', 120],
      ],
    ],
    [
      '（1）东华所326人\n（2）拓东所210人',
      [
        ['东华派出所', 326],
        ['拓东派出所', 210],
      ],
    ],
    ['东华所：\n今日上岗 152 人\n点位 10 个', [['东华派出所', 152]]],
    [
      '东华所：\n290人\n拓东所：\n210人',
      [
        ['东华派出所', 290],
        ['拓东派出所', 210],
      ],
    ],
    ['治安支队发动保安人员1.8万余名', [['治安支队', 18000]]],
    ['东华所今日出动红袖标队员300名', [['东华派出所', 300]]],
    ['东华所今日组织保安员投入巡防 280 人', [['东华派出所', 280]]],
    ['东华所今日在岗志愿者 ２９０ 人', [['东华派出所', 290]]],
    ['拓东所今日参与红袖标值守 1,050 人', [['拓东派出所', 1050]]],
    ['东华所今天上岗的红袖标是二百八十人', [['东华派出所', 280]]],
    ['华山所 上岗 七十六 人', [['华山派出所', 76]]],
    ['华山所上岗二百一十五人', [['华山派出所', 215]]],
    ['华山所今日发动志愿者两百人', [['华山派出所', 200]]],
    ['拓东所今日上岗一千零一人', [['拓东派出所', 1001]]],
    ['华山所今日上岗壹佰贰拾人', [['华山派出所', 120]]],
    ['华山所今日上岗十二人', [['华山派出所', 12]]],
    ['治安支队今日发动三千五人', [['治安支队', 3500]]],
    ['治安支队今日发动两千零五十人', [['治安支队', 2050]]],
    ['治安支队今日发动3万人', [['治安支队', 30000]]],
    ['东华所今天派了80个人上岗', [['东华派出所', 80]]],
    ['东华所今天来了二百人左右', [['东华派出所', 200]]],
    ['东华所：一百五', [['东华派出所', 150]]],
    ['东华所今日上岗150人，比昨天多10人', [['东华派出所', 150]]],
    ['东华所今日上岗人数326人，较昨日（320人）增加6人', [['东华派出所', 326]]],
    ['东华所昨日320人今日326人', [['东华派出所', 326]]],
    ['东华所今日应到326人，实到300人', [['东华派出所', 300]]],
    ['东华所今日应到326人实到300人', [['东华派出所', 300]]],
    ['东华所共有队员300人，今日上岗150人', [['东华派出所', 150]]],
    ['东华所发动辖区商户、物业公司员工共326人', [['东华派出所', 326]]],
    ['东华所组织保安公司员工150人上岗', [['东华派出所', 150]]],
    ['环卫集团发动环卫工人2800余名', [['环卫集团', 2800]]],
    ['环卫：2900', [['环卫集团', 2900]]],
    ['东华所今日上岗188人，保安60人、环卫40人', [['东华派出所', 188]]],
    ['东华所今日上岗326人，劝导群众200余人', [['东华派出所', 326]]],
    ['东华所今日上岗326人，发放宣传资料500份', [['东华派出所', 326]]],
    ['东华所今日上岗326人，联系人张三13912345678', [['东华派出所', 326]]],
    ['东华所今日上岗 326 人。明天计划 350 人。', [['东华派出所', 326]]],
    [
      '「张三：东华所今日上岗326人」\n- - - - - - - - - - - - - - -\n拓东所 212',
      [['拓东派出所', 212]],
    ],
    [
      '拓东所 212\n- - - - - - - - - - - - - - -\n「张三：东华所今日上岗326人」',
      [['拓东派出所', 212]],
    ],
    [
      '「张三：收到」\n- - - - - - - - - - - - - - -\n\u200B东华所今日上岗326人',
      [['东华派出所', 326]],
    ],
    [
      '<msg><appmsg><title>拓东所 212</title><type>57</type><refermsg><content>东华所 326</content></refermsg></appmsg></msg>',
      [['拓东派出所', 212]],
    ],
  ])('%j', (text, expected) => {
    expect(records(read(text))).toEqual(expected)
  })

  it('keeps approximation, points and the breakdown beside a total', () => {
    expect(read('东华派出所今日上岗红袖标326人，点位12个')).toMatchObject({
      kind: 'report',
      records: [{ unit: '东华派出所', count: 326, approx: false, points: 12 }],
    })
    expect(read('东华所今日上岗188人（其中保安60人、环卫40人）')).toMatchObject({
      records: [{ unit: '东华派出所', count: 188, breakdown: { 保安: 60, 环卫: 40 } }],
    })
    expect(read('东华所今日上岗200人，其中男队员120人，女队员80人')).toMatchObject({
      records: [{ count: 200, breakdown: { 男队员: 120, 女队员: 80 } }],
    })
    expect(read('点位 12 个，东华所上岗 300 人')).toMatchObject({
      records: [{ count: 300, points: 12 }],
    })
    expect(read('东华所上岗 300 人（点位12个）')).toMatchObject({
      records: [{ count: 300, points: 12 }],
    })
    expect(read('治安支队发动保安人员1.8万余名')).toMatchObject({
      records: [{ unit: '治安支队', count: 18000, approx: true }],
    })
    for (const text of [
      '东华所上岗约290人',
      '东华所上岗近290人',
      '东华所上岗290余人',
      '东华所上岗 290 多人',
      '东华所上岗290人左右',
    ]) {
      expect(read(text)).toMatchObject({ records: [{ count: 290, approx: true }] })
    }
    expect(read('东华所今日上岗 0 人（点位调整）')).toMatchObject({
      records: [{ count: 0, approx: false }],
    })
  })

  it('does not invent a breakdown', () => {
    const result = read('东华所今日上岗326人')
    expect(result).toEqual({
      kind: 'report',
      records: [{ unit: '东华派出所', count: 326, approx: false }],
      activities: [],
      correction: false,
      held: [],
      unknown: [],
    })
  })
})

describe('pasted tables', () => {
  it('reads rows under a header that names the columns', () => {
    const text =
      '五华分局11月7日红袖标上岗统计\n单位 人数 点位\n东华所 326 12\n拓东所 210 8\n合计 536 20'
    expect(read(text)).toMatchObject({
      kind: 'report',
      // The title names the parent: 合计 is its total.
      records: [
        { unit: '东华派出所', count: 326, points: 12 },
        { unit: '拓东派出所', count: 210, points: 8 },
        { unit: '五华分局', count: 536, points: 20 },
      ],
      statedDate: { month: 11, day: 7 },
    })
    const tabs = '序号\t单位\t上岗人数\t点位\n1\t东华所\t326\t12\n2\t新区所\t50\t3'
    expect(read(tabs)).toMatchObject({
      records: [{ unit: '东华派出所', count: 326, points: 12 }],
      unknown: [{ written: '新区所', count: 50 }],
    })
  })

  it('reads nothing from rows without a header', () => {
    expect(read('东华所 326 12\n拓东所 210 8')).toEqual({ kind: 'chatter' })
    const broken = '单位 人数 点位\n东华所 326 12\n请各单位核实\n拓东所 210 8'
    expect(records(read(broken))).toEqual([['东华派出所', 326]])
  })
})

describe('units and room fallback', () => {
  it.each<[string, string | undefined, Pair[]]>([
    ['五华分局东华所今日上岗100人', undefined, [['东华派出所', 100]]],
    ['五华分局 东华所 今日上岗100人', undefined, [['东华派出所', 100]]],
    ['截至8:30，全区上岗1.5万人', '五华分局', [['五华分局', 15000]]],
    ['今日上岗 148 人，点位 10 个', '东华派出所', [['东华派出所', 148]]],
    ['今日上岗 148 人', '东华所', [['东华派出所', 148]]],
    ['全所今日出动红袖标290人', '东华派出所', [['东华派出所', 290]]],
    ['拓东所今日上岗210人', '东华派出所', [['拓东派出所', 210]]],
    // A bare 合计 after stations' figures may total only those listed: not the room's unit's.
    [
      '东华所326人，拓东所210人，合计536人',
      '五华分局',
      [
        ['东华派出所', 326],
        ['拓东派出所', 210],
      ],
    ],
    [
      '东华所326人，拓东所210人，合计536人',
      undefined,
      [
        ['东华派出所', 326],
        ['拓东派出所', 210],
      ],
    ],
    [
      '五华分局各所今日上岗情况：东华所151人、拓东所117人，合计268人。',
      undefined,
      [
        ['东华派出所', 151],
        ['拓东派出所', 117],
        ['五华分局', 268],
      ],
    ],
    [
      '五华分局：\n东华所 150人\n拓东所 118人\n合计：268人',
      undefined,
      [
        ['东华派出所', 150],
        ['拓东派出所', 118],
        ['五华分局', 268],
      ],
    ],
    ['东华所今日上岗：早班80人，晚班70人，共150人', undefined, [['东华派出所', 150]]],
    // Nothing unexplained may stand where the unit would be.
    ['大学城片区今日上岗85人', '五华分局', []],
    ['今日在大学城社区上岗50人', '东华派出所', []],
    ['第3组 15人', '东华派出所', []],
  ])('%j in a room of %s', (text, room, expected) => {
    expect(records(read(text, room))).toEqual(expected)
  })

  it('gives the figure to the most specific unit written', () => {
    expect(records(read('高新分局马金铺所今日上岗100人', undefined, example))).toEqual([
      ['马金铺派出所', 100],
    ])
    expect(records(read('晋宁分局昆阳派出所上岗红袖标91人', '晋宁分局', example))).toEqual([
      ['昆阳派出所', 91],
    ])
  })

  it('marks a figure with no unit in a room bound to none', () => {
    expect(read('今日上岗 148 人，点位 10 个')).toEqual({
      kind: 'unplaced',
      unknown: [],
      held: [],
      missingUnit: true,
    })
    expect(read('今日上岗 148 人', '不在名册的单位')).toMatchObject({
      kind: 'unplaced',
      missingUnit: true,
    })
  })
})

describe('corrections and stated dates', () => {
  it.each<[string, Pair[]]>([
    ['【更正】东华所今日上岗 300 人', [['东华派出所', 300]]],
    ['更正：拓东所上岗 212 人', [['拓东派出所', 212]]],
    ['纠正一下，华山所今天是95人', [['华山派出所', 95]]],
    ['拓东所今日上岗 212 人，以此为准', [['拓东派出所', 212]]],
    ['拓东所上岗 210 人，更正为 212 人', [['拓东派出所', 212]]],
    ['更正：华山所上岗 93 人（之前报的 90 人有误）', [['华山派出所', 93]]],
  ])('%j is a correction', (text, expected) => {
    const result = read(text)
    expect(records(result)).toEqual(expected)
    expect(result).toMatchObject({ kind: 'report', correction: true })
  })

  it('is not a correction without a marker', () => {
    expect(read('拓东所上岗 212 人')).toMatchObject({ correction: false })
  })

  it('drops a unit given two different figures with no correction', () => {
    expect(records(read('东华所 150\n东华所 152'))).toEqual([])
    expect(records(read('东华所 150\n东华所 150'))).toEqual([['东华派出所', 150]])
  })

  it.each<[string, { month: number; day: number } | undefined]>([
    ['11月3日 东华所上岗 280 人', { month: 11, day: 3 }],
    ['十一月三日 东华所上岗 280 人', { month: 11, day: 3 }],
    ['2024年11月3日东华所上岗280人', { month: 11, day: 3 }],
    ['今天是11月6号，东华所上岗人员281名', { month: 11, day: 6 }],
    ['东华所上岗280人', undefined],
    ['东华所上岗280人（11.3）', undefined],
  ])('%j states %o', (text, date) => {
    const result = read(text)
    expect(records(result)).toEqual([['东华派出所', expect.any(Number)]])
    expect(result.kind === 'report' ? result.statedDate : 'no report').toEqual(date)
  })
})

describe('activities', () => {
  it('reads activities in a station room, with no headcount', () => {
    expect(read('今日巡逻 40 次，安全检查 12 次', '东华派出所')).toEqual({
      kind: 'report',
      records: [],
      activities: [
        { unit: '东华派出所', kind: 'patrol', count: 40 },
        { unit: '东华派出所', kind: 'safety_check', count: 12 },
      ],
      correction: false,
      held: [],
      unknown: [],
    })
  })

  it.each<[string, string | undefined, Array<[string, string, number]>]>([
    [
      '东华所：巡逻 40 次，排查隐患 2 起，化解纠纷 1 起',
      undefined,
      [
        ['东华派出所', 'patrol', 40],
        ['东华派出所', 'hazard', 2],
        ['东华派出所', 'dispute', 1],
      ],
    ],
    [
      '今日开展巡逻 36 次，发现并整改隐患 3 处',
      '东华派出所',
      [
        ['东华派出所', 'patrol', 36],
        ['东华派出所', 'hazard', 3],
      ],
    ],
    ['东华所今日检查场所20家', undefined, [['东华派出所', 'safety_check', 20]]],
    [
      '拓东所今日上岗 210 人，巡逻 20 次，调解矛盾纠纷 2 起',
      undefined,
      [
        ['拓东派出所', 'patrol', 20],
        ['拓东派出所', 'dispute', 2],
      ],
    ],
    ['明天计划巡逻 40 次', '东华派出所', []],
  ])('%j', (text, room, expected) => {
    const result = read(text, room)
    const activities =
      result.kind === 'report' ? result.activities.map((a) => [a.unit, a.kind, a.count]) : []
    expect(activities).toEqual(expected)
  })

  it('never counts an activity as a headcount', () => {
    expect(records(read('东华所今日巡逻 40 次，安全检查 12 次'))).toEqual([])
    expect(read('巡逻 40 次')).toMatchObject({ kind: 'unplaced', missingUnit: true })
  })
})

describe('commands', () => {
  it.each<[string, { name: string; args: string[]; rest: string }]>([
    ['#工作通报', { name: '工作通报', args: [], rest: '' }],
    ['＃工作通报', { name: '工作通报', args: [], rest: '' }],
    ['#工作通报 10月11日', { name: '工作通报', args: ['10月11日'], rest: '10月11日' }],
    ['@红袖标助手 #工作通报 10月11日', { name: '工作通报', args: ['10月11日'], rest: '10月11日' }],
    [
      '@红袖标助手\u2005#抽查 龙城所  洛龙所',
      { name: '抽查', args: ['龙城所', '洛龙所'], rest: '龙城所  洛龙所' },
    ],
    ['@张三 @红袖标助手 ＃抽查　龙城所', { name: '抽查', args: ['龙城所'], rest: '龙城所' }],
    ['#工作通报：10月11日', { name: '工作通报', args: ['10月11日'], rest: '10月11日' }],
    [
      '「张三：东华所今天报了吗」\n- - - - - - - - - - - - - - -\n#工作通报 10月11日',
      { name: '工作通报', args: ['10月11日'], rest: '10月11日' },
    ],
    ['@所有人\u2005#帮助', { name: '帮助', args: [], rest: '' }],
  ])('%j', (text, command) => {
    expect(read(text, '东华派出所')).toEqual({ kind: 'command', command })
  })

  it('strips leading mentions before reading a report', () => {
    expect(records(read('@红袖标助手 东华所今日上岗 121 人'))).toEqual([['东华派出所', 121]])
    expect(records(read('@红袖标助手\u2005@张三\u2005东华所 121'))).toEqual([['东华派出所', 121]])
  })

  it('is not a command without a name', () => {
    expect(read('#')).toEqual({ kind: 'chatter' })
    expect(read('东华所上岗120人 #好')).toMatchObject({ kind: 'report' })
  })
})

describe('chatter', () => {
  const chatter = [
    '收到',
    '好的',
    '收到👌',
    '8:30',
    '9:00前',
    '7点半',
    '7点半到岗',
    '11月3日',
    '13912345678',
    '0871-63123456',
    '东华所值班电话 13912345678',
    '3号线',
    '5号点位',
    '2号门10人',
    '东华所3号点位在岗2人',
    '请东华所尽快上报',
    '请各单位于9:00前上报人数',
    '明天需要增派50人',
    '明天需要增派 30 人到大学城',
    '计划下周各所增加30人',
    '预计明天上岗200人',
    '东华所今日目标上岗160人',
    '东华所有3名队员请假',
    '东华所有2名队员生病请假',
    '东华所2名队员因身体原因今日未上岗',
    '东华所3名队员参加区里培训',
    '较昨日增加20人',
    '比昨天多10人',
    '同比增长5%',
    '今天全区上岗率100%',
    '东华所今日上岗人数较昨日减少5人',
    '昨天东华所上岗280人',
    '上周五东华所上岗280人',
    '东华所本周累计上岗1050人次',
    '东华所今天多少人？',
    '东华所150人吗？',
    '请东华所核实一下今天的人数，150人好像不对',
    '东华所那边还差10个人，谁能支援一下',
    '东华所 张三 326',
    '东华所有150人',
    '东华所编制红袖标队员200人',
    '两人一组巡逻',
    '今日落实一人一岗',
    '好的，明天早上7点半在东华所门口集合',
    '好的收到，我们明天7:00在东华所集合，共30人',
    '今天气温3-12度，注意保暖',
    '每个点位2人',
    '明天需在大学城增设3个点位，每个点位2人',
    '大家辛苦了🌹',
    '👍👍👍',
    '[图片]',
    '[表情]',
    '@张三 @李四 收到请回复',
    '11月6日上岗人数统计',
    '今日无异常，一切正常',
    '「张三：东华所今日上岗326人」\n- - - - - - - - - - - - - - -\n收到',
    '「张三：东华所今日上岗326人」\n- - - - - - - - - - - - - - -\n👍',
    '收到\n- - - - - - - - - - - - - - -\n「张三：东华所今日上岗326人」',
    '“张三：东华所今日上岗326人”\n----------\n好的',
    '「李四：「张三：东华所326人」\n- - - - - - - - - - - - - - -\n收到」\n- - - - - - - - - - - - - - -\n好的',
    '<msg><appmsg><title>东华所今日上岗326人</title><type>5</type></appmsg></msg>',
    "东华所'; DROP TABLE reports;-- 150人",
    "东华所' OR '1'='1 150人",
    '"; DELETE FROM messages; -- 今日上岗 150 人',
    "Robert'); DROP TABLE units;-- 今日上岗 150 人",
    '@所有人\u2005请各单位尽快上报',
    '',
    '\u200B\u200C\u200D\uFEFF',
  ]
  it.each(chatter)('%j in a bureau room', (text) => {
    expect(read(text, '五华分局')).toEqual({ kind: 'chatter' })
  })
  it.each(chatter)('%j in a station room', (text) => {
    expect(read(text, '东华派出所')).toEqual({ kind: 'chatter' })
  })
})

describe('lists of units', () => {
  it.each<[string, Pair[]]>([
    [
      '东华所和拓东所各上岗100人',
      [
        ['东华派出所', 100],
        ['拓东派出所', 100],
      ],
    ],
    [
      '东华所、拓东所分别上岗150、120人',
      [
        ['东华派出所', 150],
        ['拓东派出所', 120],
      ],
    ],
    [
      '护国所 华山所 各上岗100人',
      [
        ['护国派出所', 100],
        ['华山派出所', 100],
      ],
    ],
  ])('%j gives each unit its figure', (text, expected) => {
    expect(records(read(text, '五华分局'))).toEqual(expected)
  })

  it.each([
    ['东华所、拓东所今日共上岗500人', 'one figure for several units'],
    ['东华所、拓东所分别上岗150人', 'list figures do not match the units'],
  ])('%j reads nothing and says why', (text, why) => {
    expect(read(text, '五华分局')).toEqual({
      kind: 'chatter',
      unread: { units: ['东华派出所', '拓东派出所'], why },
    })
  })
})

describe('units not in the roster', () => {
  it.each<[string, Array<{ written: string; count: number }>]>([
    ['五华分局今日上岗1500人', [{ written: '五华分局', count: 1500 }]],
    ['拓东所到岗210人', [{ written: '拓东所', count: 210 }]],
    ['拓东所 212', [{ written: '拓东所', count: 212 }]],
    ['治安支队发动保安人员1.8万余名', [{ written: '治安支队', count: 18000 }]],
    ['高新分局新区所今日上岗80人', [{ written: '新区所', count: 80 }]],
    ['昆明公交集团今日发动司机志愿者300人', [{ written: '昆明公交集团', count: 300 }]],
  ])('%j', (text, unknown) => {
    expect(read(text, undefined, example)).toEqual({
      kind: 'unplaced',
      unknown,
      held: [],
      missingUnit: false,
    })
  })

  it('reports the valid records beside the unknown ones', () => {
    expect(read('龙城所今日上岗150人，拓东所上岗210人', '呈贡分局', example)).toMatchObject({
      kind: 'report',
      records: [{ unit: '龙城派出所', count: 150 }],
      unknown: [{ written: '拓东所', count: 210 }],
    })
  })

  it('gives the bot a written form it can match to the roster', () => {
    const result = read('拓冬路派出所今日上岗 300 人')
    expect(result).toMatchObject({
      kind: 'unplaced',
      unknown: [{ written: '拓冬路派出所', count: 300 }],
    })
    expect(closestUnits(wuhua, '拓冬路派出所')[0]).toBe('拓东派出所')
  })

  it('asks about a name one slip from a roster unit', () => {
    expect(read('东花所今日上岗 300 人')).toEqual({
      kind: 'chatter',
      unread: {
        units: [],
        misspelt: { written: '东花所', unit: '东华派出所' },
        why: 'misspelt unit',
      },
    })
  })

  it('does not take places and ordinary words for units', () => {
    for (const text of ['在大学城社区上岗50人', '公共场所上岗50人', '因为人手不够所以只上岗50人']) {
      expect(read(text, undefined, example)).not.toMatchObject({ unknown: [expect.anything()] })
    }
  })
})

describe('implausible figures', () => {
  it('holds a figure above three times the target', () => {
    expect(read('华山所今日上岗 5000 人')).toEqual({
      kind: 'unplaced',
      unknown: [],
      held: [{ unit: '华山派出所', count: 5000, approx: false, target: 100 }],
      missingUnit: false,
    })
    expect(records(read('华山所上岗 300 人'))).toEqual([['华山派出所', 300]])
    expect(read('华山所上岗 301 人')).toMatchObject({ kind: 'unplaced', held: [{ count: 301 }] })
  })

  it('reports the plausible records beside the held ones', () => {
    expect(read('东华所上岗300人，华山所上岗5000人')).toMatchObject({
      kind: 'report',
      records: [{ unit: '东华派出所', count: 300 }],
      held: [{ unit: '华山派出所', count: 5000, target: 100 }],
    })
  })

  it("uses ten times the children's targets when the unit has none of its own", () => {
    // A district's own figure also counts volunteers beyond its stations' targets.
    expect(read('呈贡分局今日上岗 4800 人', undefined, example)).toMatchObject({
      kind: 'unplaced',
      held: [{ unit: '呈贡分局', count: 4800, target: 470 }],
    })
    expect(records(read('呈贡分局今日上岗 4700 人', undefined, example))).toEqual([
      ['呈贡分局', 4700],
    ])
  })

  it('holds only absurd figures when no target is known', () => {
    expect(records(read('治安支队发动 90万 人'))).toEqual([['治安支队', 900000]])
    expect(read('治安支队发动 120万 人')).toMatchObject({
      kind: 'unplaced',
      held: [{ unit: '治安支队', count: 1200000, target: 0 }],
    })
    expect(read('治安支队发动 1,200,000 人')).toMatchObject({ held: [{ count: 1200000 }] })
  })
})

describe('malformed figures', () => {
  /** The malformed figures of a result, as [written, unit]. */
  const malformed = (result: ParseResult): Array<[string, string | undefined]> =>
    result.kind === 'report' || result.kind === 'unplaced'
      ? (result.malformed ?? []).map((m) => [m.written, m.unit])
      : []

  it.each<[string, string | undefined, string]>([
    // Arithmetic: 150+20 was recorded as 20
    ['东华所今日上岗150+20人', undefined, '150+20'],
    ['东华所今日上岗 150 + 20 人', undefined, '150 + 20'],
    ['东华所今日上岗１５０＋２０人', undefined, '150+20'],
    ['东华所：早班150+晚班20，共150+20人', undefined, '150+20'],
    ['东华所上岗150+20=170人', undefined, '150+20=170'],
    ['东华所上岗80+70+20人', undefined, '80+70+20'],
    ['东华所到岗100-5人', undefined, '100-5'],
    ['东华所上岗20*3人', undefined, '20*3'],
    ['东华所上岗20×3人', undefined, '20×3'],
    ['东华所上岗20x3人', undefined, '20x3'],
    ['东华所上岗300÷2人', undefined, '300÷2'],
    ['东华所上岗150~160人', undefined, '150~160'],
    ['东华所上岗150-160人', undefined, '150-160'],
    ['东华所上岗一百五+二十人', undefined, '一百五+二十'],
    ['东华所上岗150+人', undefined, '150+'],
    ['东华所 150+20', undefined, '150+20'],
    ['东华所：150+20', undefined, '150+20'],
    // Separators in the wrong place: 1,0500 was recorded as 1
    ['东华所今日上岗1,0500人', undefined, '1,0500'],
    ['东华所今日上岗1，0500人', undefined, '1,0500'],
    ['东华所今日上岗12,34人', undefined, '12,34'],
    ['东华所今日上岗1、050人', undefined, '1、050'],
    ['东华所今日上岗1.000.000人', undefined, '1.000.000'],
    ['东华所今日上岗1,050,00人', undefined, '1,050,00'],
    ['东华所今日上岗1050,500人', undefined, '1050,500'],
    ['东华所今日上岗1.000人', undefined, '1.000'],
    ['东华所 326,12', undefined, '326,12'],
    // Decimals: no one is half on duty
    ['东华所今日上岗150.5人', undefined, '150.5'],
    ['东华所今日上岗1.5人', undefined, '1.5'],
    ['东华所今日上岗1.23456万人', undefined, '1.23456万'],
    // Signs: -50 was recorded as 50
    ['东华所今日上岗-50人', undefined, '-50'],
    ['东华所今日上岗+50人', undefined, '+50'],
    ['东华所今日上岗负50人', undefined, '负50'],
    ['东华所今日上岗−50人', undefined, '−50'],
    ['东华所今日上岗－50人', undefined, '-50'],
    ['东华所-150人', undefined, '-150'],
    ['东华所：-50', undefined, '-50'],
    ['东华所 -50', undefined, '-50'],
    ['今日上岗 -30 人', '东华派出所', '-30'],
    ['全所今日出动红袖标负五十人', '东华所', '负五十'],
    // Absurd sizes: more than any event puts on duty
    ['东华所今日上岗1000000000000人', undefined, '1000000000000'],
    ['东华所今日上岗100000000人', undefined, '100000000'],
    ['东华所今日上岗1e12人', undefined, '1e12'],
    ['东华所今日上岗13912345678人', undefined, '13912345678'],
    ['东华所今日上岗一亿人', undefined, '一亿'],
    ['东华所今日上岗 1.5亿 人', undefined, '1.5亿'],
    ['东华所 123456789012345678901234567890', undefined, '12345678901234567890…'],
    ['东华所今日上岗' + '9'.repeat(300) + '人', undefined, '99999999999999999999…'],
    ['东华所今日上岗' + '1+'.repeat(500) + '1人', undefined, '1+1+1+1+1+1+1+1+1+1+…'],
  ])('%j in a room of %s: nothing recorded, %j told back', (text, room, written) => {
    const result = read(text, room)
    expect(result).toMatchObject({ kind: 'unplaced', held: [], unknown: [], missingUnit: false })
    expect(malformed(result)).toEqual([[written, '东华派出所']])
  })

  it('never records a part of a malformed figure, nor a plain figure of the same unit', () => {
    for (const text of [
      '东华所今日上岗150人+20人',
      '东华所今日上岗150人 +20人',
      '东华所今日上岗150人、+20人',
      '东华所上岗150人\n东华所上岗-20人',
      '东华所今日上岗150+20人，点位12个',
      '【更正】东华所今日上岗1,0500人',
    ]) {
      const result = read(text)
      expect(records(result)).toEqual([])
      expect(malformed(result).map(([, unit]) => unit)).toEqual(['东华派出所'])
    }
  })

  it('records the other units beside a malformed figure', () => {
    const result = read('东华所上岗150+20人，拓东所上岗210人\n护国所：1,0500人\n华山所 98人')
    expect(result).toMatchObject({ kind: 'report' })
    expect(records(result)).toEqual([
      ['拓东派出所', 210],
      ['华山派出所', 98],
    ])
    expect(malformed(result)).toEqual([
      ['150+20', '东华派出所'],
      ['1,0500', '护国派出所'],
    ])
  })

  it('tells a malformed figure back once, whatever else the message holds', () => {
    expect(malformed(read('东华所上岗150+20人，东华所上岗150+20人'))).toEqual([
      ['150+20', '东华派出所'],
    ])
    const many = Array.from({ length: 30 }, (_, i) => `东华所上岗${i}+1人`).join('\n')
    expect(malformed(read(many))).toHaveLength(MAX_UNKNOWN)
  })

  it('tells a malformed figure back with no unit when none can be named', () => {
    // No unit in a room bound to none: the reply asks for the figure, with an example unit.
    expect(read('今日上岗150+20人')).toEqual({
      kind: 'unplaced',
      unknown: [],
      held: [],
      missingUnit: false,
      malformed: [{ written: '150+20' }],
    })
    // A unit not in the roster: nothing to look up with a count that is not one.
    expect(read('新区所今日上岗-50人', undefined, example)).toEqual({
      kind: 'unplaced',
      unknown: [],
      held: [],
      missingUnit: false,
      malformed: [{ written: '-50' }],
    })
  })

  it('reads malformed figures in a pasted table as nothing', () => {
    const text = '单位 人数 点位\n东华所 150+20 12\n拓东所 210 8\n护国所 1,0500 5\n华山所 1.000 3'
    const result = read(text)
    expect(records(result)).toEqual([['拓东派出所', 210]])
    expect(malformed(result)).toEqual([
      ['150+20', '东华派出所'],
      ['1,0500', '护国派出所'],
      ['1.000', '华山派出所'],
    ])
  })

  it.each<[string, string | undefined, Pair[]]>([
    // Well-formed figures keep working
    ['拓东所今日参与红袖标值守 1,050 人', undefined, [['拓东派出所', 1050]]],
    ['治安支队今日上岗 10,500 人', undefined, [['治安支队', 10500]]],
    ['治安支队今日上岗 1，050 人', undefined, [['治安支队', 1050]]],
    ['治安支队发动保安人员1.8万余名', undefined, [['治安支队', 18000]]],
    ['治安支队发动保安员1.5万余人', undefined, [['治安支队', 15000]]],
    ['治安支队上岗保安员 1.18 万名', undefined, [['治安支队', 11800]]],
    ['华山所今日上岗壹佰贰拾人', undefined, [['华山派出所', 120]]],
    ['东华所今日在岗志愿者 ２９０ 人', undefined, [['东华派出所', 290]]],
    ['治安支队今日发动 1234567 人', undefined, []],
    // Words that veto a figure still veto a malformed one: nothing to ask about
    ['东华所今日上岗150人，较昨日-5人', undefined, [['东华派出所', 150]]],
    ['东华所今日上岗150人（较昨日+20）', undefined, [['东华派出所', 150]]],
    ['东华所今日上岗150人，比昨天多10人', undefined, [['东华派出所', 150]]],
    // Dashes that are not signs
    ['东华所——150人', undefined, [['东华派出所', 150]]],
    ['- 东华所 150人', undefined, [['东华派出所', 150]]],
    ['8:30-9:00 东华所上岗150人', undefined, [['东华派出所', 150]]],
    ['2026-10-11 东华所上岗150人', undefined, [['东华派出所', 150]]],
  ])('%j in a room of %s', (text, room, expected) => {
    const result = read(text, room)
    expect(records(result)).toEqual(expected)
    expect(malformed(result)).toEqual([])
  })

  it('holds a large figure written plainly, as before', () => {
    expect(read('治安支队今日发动 1234567 人')).toMatchObject({
      kind: 'unplaced',
      held: [{ unit: '治安支队', count: 1234567, target: 0 }],
    })
  })

  it.each([
    '明天需要增派50+20人',
    '计划下周各所增加-30人',
    '东华所较昨日-5人',
    '今天气温-3度',
    '今天气温-3~5度',
    '0871-63123456',
    '+86 13912345678',
    '东华所值班电话：0871-67412345',
    '2026-10-11',
    '8:30-9:00',
    '1、2、3号点位在岗',
    '东华所150+20人吗？',
    '请东华所把150+20人改成合计数',
    '1+1=2',
    '-',
    '+',
    '负责人张三',
  ])('%j is still chatter', (text) => {
    expect(read(text, '五华分局')).toEqual({ kind: 'chatter' })
  })
})

describe('hostile input', () => {
  const timed = (text: string) => {
    const start = performance.now()
    const result = parseMessage(text, example, { roomUnit: '呈贡分局' })
    return { result, ms: performance.now() - start }
  }

  it.each<[string, string]>([
    ['100 KB of letters', 'a'.repeat(100_000)],
    ['100 KB of digits', '1'.repeat(100_000)],
    ['100 KB of Chinese numerals', '一'.repeat(100_000)],
    ['100 KB of place characters', '十百千万'.repeat(25_000)],
    ['100 KB of unit names', '龙城所'.repeat(33_000)],
    ['100 KB of unit endings', '所'.repeat(100_000)],
    ['100 KB of separators', '、,:(（【'.repeat(16_000)],
    ['thousands separators', '1,'.repeat(50_000)],
    ['decimal points', '1.'.repeat(50_000)],
    ['mentions', '@'.repeat(100_000)],
    ['hashes', '#'.repeat(100_000)],
    ['spaces', ' '.repeat(100_000) + '龙城所 150'],
    ['lines', '龙城所\n'.repeat(20_000)],
    ['reports', '龙城所上岗150人，'.repeat(10_000)],
    ['zero-width characters', '\u200B'.repeat(100_000)],
    ['right-to-left controls', '\u202E\u202D'.repeat(50_000)],
    ['digits then a letter', '1'.repeat(99_999) + 'x'],
    ['100 KB of 人', '人'.repeat(100_000)],
    ['digits and 人', '1人'.repeat(50_000)],
    ['nested brackets', '（【(['.repeat(12_500) + '])】）'.repeat(12_500)],
    ['alternating 1, and 1.', '1,1.'.repeat(25_000)],
    ['dashes and spaces', '- '.repeat(50_000)],
    ['quotes and separators', '「a」\n- - - - - - - - - - - - - - -\n'.repeat(2_700)],
    ['SQL', "龙城所'; DROP TABLE reports;-- 150人".repeat(3_000)],
  ])('%s: never stalls', (_name, text) => {
    const { result, ms } = timed(text)
    expect(ms).toBeLessThan(LINEAR_BUDGET_MS)
    expect(['report', 'unplaced', 'chatter', 'command']).toContain(result.kind)
  })

  it('reads through invisible and direction characters', () => {
    expect(records(read('龙城\u200B所今日上岗1\u200C50人', '呈贡分局', example))).toEqual([
      ['龙城派出所', 150],
    ])
    expect(records(read('\u202E龙城所今日上岗150人\u202C', undefined, example))).toEqual([
      ['龙城派出所', 150],
    ])
    expect(records(read('\uFEFF@红袖标助手\u2005洛龙所：１２０人', undefined, example))).toEqual([
      ['洛龙派出所', 120],
    ])
  })

  it('reads the first lines of an overlong paste, and never half a number', () => {
    const lines = Array.from({ length: 2000 }, (_, i) => (i % 2 ? '龙城所 150' : '洛龙所 120'))
    const result = read(lines.join('\n'), undefined, example)
    expect(records(result)).toEqual([
      ['洛龙派出所', 120],
      ['龙城派出所', 150],
    ])
    const padded = '\u200B'.repeat(5000) + '龙城所上岗150人'
    expect(records(read(padded, undefined, example))).toEqual([['龙城派出所', 150]])
    expect(
      records(read('龙城所上岗150人，' + '龙'.repeat(3991) + '洛龙所 1205', undefined, example)),
    ).toEqual([['龙城派出所', 150]])
  })

  it('survives random text built from the characters that matter', () => {
    const pieces = [
      '龙城所',
      '洛龙所',
      '呈贡分局',
      '环卫',
      '拓东所',
      '上岗',
      '到岗',
      '人',
      '名',
      '次',
      '个',
      '点位',
      '其中',
      '合计',
      '更正',
      '请',
      '明天',
      '较',
      '昨日',
      '今日',
      '1',
      '2',
      '0',
      '5',
      ',',
      '.',
      ':',
      '、',
      '，',
      '（',
      '）',
      '(',
      ')',
      '\n',
      ' ',
      '一',
      '两',
      '十',
      '百',
      '千',
      '万',
      '余',
      '多',
      '约',
      '#',
      '@',
      '号',
      '月',
      '日',
      '-',
      '%',
      '所',
    ]
    let seed = 42
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31
      return seed / 2 ** 31
    }
    for (let m = 0; m < 3000; m++) {
      let text = ''
      const length = 1 + Math.floor(random() * 30)
      for (let p = 0; p < length; p++) text += pieces[Math.floor(random() * pieces.length)]
      const result = parseMessage(
        text,
        example,
        random() < 0.5 ? { roomUnit: '龙城派出所' } : undefined,
      )
      if (result.kind !== 'report') continue
      for (const record of [...result.records, ...result.held]) {
        expect(example.units.has(record.unit)).toBe(true)
        expect(Number.isInteger(record.count) && record.count >= 0).toBe(true)
      }
    }
  })
})
