import { describe, expect, it } from 'vitest'
import { parseRoster, RosterError } from '../../src/roster/parse-roster.js'
import { rosterProblemWords } from '../../templates/roster-problem-words.js'

/** The Chinese problems of a roster that must be refused. */
function wordsOf(text: string): string[] {
  try {
    parseRoster(text, 'roster.yaml')
  } catch (error) {
    expect(error).toBeInstanceOf(RosterError)
    return (error as RosterError).details.map(rosterProblemWords)
  }
  throw new Error('roster was accepted')
}

describe('rosterProblemWords', () => {
  it('says each problem in Chinese, at the place the operator finds it', () => {
    const words = wordsOf(`
timezone: Asia/Kunmin
unit: []
units:
  - name: 盘龙分局
    units:
      - { name: 东华派出所, aliases: [东华所], taget: 300 }
      - { name: 拓东派出所, aliases: [东华所], points: 十 }
      - { aliases: [无名所] }
      - 联盟派出所
  - { name: 盘龙分局 }
  - { name: ＡＢＣ派出所 }
  - { name: ABC派出所 }
rooms:
  - { topic: 盘龙分局红袖标联络群, unit: 盘龙分具, role: liasion }
  - { topic: 盘龙分局红袖标联络群, role: command, units: [东华所] }
  - { role: command }
  - { topic: 共用群, unit: 东华所, units: 东华所, role: liaison }
  - 指挥部
`)
    expect(words).toEqual([
      '没有 unit 这一项，是否应为 units？',
      'timezone："Asia/Kunmin" 不是时区名，应写如 Asia/Shanghai',
      '单位 东华派出所（属 盘龙分局）：没有 taget 这一项，是否应为 target？',
      '单位 拓东派出所（属 盘龙分局）：points 写的是 "十"，应为 0 或正整数',
      '单位 拓东派出所（属 盘龙分局）："东华所" 已是 东华派出所 的名称或别名；名称不能重复',
      'units 第 3 项（属 盘龙分局）：缺少 name，每个单位都要有名称',
      'units 第 4 项（属 盘龙分局）：单位应写成 { name: 东华派出所, target: 300 } 的形式',
      '单位 盘龙分局：单位名称 "盘龙分局" 出现了两次',
      '单位 ABC派出所：单位名称 "ABC派出所" 出现了两次（与 ＡＢＣ派出所 视为同一名称：全角、半角按同一字读）',
      '群 盘龙分局红袖标联络群：role 应为 liaison（联络）、command（指挥）、inspection（督导）之一，是否应为 liaison？',
      '群 盘龙分局红袖标联络群：名册里没有单位 "盘龙分具"，是否应为 盘龙分局？',
      '群 盘龙分局红袖标联络群：群名重复',
      '群 盘龙分局红袖标联络群：units 只用于共用的联络群；command（指挥）群不对应单位',
      'rooms 第 3 项：缺少 topic，请写群名',
      '群 共用群：unit（本群的单位）和 units（共用群的各单位）只能写一个',
      '群 共用群：units 应为本群所报各单位的列表，如 units: [交警支队]',
      'rooms 第 5 项：群应写成 { topic: 红袖标指挥部, role: command } 的形式',
    ])
  })

  it('names a file that cannot be read or parsed', () => {
    expect(wordsOf('units: [ { name: 东华派出所')[0]).toMatch(/^YAML 格式有误：/)
    expect(wordsOf('- 东华派出所')).toEqual([
      '名册应由 timezone:、units: 和 rooms: 组成，如 units: [{ name: 东华派出所 }]',
    ])
    expect(wordsOf('timezone: Asia/Shanghai')).toEqual([
      'units：名册需要单位列表，如 units: [{ name: 东华派出所 }]',
    ])
  })
})
