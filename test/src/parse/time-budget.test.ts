import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { parseCheckOrder } from '../../../src/checks/parse-check-order.js'
import { readCheckAnswer } from '../../../src/checks/read-check-answer.js'
import {
  MAX_FIELD_RECORD_CHARS,
  parseFieldRecord,
} from '../../../src/inspection/parse-field-record.js'
import { MAX_NOTE_CHARS, parseNote } from '../../../src/inspection/parse-note.js'
import { normalizeText } from '../../../src/parse/normalize.js'
import { parseMessage } from '../../../src/parse/parse-message.js'
import { stripQuote } from '../../../src/parse/strip-quote.js'
import { parseRoster } from '../../../src/roster/parse-roster.js'
import { parseDayArg } from '../../../src/time/parse-day-arg.js'
import { LINEAR_BUDGET_MS } from '../../helpers/linear-budget.js'

const roster = parseRoster(
  readFileSync(new URL('../../../roster.example.yaml', import.meta.url), 'utf8'),
  'roster.example.yaml',
)

const KB100 = 100_000
const SEP = '- - - - - - - - - - - - - - -'

/** Text built to be big, odd, or slow for a careless regular expression. */
const hostile: Record<string, string> = {
  empty: '',
  '100 KB of letters': 'a'.repeat(KB100),
  '100 KB of digits': '1'.repeat(KB100),
  'digits then a letter': '1'.repeat(KB100 - 1) + 'x',
  'digits then spaces then a letter': '1'.repeat(KB100 / 2) + ' '.repeat(KB100 / 2 - 1) + 'x',
  '100 KB of 人': '人'.repeat(KB100),
  'digits and 人': '1人'.repeat(KB100 / 2),
  'digits then 人': '1'.repeat(KB100 / 2) + '人'.repeat(KB100 / 2),
  'Chinese numerals': '一二两三四五六七八九十百千万'.repeat(KB100 / 14),
  'Chinese numerals then a letter': '三'.repeat(KB100 - 1) + 'x',
  '100 KB of 所': '所'.repeat(KB100),
  '100 KB of unit names': '龙城所'.repeat(KB100 / 3),
  'unit names and figures': '龙城所 150人\n'.repeat(KB100 / 9),
  'unit names and spaces': '龙城所 洛龙所 吴家营所 '.repeat(KB100 / 12),
  '10,000 lines': Array.from({ length: 10_000 }, (_, i) => `第${i + 1}行 龙城所 ${i}人`).join('\n'),
  'empty lines': '\n'.repeat(KB100),
  'nested brackets': '（【(['.repeat(KB100 / 8) + '])】）'.repeat(KB100 / 8),
  'opening brackets': '（('.repeat(KB100 / 2),
  'brackets around on-duty': '(在岗'.repeat(KB100 / 3),
  'alternating 1, and 1.': '1,1.'.repeat(KB100 / 4),
  'thousands separators': '1,'.repeat(KB100 / 2),
  'decimal points': '1.'.repeat(KB100 / 2),
  'commas then a letter': '，'.repeat(KB100 - 1) + 'x',
  'colons then a letter': ':'.repeat(KB100 - 1) + 'x',
  'mentions and spaces': '@ '.repeat(KB100 / 2),
  mentions: '@'.repeat(KB100),
  'mention-like words': '@所有人\u2005'.repeat(KB100 / 5),
  hashes: '#'.repeat(KB100),
  spaces: ' '.repeat(KB100),
  'tabs and spaces then a figure': ' \t'.repeat(KB100 / 2) + '龙城所 150',
  'zero-width characters': '\u200B'.repeat(KB100),
  'right-to-left controls': '\u202E\u202D'.repeat(KB100 / 2),
  emoji: '😀👍🌹'.repeat(KB100 / 6),
  'dashes and spaces': '- '.repeat(KB100 / 2),
  'dash lines': '-----\n'.repeat(KB100 / 6),
  'quote marks': '「'.repeat(KB100),
  'quotes and separators': `「a」\n${SEP}\n`.repeat(KB100 / 36),
  'quotes after separators': `收到\n${SEP}\n「a」\n`.repeat(KB100 / 40),
  'XML openings': '<msg>' + '<title>'.repeat(KB100 / 7),
  'on duty again and again': '在岗'.repeat(KB100 / 2),
  'findings again and again': '在岗3人管事'.repeat(KB100 / 6),
  'posts again and again': '龙城所北京路口在岗3人\n'.repeat(KB100 / 12),
  'random again and again': '随机'.repeat(KB100 / 2),
  'minutes again and again': '1分钟'.repeat(KB100 / 3),
  'dates again and again': '2026-10-11'.repeat(KB100 / 10),
  'months again and again': '10月'.repeat(KB100 / 3),
  SQL: "龙城所'; DROP TABLE reports;-- 150人".repeat(KB100 / 30),
  'SQL words': 'select '.repeat(KB100 / 7),
  'full-width digits': '１'.repeat(KB100),
}

/** Every reader of free text, each given the whole hostile text. */
const readers: Record<string, (text: string) => unknown> = {
  parseMessage: (text) => parseMessage(text, roster),
  'parseMessage in a sub-bureau room': (text) =>
    parseMessage(text, roster, { roomUnit: '呈贡分局' }),
  'parseMessage in a station room': (text) =>
    parseMessage(text, roster, { roomUnit: '龙城派出所' }),
  'parseMessage as a command': (text) => parseMessage(`#督检 ${text}`, roster),
  readCheckAnswer: (text) => readCheckAnswer(text, roster),
  'readCheckAnswer after a post': (text) => readCheckAnswer(`北京路口 在岗 ${text}`, roster),
  parseFieldRecord: (text) => parseFieldRecord(text, roster),
  'parseFieldRecord after a unit': (text) => parseFieldRecord(`龙城所 ${text}`, roster),
  // Longer lines are refused at once; these read as much as is read.
  'parseFieldRecord, the most it reads': (text) =>
    parseFieldRecord(`龙城所 ${text}`.slice(0, MAX_FIELD_RECORD_CHARS), roster),
  parseNote: (text) => parseNote('problem', `龙城所 ${text}`, roster),
  'parseNote, the most it reads': (text) =>
    parseNote('problem', `龙城所 ${text}`.slice(0, MAX_NOTE_CHARS), roster),
  'parseNote, focus': (text) => parseNote('focus', text, roster),
  parseCheckOrder: (text) => parseCheckOrder(text.split(/\s+/), roster),
  'parseCheckOrder, one word': (text) => parseCheckOrder([text], roster),
  'parseCheckOrder, after 随机': (text) => parseCheckOrder(['随机', text], roster),
  parseDayArg: (text) => parseDayArg(text, '2026-10-12'),
  stripQuote: (text) => stripQuote(normalizeText(text)),
}

/** The fastest of up to three runs: one slow run may be a GC pause, three are the code. */
function fastest(read: () => unknown): number {
  let best = Infinity
  for (let run = 0; run < 3 && best >= LINEAR_BUDGET_MS; run++) {
    const start = performance.now()
    read()
    best = Math.min(best, performance.now() - start)
  }
  return best
}

describe('time budget on hostile text', () => {
  describe.each(Object.entries(readers))('%s', (_reader, read) => {
    // Compiles the roster and warms the code, so the budget measures the reading.
    read('龙城所 北京路口 在岗3人')

    it.each(Object.entries(hostile))(`%s: under ${LINEAR_BUDGET_MS} ms`, (_text, text) => {
      expect(fastest(() => read(text))).toBeLessThan(LINEAR_BUDGET_MS)
    })
  })
})
