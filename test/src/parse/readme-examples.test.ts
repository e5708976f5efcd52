import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { parseMessage } from '../../../src/parse/parse-message.js'
import { singleUnitOf } from '../../../src/roster/room-units.js'
import { exampleRoster } from '../../helpers/fixtures.js'

/**
 * The README's "What liaisons can write" examples, in the groups of the shipped roster: each
 * message must appear in the README verbatim and be read as the README says.
 */
const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8')
const roster = exampleRoster()

const examples: Array<{ room: string; text: string; expect: Array<[string, number]> }> = [
  {
    room: '龙城派出所红袖标群',
    text: '龙城派出所今日上岗红袖标146人，点位10个',
    expect: [['龙城派出所', 146]],
  },
  { room: '呈贡分局红袖标联络群', text: '洛龙所：到岗 118 人', expect: [['洛龙派出所', 118]] },
  { room: '呈贡分局红袖标联络群', text: '洛龙 118', expect: [['洛龙派出所', 118]] },
  { room: '晋宁分局红袖标联络群', text: '昆阳所88', expect: [['昆阳派出所', 88]] },
  {
    room: '呈贡分局红袖标联络群',
    text: '龙城所、洛龙所分别上岗 140 人、115 人',
    expect: [
      ['龙城派出所', 140],
      ['洛龙派出所', 115],
    ],
  },
  {
    room: '晋宁分局红袖标联络群',
    text: '昆阳所、晋城所各上岗 80 人',
    expect: [
      ['昆阳派出所', 80],
      ['晋城派出所', 80],
    ],
  },
  { room: '行业部门联络群', text: '保安集团发动保安人员1.1万余名', expect: [['保安集团', 11000]] },
  {
    room: '行业部门联络群',
    text: '环卫集团、保安集团分别发动环卫工人2900余名、保安员1.1万名',
    expect: [
      ['环卫集团', 2900],
      ['保安集团', 11000],
    ],
  },
  { room: '呈贡分局红袖标联络群', text: '截至8:30，全局上岗1500人', expect: [['呈贡分局', 1500]] },
  {
    room: '龙城派出所红袖标群',
    text: '188人（其中保安60人、环卫40人）',
    expect: [['龙城派出所', 188]],
  },
  {
    room: '龙城派出所红袖标群',
    text: '保安40人，商户52人，居民60人，合计152人',
    expect: [['龙城派出所', 152]],
  },
  {
    room: '龙城派出所红袖标群',
    text: '白班70人，夜班45人，共115人',
    expect: [['龙城派出所', 115]],
  },
  {
    room: '呈贡分局红袖标联络群',
    text: '单位 计划 实到\n龙城所 150 146\n洛龙所 120 118',
    expect: [
      ['龙城派出所', 146],
      ['洛龙派出所', 118],
    ],
  },
  { room: '龙城派出所红袖标群', text: '1至10号点位共上岗146人', expect: [['龙城派出所', 146]] },
  { room: '龙城派出所红袖标群', text: '5号岗亭3名队员已到位', expect: [] },
  {
    room: '晋宁分局红袖标联络群',
    text: '晋宁公安分局晋城派出所上岗七十八人',
    expect: [['晋城派出所', 78]],
  },
  { room: '呈贡分局红袖标联络群', text: '吴家营所上岗一百五', expect: [['吴家营派出所', 150]] },
  {
    room: '呈贡分局红袖标联络群',
    text: '龙城所上岗人数由140人调整为146人',
    expect: [['龙城派出所', 146]],
  },
  { room: '呈贡分局红袖标联络群', text: '洛龙所是118人不是181人', expect: [['洛龙派出所', 118]] },
  {
    room: '呈贡分局红袖标联络群',
    text: '11月3日 龙城所上岗 122 人',
    expect: [['龙城派出所', 122]],
  },
  {
    room: '龙城派出所红袖标群',
    text: '今日巡逻 40 次，安全检查 12 次，排查隐患 2 起，化解纠纷 1 起',
    expect: [],
  },
  { room: '呈贡分局红袖标联络群', text: '累计出动12,000人次', expect: [] },
  { room: '呈贡分局红袖标联络群', text: '疏导群众40人', expect: [] },
  { room: '呈贡分局红袖标联络群', text: '预计200人左右', expect: [] },
  { room: '呈贡分局红袖标联络群', text: '回复抽查：春融路口3人在岗', expect: [] },
  { room: '呈贡分局红袖标联络群', text: '1.龙城所 2.洛龙所', expect: [] },
]

describe("the README's examples of what liaisons write", () => {
  it.each(examples)('$text', ({ room, text, expect: want }) => {
    const shown = text.split('\n')
    for (const part of shown) expect(readme).toContain(part)
    const topic = roster.rooms.find((r) => r.topic === room)
    expect(topic, `room ${room} is in roster.example.yaml`).toBeDefined()
    const result = parseMessage(text, roster, { roomUnit: singleUnitOf(topic!) })
    const records = result.kind === 'report' ? result.records.map((r) => [r.unit, r.count]) : []
    expect(records).toEqual(want)
  })
})
