import { describe, expect, it } from 'vitest'
import { parseNote, type Note, type NoteReading } from '../../../src/inspection/parse-note.js'
import { parseRoster } from '../../../src/roster/parse-roster.js'

const roster = parseRoster(
  `
units:
  - name: 五华分局
    units:
      - { name: 东华派出所 }
      - { name: 拓东派出所 }
`,
  'wuhua',
)

describe('parseNote: #表扬 and #问题 are unit, subject, text', () => {
  it.each<[Note['kind'], string, Omit<Note, 'kind'>]>([
    [
      'commendation',
      '东华所 张三 劝阻占道经营',
      { unit: '东华派出所', subject: '张三', text: '劝阻占道经营' },
    ],
    [
      'commendation',
      '东华所：张三、李四，主动劝阻占道经营。',
      { unit: '东华派出所', subject: '张三、李四', text: '主动劝阻占道经营' },
    ],
    [
      'commendation',
      '东华派出所张三 帮走失老人找到家人',
      { unit: '东华派出所', subject: '张三', text: '帮走失老人找到家人' },
    ],
    [
      'problem',
      '拓东所 东风广场 无人值守',
      { unit: '拓东派出所', subject: '东风广场', text: '无人值守' },
    ],
    [
      'problem',
      '拓东所 东风广场 志愿者扎堆聊天 未佩戴袖标',
      { unit: '拓东派出所', subject: '东风广场', text: '志愿者扎堆聊天 未佩戴袖标' },
    ],
    // One phrase after the unit: all of it is the text; nothing is split off as a guess.
    [
      'problem',
      '拓东所东风广场无人值守',
      { unit: '拓东派出所', subject: null, text: '东风广场无人值守' },
    ],
    [
      'problem',
      '五华分局 拓东所 东风广场 无人值守',
      { unit: '拓东派出所', subject: '东风广场', text: '无人值守' },
    ],
  ])('%s %s', (kind, text, note) => {
    expect(parseNote(kind, text, roster)).toEqual({ ok: true, note: { kind, ...note } })
  })
})

describe('parseNote: #明日重点 is free text', () => {
  it.each<[string, string]>([
    ['东风广场一带早高峰前增派人手', '东风广场一带早高峰前增派人手'],
    [': 东华所、拓东所重点盯防北京路沿线 ', '东华所、拓东所重点盯防北京路沿线'],
    ['1. 北京路口加派2人\n2. 东风广场8点前到岗', '1. 北京路口加派2人\n2. 东风广场8点前到岗'],
  ])('%j', (text, expected) => {
    expect(parseNote('focus', text, roster)).toEqual({
      ok: true,
      note: { kind: 'focus', unit: null, subject: null, text: expected },
    })
  })
})

describe('parseNote reads nothing it would have to guess', () => {
  it.each<[Note['kind'], string, NoteReading]>([
    ['commendation', '', { ok: false, problem: 'no-unit' }],
    ['commendation', '东华所', { ok: false, problem: 'no-text' }],
    ['problem', '拓东所：', { ok: false, problem: 'no-text' }],
    ['problem', '东风广场 无人值守', { ok: false, problem: 'unknown-unit', written: '东风广场' }],
    ['commendation', '东花所 张三 劝阻', { ok: false, problem: 'unknown-unit', written: '东花所' }],
    ['focus', '  ', { ok: false, problem: 'no-text' }],
  ])('%s %j', (kind, text, reading) => {
    expect(parseNote(kind, text, roster)).toEqual(reading)
  })
})
