/**
 * One left-to-right pass over normalised text that cuts it into tokens: roster units, units that
 * look like units but are not in the roster, keywords, numbers (with the word after them: 人, 次,
 * 个点位 …), separators and runs of other text. Every character is looked at a bounded number of
 * times (trie walks are bounded by the longest name), so the pass is linear.
 */
import {
  isNumeralChar,
  isNumeralStart,
  malformedEnd,
  MAX_COUNT as MAX_COUNT_IMPORTED,
  placeValue,
  readNumeral,
  signedStart,
} from '../numbers/parse-number.js'
import { CH, type Compiled, type TrieNode } from './compile.js'
import { K, NOT_AFTER_SUO, type UnitSuffix } from './lexicon.js'
import type { ActivityKind } from './types.js'

export const T = {
  UNIT: 1,
  UNKNOWN: 2,
  KW: 3,
  NUM: 4,
  SEP: 5,
  PLAIN: 6,
} as const

/** What follows a number. */
export const C = {
  /** Something else that is not a measure word: 五 in 五华. */
  NONE: 0,
  /** 人, 名, 位, 人次, 个人. */
  PERSON: 1,
  /** Nothing: end of text or a separator right after. */
  BARE: 2,
  /** Spaces, then something: a bare figure only if a unit or 点位 follows. */
  BARE_SPACE: 3,
  /** 个点位, 个点. */
  POINTS: 4,
  /** 次, 趟, 遍, 轮. */
  TIMES: 5,
  /** 起, 处, 件, 宗, 条, 项, 家, 户. */
  ITEMS: 6,
  /** 个, alone. */
  COUNT: 7,
  /** Anything that makes it not a count: 号, 月, 日, 点, 元, 岁, % … */
  OTHER: 8,
} as const

export interface Tok {
  type: number
  start: number
  end: number
  /** Keyword flags (K). */
  flags: number
  activity: ActivityKind | undefined
  /** Canonical name (UNIT) or the written name (UNKNOWN). */
  unit: string
  /** A unit written after 在 / 到 …: a place, not the subject. */
  loc: boolean
  /** Written as an alias that is an ordinary word (环卫): a subject only at the head of a line. */
  weak: boolean
  /** An unknown unit ending in 公交 / 地铁 that another ending may extend. */
  head: boolean
  /** May be part of an unknown unit's name. */
  absorbable: boolean
  // Numbers.
  value: number
  integer: boolean
  cls: number
  /** First character of an OTHER measure word (号, 月, 时 …). */
  clsChar: number
  approx: boolean
  /** Not a count whatever the context: time, phone number, range, list marker, ordinal … */
  skip: boolean
  /** A date (11月3日) read from this number: month and day, else 0. */
  month: number
  day: number
  /**
   * The figure as written when no count is written so (150+20, 1,0500, -50, 1.5, a 30-digit
   * run); else empty. Such a number is never an integer: nothing reads a part of it.
   */
  malformed: string
  /** Separator character code. */
  sep: number
}

function tok(type: number, start: number, end: number): Tok {
  return {
    type,
    start,
    end,
    flags: 0,
    activity: undefined,
    unit: '',
    loc: false,
    weak: false,
    head: false,
    absorbable: false,
    value: 0,
    integer: false,
    cls: C.NONE,
    clsChar: 0,
    approx: false,
    skip: false,
    month: 0,
    day: 0,
    malformed: '',
    sep: 0,
  }
}

const code = (s: string) => s.charCodeAt(0)
const MEASURE = new Map<number, number>()
for (const ch of '人名位') MEASURE.set(code(ch), C.PERSON)
for (const ch of '次趟遍轮') MEASURE.set(code(ch), C.TIMES)
for (const ch of '起处件宗条项家户') MEASURE.set(code(ch), C.ITEMS)
for (const ch of '号月日年点时分秒岁元块角%‰辆台部米天周届期楼层栋路线倍成级组班支批张份度斤吨室床公小单千万亿') {
  MEASURE.set(code(ch), C.OTHER)
}
MEASURE.set(code('个'), C.COUNT)

const POINT_WORDS = ['执勤点位', '执勤点', '点位', '岗点', '卡点', '岗位', '点', '岗']
const C_REN = code('人')
const C_CI = code('次')
const C_WEI = code('位')
const C_ZHI = code('置')
const C_DIAN = code('点')
const C_YUE = code('月')
const C_RI = code('日')
const C_HAO = code('号')
const C_YU = code('余')
const C_DUO = code('多')
const C_SHAO = code('少')
const C_LAI = code('来')
const C_DI = code('第')
const C_MEI = code('每')
const C_SUO = code('所')
const C_AT = 64
const C_YI = code('一')
const GROUP_WORDS = new Set([...'组岗班队哨'].map(code))
const RANGE_AFTER = new Set([':', '-', '~', '/', '—', '至', '到', '.'].map(code))
const RANGE_BEFORE = new Set([':', '-', '~', '/', '—', '至', '到', '.'].map(code))
const LIST_AFTER = new Set(['.', '、', ')'].map(code))
/** Before 所: 场所, 厕所, 住所 … are places, not units. */
const PLACE_BEFORE_SUO = new Set([...'场厕住处会诊寓'].map(code))

/** Characters an unknown unit's name may hold before its ending. */
const MAX_STEM = 8
const MAX_MENTION = 40

function skipSpaces(text: string, p: number, chars: Uint8Array): number {
  while (p < text.length && chars[text.charCodeAt(p)]! & SPACE) p++
  return p
}

/** Cuts normalised text into tokens. */
export function tokenize(text: string, compiled: Compiled): Tok[] {
  return new Lexer(text, compiled).run()
}

// Module-level copies: under tsx, imported constant objects are read through getters.
const SEP = CH.SEP
const SPACE = CH.SPACE
const TRIE = CH.TRIE
const SUFFIX = CH.SUFFIX
const NUM = CH.NUM
const CJK = CH.CJK
const LETTER = CH.LETTER
const LOCATION = K.LOCATION
const NAMEPART = K.NAMEPART
const APPROX = K.APPROX
const UNIT = T.UNIT
const UNKNOWN = T.UNKNOWN
const KW = T.KW
const NUMBER = T.NUM
const SEPARATOR = T.SEP
const PLAIN = T.PLAIN
const MAX_COUNT = MAX_COUNT_IMPORTED

/** The tokenizer's state; a class so that no closure is created per message. */
class Lexer {
  readonly tokens: Tok[] = []
  readonly n: number
  readonly chars: Uint8Array
  plainStart = -1
  /** Where the name of an unknown unit may start: after the last token that cannot be in one. */
  runStart = 0
  lineStart = 0

  constructor(
    readonly text: string,
    readonly compiled: Compiled,
  ) {
    this.n = text.length
    this.chars = compiled.chars
  }

  flushPlain(upTo: number): void {
    if (this.plainStart < 0) return
    if (upTo > this.plainStart) {
      const t = tok(PLAIN, this.plainStart, upTo)
      t.absorbable = true
      this.tokens.push(t)
    }
    this.plainStart = -1
  }

  /** The token before `pos` is a location word (在, 到 …) with only spaces between. */
  afterLocation(pos: number): boolean {
    const prev = this.tokens[this.tokens.length - 1]
    if (!prev || prev.type !== KW || !(prev.flags & LOCATION)) return false
    return skipSpaces(this.text, prev.end, this.chars) >= pos
  }

  /** Makes an unknown unit ending with `s` at `i`; false when the text before cannot be a name. */
  tryUnknown(i: number, s: UnitSuffix): boolean {
    const { text, tokens, chars } = this
    const end = i + s.text.length
    const next = end < this.n ? text.charCodeAt(end) : 0
    if (s.text.length === 1 && s.text.charCodeAt(0) === C_SUO) {
      if (NOT_AFTER_SUO.has(next)) return false
      if (i > 0 && PLACE_BEFORE_SUO.has(text.charCodeAt(i - 1))) return false
    }
    if (s.boundary && chars[next]! & CJK && !(chars[next]! & (TRIE | NUM | SUFFIX))) return false
    const stemStart = this.runStart
    const stemLength = i - stemStart
    if (stemLength > MAX_STEM) return false
    const prev = tokens[tokens.length - 1]
    if (stemLength === 0 && prev?.type === UNKNOWN && prev.head && prev.end === i) {
      prev.end = end
      prev.unit = text.slice(prev.start, end)
      prev.head = s.head
      return true
    }
    if (stemLength < s.minStem) return false
    while (tokens.length > 0 && tokens[tokens.length - 1]!.start >= stemStart) tokens.pop()
    const t = tok(UNKNOWN, stemStart, end)
    t.unit = text.slice(stemStart, end)
    t.head = s.head
    t.loc = this.afterLocation(stemStart)
    tokens.push(t)
    return true
  }

  run(): Tok[] {
    const { text, n, chars, tokens } = this
    const root = this.compiled.root
    const suffixes = this.compiled.suffixes
    let i = 0
    while (i < n) {
      const c = text.charCodeAt(i)
      const f = chars[c]!
      if (f & SEP) {
        this.flushPlain(i)
        const t = tok(SEPARATOR, i, i + 1)
        t.sep = c
        tokens.push(t)
        i++
        this.runStart = i
        if (c === 10) this.lineStart = i
        continue
      }
      if (f & SPACE) {
        this.flushPlain(i)
        i++
        this.runStart = i
        continue
      }
      if (c === C_AT) {
        // A mention inside the text: skip the name, it may hold digits.
        this.flushPlain(i)
        let j = i + 1
        const limit = Math.min(n, j + MAX_MENTION)
        while (j < limit && !(chars[text.charCodeAt(j)]! & (SPACE | SEP))) j++
        i = j
        this.runStart = i
        continue
      }

      let kwEnd = -1
      let kwNode: TrieNode | undefined
      if (f & TRIE) {
        let node = root
        let unitEnd = -1
        let unitNode: TrieNode | undefined
        for (let j = i; j < n;) {
          const next = node.next?.get(text.charCodeAt(j))
          if (!next) break
          node = next
          j++
          if (node.unit !== undefined) {
            unitEnd = j
            unitNode = node
          }
          if (node.kw !== undefined) {
            kwEnd = j
            kwNode = node
          }
        }
        if (unitNode && unitEnd >= kwEnd) {
          this.flushPlain(i)
          const t = tok(UNIT, i, unitEnd)
          t.unit = unitNode.unit!
          t.weak = unitNode.weak
          t.loc = this.afterLocation(i)
          tokens.push(t)
          i = unitEnd
          this.runStart = i
          continue
        }
      }

      if (f & SUFFIX) {
        const list = suffixes.get(c)
        let handled = false
        if (list) {
          for (let k = 0; k < list.length; k++) {
            const s = list[k]!
            if (!text.startsWith(s.text, i)) continue
            if (kwEnd > i + s.text.length) break // a longer keyword starts here
            this.flushPlain(i)
            if (this.tryUnknown(i, s)) {
              i += s.text.length
              this.runStart = i
            } else {
              // Not a name: the ending is ordinary text (各派出所, 大学城, 所以).
              if (this.plainStart < 0) this.plainStart = i
              i += s.text.length
            }
            handled = true
            break
          }
        }
        if (handled) continue
      }

      if (kwNode?.kw) {
        this.flushPlain(i)
        const t = tok(KW, i, kwEnd)
        t.flags = kwNode.kw.flags
        t.activity = kwNode.kw.activity
        t.absorbable = (t.flags & NAMEPART) !== 0
        tokens.push(t)
        i = kwEnd
        if (!t.absorbable) this.runStart = i
        continue
      }

      if (f & NUM) {
        const num = readNumber(text, i, this.lineStart, chars)
        if (num) {
          this.flushPlain(num.start) // a sign (负50) is the number's, not plain text
          const prev = tokens[tokens.length - 1]
          if (prev?.type === KW && prev.flags & APPROX && skipSpaces(text, prev.end, chars) >= i)
            num.approx = true
          tokens.push(num)
          i = num.end
          if (!num.absorbable) this.runStart = i
          continue
        }
      }

      if (f & (CJK | LETTER)) {
        if (this.plainStart < 0) this.plainStart = i
        i++
        continue
      }
      // Emoji, symbols, other punctuation: neutral, but they end a name.
      this.flushPlain(i)
      i++
      this.runStart = i
    }
    this.flushPlain(n)
    return tokens
  }
}

/** Reads the number at `i` with the measure word after it. */
function readNumber(
  text: string,
  i: number,
  lineStart: number,
  chars: Uint8Array,
): Tok | undefined {
  const r = readNumeral(text, i)
  if (!r) return undefined
  const n = text.length
  const start = signedStart(text, i)
  const t = tok(NUMBER, start, r.end)
  let value = r.value
  let decimal = r.decimal
  let p = malformedEnd(text, r.end)
  const runsOn = p >= 0
  if (!runsOn) {
    p = r.end
    // "1.18 万": a space before 万.
    if (r.arabic) {
      const q = skipSpaces(text, p, chars)
      if (q > p && q < n && placeValue(text.charCodeAt(q)) >= 1e4) {
        value = Math.round(value * placeValue(text.charCodeAt(q)) * 1e6) / 1e6
        decimal = false
        p = q + 1
      }
    }
  }
  t.value = value
  if (runsOn || start < i || decimal || !Number.isInteger(value) || value > MAX_COUNT) {
    t.malformed = text.slice(start, p)
  } else t.integer = true

  let skip = r.irregular || r.leadingZero
  // Seven to eleven digits in a row: a phone number or an id, unless 人 follows. Longer: absurd.
  const phoneLike = r.arabicRun >= 7 && r.arabicRun <= 11
  const prev = start > 0 ? text.charCodeAt(start - 1) : 0
  const prev2 = start > 1 ? text.charCodeAt(start - 2) : 0
  const next = p < n ? text.charCodeAt(p) : 0
  const next2 = p + 1 < n ? text.charCodeAt(p + 1) : 0
  if (chars[prev]! & LETTER || prev === 35 /* # */) skip = true
  if (RANGE_BEFORE.has(prev) && isNumeralChar(prev2)) skip = true // 8:30, 150-160, 11/3, 2024.11
  if (RANGE_AFTER.has(next) && isNumeralStart(next2)) skip = true
  if (chars[next]! & LETTER) skip = true // 5G, 24h, 3km
  // Ordinals and rates: 第3, 每5.
  let b = start - 1
  while (b >= 0 && chars[text.charCodeAt(b)]! & SPACE) b--
  const before = b >= 0 ? text.charCodeAt(b) : 0
  if (before === C_DI || before === C_MEI) skip = true
  // List markers at the start of a line: 1. 2、 (3) 一、
  if (LIST_AFTER.has(next)) {
    let q = lineStart
    while (q < start && (chars[text.charCodeAt(q)]! & SPACE || text.charCodeAt(q) === 40)) q++
    if (q === start) skip = true
  }

  // Approximation after the number: 200余, 80多, 100来.
  let q = skipSpaces(text, p, chars)
  let c = q < n ? text.charCodeAt(q) : 0
  if (
    c === C_YU ||
    (c === C_DUO && text.charCodeAt(q + 1) !== C_SHAO) ||
    (c === C_LAI && MEASURE.get(text.charCodeAt(q + 1)) === C.PERSON)
  ) {
    t.approx = true
    p = q + 1
    q = skipSpaces(text, p, chars)
    c = q < n ? text.charCodeAt(q) : 0
  }

  let cls: number = C.NONE
  let end = p
  const measure = MEASURE.get(c)
  if (q >= n || chars[c]! & SEP) {
    cls = C.BARE
  } else if (measure === C.PERSON) {
    if (c === C_WEI && text.charCodeAt(q + 1) === C_ZHI) {
      cls = C.OTHER
      end = q + 2
    } else {
      cls = C.PERSON
      end = q + (c === C_REN && text.charCodeAt(q + 1) === C_CI ? 2 : 1)
    }
  } else if (measure === C.COUNT) {
    const r2 = skipSpaces(text, q + 1, chars)
    let word = ''
    for (let w = 0; w < POINT_WORDS.length && !word; w++) {
      if (text.startsWith(POINT_WORDS[w]!, r2)) word = POINT_WORDS[w]!
    }
    if (word) {
      cls = C.POINTS
      end = r2 + word.length
    } else if (text.charCodeAt(r2) === C_REN) {
      cls = C.PERSON
      end = r2 + 1
    } else {
      cls = C.COUNT
      end = q + 1
    }
  } else if (c === C_DIAN && text.charCodeAt(q + 1) === C_WEI) {
    // 12点位 is 12 points; in "150 点位 10" the word 点位 starts the next item.
    if (q === p) {
      cls = C.POINTS
      end = q + 2
    } else cls = C.BARE_SPACE
  } else if (measure !== undefined) {
    cls = measure
    end = q + 1
    if (measure === C.OTHER) t.clsChar = c
  } else if (q > p) {
    cls = C.BARE_SPACE
  }
  // 两人一组, 一人一岗: a way of working, not a count.
  if (
    cls === C.PERSON &&
    text.charCodeAt(end) === C_YI &&
    GROUP_WORDS.has(text.charCodeAt(end + 1))
  ) {
    skip = true
  }
  if (cls === C.PERSON || cls === C.POINTS) {
    const r2 = skipSpaces(text, end, chars)
    if (text.startsWith('左右', r2) || text.startsWith('以上', r2)) {
      t.approx = true
      end = r2 + 2
    }
  }
  if (phoneLike && cls !== C.PERSON) skip = true
  t.cls = cls
  t.end = end

  // A date: 11月3日 / 11月3号.
  if (cls === C.OTHER && c === C_YUE && t.integer && value >= 1 && value <= 12) {
    const d = readNumeral(text, skipSpaces(text, end, chars))
    const after = d ? text.charCodeAt(d.end) : 0
    if (d && d.integer && d.value >= 1 && d.value <= 31 && (after === C_RI || after === C_HAO)) {
      t.month = value
      t.day = d.value
    }
  }
  t.skip = skip
  t.absorbable = cls === C.NONE && r.chinese && !r.arabic
  return t
}

export { C_HAO }
