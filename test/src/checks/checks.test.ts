import { describe, expect, it } from 'vitest'
import { attributeAnswer } from '../../../src/checks/attribute-answer.js'
import { parseCheckOrder } from '../../../src/checks/parse-check-order.js'
import { readCheckAnswer } from '../../../src/checks/read-check-answer.js'
import { exampleRoster } from '../../helpers/fixtures.js'

const roster = exampleRoster()

describe('readCheckAnswer', () => {
  it.each([
    ['北京路口 在岗 3人', { post: '北京路口', units: [] }],
    ['龙城所 春融路口 在岗 3人', { post: '春融路口', units: ['龙城派出所'] }],
    ['洛龙所：大学城地铁站在岗2人，正常', { post: '大学城地铁站', units: ['洛龙派出所'] }],
    ['1号点位在岗', { post: '1号点位', units: [] }],
    [
      '吴家营所 吴家营广场 在岗 2人（不好意思回复晚了）',
      { post: '吴家营广场', units: ['吴家营派出所'] },
    ],
  ])('reads %s as an answer', (text, expected) => {
    expect(readCheckAnswer(text, roster)).toEqual(expected)
  })

  it.each([
    '龙城所今日在岗150人',
    '今日在岗 148 人，点位 10 个',
    '洛龙所今日在岗122人，较昨日增加4人',
    '龙城派出所今日在岗巡防队员150名，设置执勤点位10处',
    '各点位均在岗',
    '吴家营所 已到位',
    '在岗',
    '收到',
  ])('does not take %s for an answer (a headcount, or no post named)', (text) => {
    expect(readCheckAnswer(text, roster)).toBeUndefined()
  })
})

describe('attributeAnswer', () => {
  const open = [
    { id: 'a', unit: '洛龙派出所' },
    { id: 'b', unit: '吴家营派出所' },
  ]
  it('gives a lone check the answer', () => {
    expect(attributeAnswer([open[0]!], { units: [] })).toEqual({
      kind: 'answers',
      checks: [open[0]],
    })
  })
  it('follows the units an answer names, and only open ones', () => {
    expect(attributeAnswer(open, { units: ['吴家营派出所'] })).toEqual({
      kind: 'answers',
      checks: [open[1]],
    })
    expect(attributeAnswer(open, { units: ['龙城派出所'] })).toEqual({ kind: 'none' })
  })
  it('falls back on the unit the sender reports for, else asks which', () => {
    expect(attributeAnswer(open, { units: [], senderUnit: '洛龙派出所' })).toEqual({
      kind: 'answers',
      checks: [open[0]],
    })
    expect(attributeAnswer(open, { units: [] })).toEqual({
      kind: 'which',
      units: ['洛龙派出所', '吴家营派出所'],
    })
  })
  it('has nothing to answer with no check open', () => {
    expect(attributeAnswer([], { units: ['洛龙派出所'] })).toEqual({ kind: 'none' })
  })
})

describe('parseCheckOrder', () => {
  it.each([
    [['龙城所'], { units: ['龙城派出所'], unknown: [] }],
    [
      ['龙城所', '洛龙所', '15分钟'],
      { units: ['龙城派出所', '洛龙派出所'], unknown: [], minutes: 15 },
    ],
    [
      ['呈贡分局', '随机', '2'],
      { units: [], unknown: [], random: { count: 2, within: '呈贡分局' } },
    ],
    [
      ['随机3', '半小时'],
      { units: [], unknown: [], random: { count: 3, within: undefined }, minutes: 30 },
    ],
    [
      ['随机', '两个', '1小时'],
      { units: [], unknown: [], random: { count: 2, within: undefined }, minutes: 60 },
    ],
    [['龙成所'], { units: [], unknown: ['龙成所'] }],
  ])('reads %j', (args, expected) => {
    expect(parseCheckOrder(args, roster)).toEqual(expected)
  })
})
