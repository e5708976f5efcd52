import { describe, expect, it } from 'vitest'
import {
  parseFieldRecord,
  type FieldRecord,
  type FieldRecordProblem,
} from '../../../src/inspection/parse-field-record.js'
import { parseRoster } from '../../../src/roster/parse-roster.js'

/** The units the inspectors' examples speak of. */
const roster = parseRoster(
  `
units:
  - name: 五华分局
    aliases: [五华公安分局]
    units:
      - { name: 东华派出所 }
      - { name: 拓东派出所 }
      - { name: 护国派出所 }
  - { name: 环卫集团, aliases: [环卫] }
`,
  'wuhua',
)

const found = (fields: Partial<FieldRecord>): FieldRecord => ({
  unit: '东华派出所',
  post: '北京路口',
  onDuty: true,
  volunteers: null,
  engaged: null,
  note: null,
  ...fields,
})

describe('parseFieldRecord reads what inspectors write', () => {
  it.each<[string, FieldRecord]>([
    ['东华所 北京路口 在岗 3人 管事', found({ volunteers: 3, engaged: true })],
    ['拓东所 东风广场 缺岗', found({ unit: '拓东派出所', post: '东风广场', onDuty: false })],
    ['东华所，北京路口：在岗3人，管事', found({ volunteers: 3, engaged: true })],
    ['东华所 北京路口 3人在岗', found({ volunteers: 3 })],
    ['东华所北京路口在岗三人管事', found({ volunteers: 3, engaged: true })],
    ['东华派出所 北京路口 到岗 两名 不管事', found({ volunteers: 2, engaged: false })],
    ['东华所 北京路口 在岗 3 人，未管事', found({ volunteers: 3, engaged: false })],
    ['东华所 北京路口 有人 不作为', found({ engaged: false })],
    ['东华所 北京路口 在岗:3', found({ volunteers: 3 })],
    ['东华所 北京路口 在岗人数3', found({ volunteers: 3 })],
    ['东华所 北京路口 在岗志愿者3名，均管事', found({ volunteers: 3, engaged: true })],
    ['东华所 北京路口 有3名队员值守(管事)', found({ volunteers: 3, engaged: true })],
    ['五华分局 东华所 北京路口 在岗 2人', found({ volunteers: 2 })],
    ['拓东所 东风广场 脱岗', found({ unit: '拓东派出所', post: '东风广场', onDuty: false })],
    [
      '拓东所 东风广场 空岗 0人',
      found({ unit: '拓东派出所', post: '东风广场', onDuty: false, volunteers: 0 }),
    ],
    ['拓东所 东风广场 无人值守', found({ unit: '拓东派出所', post: '东风广场', onDuty: false })],
    ['拓东所 东风广场 无人在岗', found({ unit: '拓东派出所', post: '东风广场', onDuty: false })],
    ['拓东所 东风广场 不在岗', found({ unit: '拓东派出所', post: '东风广场', onDuty: false })],
    ['东华所 北京路口 未到岗', found({ onDuty: false })],
  ])('%s', (text, record) => {
    expect(parseFieldRecord(text, roster)).toEqual({ ok: true, record })
  })
})

describe('parseFieldRecord keeps the post as written', () => {
  it.each<[string, string]>([
    ['东华所 3号口 在岗2人', '3号口'],
    ['东华所 一二一大街 在岗2人', '一二一大街'],
    ['东华所 人民路口 到岗5人', '人民路口'],
    ['东华所 北京路 白塔路口 在岗 2人', '北京路 白塔路口'],
    ['东华所 北京路口(东侧) 在岗2人', '北京路口(东侧)'],
    ['东华所 1-2号口 志愿者2人在岗', '1-2号口'],
  ])('%s', (text, post) => {
    expect(parseFieldRecord(text, roster)).toMatchObject({ ok: true, record: { post } })
  })
})

describe('parseFieldRecord keeps a note written after the findings', () => {
  it.each<[string, Partial<FieldRecord>]>([
    ['东华所 北京路口 在岗 3人 管事，劝阻了占道经营', { engaged: true, note: '劝阻了占道经营' }],
    // 劝阻 glued to the note still says they act.
    ['东华所 北京路口 在岗3人，劝阻了占道经营', { engaged: true, note: '劝阻了占道经营' }],
    ['东华所 北京路口 在岗3人 管事 占道经营已劝离。', { engaged: true, note: '占道经营已劝离' }],
    ['东华所 北京路口 在岗:2 (已拍照)', { volunteers: 2, note: '（已拍照）' }],
    ['拓东所 东风广场 缺岗已上报所领导', { onDuty: false, note: '已上报所领导' }],
    // 有人 glued to the note is the note's (someone reported), not a finding.
    ['拓东所 东风广场 缺岗，有人反映占道经营', { onDuty: false, note: '有人反映占道经营' }],
  ])('%s', (text, fields) => {
    expect(parseFieldRecord(text, roster)).toMatchObject({ ok: true, record: fields })
  })
})

describe('parseFieldRecord reads nothing it would have to guess', () => {
  it.each<[string, FieldRecordProblem]>([
    ['', 'no-unit'],
    ['   ', 'no-unit'],
    ['在岗3人 管事', 'no-unit'],
    ['东风广场 在岗3人', 'unknown-unit'],
    ['今天天气不错', 'unknown-unit'],
    ['东华所', 'no-post'],
    ['东华所 在岗3人', 'no-post'],
    ['东华所 北京路口', 'no-status'],
    ['东华所 北京路口 3人 管事', 'no-status'],
    ['东华所 北京路口 人很多', 'no-status'],
    ['东华所 北京路口 在岗 缺岗', 'contradiction'],
    ['东华所 北京路口 在岗3人 劝阻2人', 'contradiction'],
    ['东华所 北京路口 在岗 3人 管事 不管事', 'contradiction'],
    // 缺岗3人 may mean three missing: a headcount of absentees is not recorded as present.
    ['东华所 北京路口 缺岗3人', 'contradiction'],
    ['东华所 北京路口 在岗 0人', 'contradiction'],
    ['东华所 北京路口 在岗3人\n拓东所 东风广场 缺岗', 'several-posts'],
    ['东华所\n北京路口 在岗3人\n人民路口 脱岗', 'several-posts'],
  ])('%j: %s', (text, problem) => {
    expect(parseFieldRecord(text, roster)).toMatchObject({ ok: false, problem })
  })

  it('names what stood where the unit should, cut at the unit ending', () => {
    expect(parseFieldRecord('东花所北京路口 在岗3人', roster)).toEqual({
      ok: false,
      problem: 'unknown-unit',
      written: '东花所',
    })
  })

  it('reads a unit, then its post on the next line', () => {
    expect(parseFieldRecord('东华所\n北京路口 在岗3人', roster)).toMatchObject({
      ok: true,
      record: { unit: '东华派出所', post: '北京路口', volunteers: 3 },
    })
  })
})
