/**
 * One left-to-right pass over normalised text that cuts it into tokens: roster units, units that
 * look like units but are not in the roster, keywords, numbers (with the word after them: 人, 次,
 * 个点位 …), separators and runs of other text. Every character is looked at a bounded number of
 * times (trie walks are bounded by the longest name), so the pass is linear.
 */
import * as numbers from '../numbers/parse-number.js'
import { CH, longestAt, type Compiled, type TrieNode } from './compile.js'
import {
  APPROX_AFTER,
  C,
  GROUP_WORDS,
  K,
  LIST_MARKS,
  MEASURES,
  NOT_AFTER_SUO,
  PLACE_BEFORE_SUO,
  POINT_WORDS,
  RANGE_MARKS,
  UNIT_KIND_WORDS,
  type SelfKind,
  type UnitSuffix,
} from './lexicon.js'
import type { ActivityKind } from './types.js'

export const T = {
  UNIT: 1,
  UNKNOWN: 2,
  KW: 3,
  NUM: 4,
  SEP: 5,
  PLAIN: 6,
} as const

export { C }

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
  /** A run of text glued to a place word (呈贡校区, 东华街道): where, never who. */
  place: boolean
  /** One end of a range (1至10号, 1-7号): many places, not one. */
  range: boolean
  /** The kind of unit a self-reference (我所, 全局) fits. */
  self: SelfKind | undefined
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
    cls: C_NONE,
    clsChar: 0,
    approx: false,
    skip: false,
    month: 0,
    day: 0,
    malformed: '',
    sep: 0,
    place: false,
    range: false,
    self: undefined,
  }
}

const code = (s: string) => s.charCodeAt(0)
const codes = (chars: string) => new Set([...chars].map(code))
const C_REN = code('人')
const C_CI = code('次')
const C_WEI = code('位')
const C_ZHI = code('置')
const C_DIAN = code('点')
const C_YUE = code('月')
const C_RI = code('日')
const C_HAO = code('号')
const C_DUO = code('多')
const C_SHAO = code('少')
const C_LAI = code('来')
const C_DI = code('第')
const C_MEI = code('每')
const C_SUO = code('所')
const C_AT = 64
const C_YI = code('一')
const C_DUN = code('、')
const C_DOT = code('.')
const C_ARROW = code('→')
const C_MINUS = code('-')
const C_GT = code('>')
const GROUP = codes(GROUP_WORDS)
const RANGE = codes(RANGE_MARKS)
const LIST = codes(LIST_MARKS)
const NOT_AFTER_SUO_CODES = codes(NOT_AFTER_SUO)
const PLACE_BEFORE_SUO_CODES = codes(PLACE_BEFORE_SUO)
/** One-character approximation marks after a number (余 多 来); 左右 / 以上 come after a measure. */
const APPROX_AFTER_CHARS = codes(APPROX_AFTER.filter((w) => w.length === 1).join(''))
const APPROX_AFTER_WORDS = APPROX_AFTER.filter((w) => w.length > 1)

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
const PLACE = K.PLACE
const FILL_ONLY = K.FILL
const UNIT = T.UNIT
const UNKNOWN = T.UNKNOWN
const KW = T.KW
const NUMBER = T.NUM
const SEPARATOR = T.SEP
const PLAIN = T.PLAIN
const MAX_COUNT = numbers.MAX_COUNT
const { isNumeralChar, isNumeralStart, malformedEnd, placeValue, readNumeral, signedStart } =
  numbers
const C_NONE = C.NONE
const C_PERSON = C.PERSON
const C_BARE = C.BARE
const C_BARE_SPACE = C.BARE_SPACE
const C_POINTS = C.POINTS
const C_COUNT = C.COUNT
const C_ITEMS = C.ITEMS
const C_OTHER = C.OTHER
const MEASURE_OF = MEASURES
const walk = longestAt

/** The tokenizer's state; a class so that no closure is created per message. */
class Lexer {
  readonly tokens: Tok[] = []
  readonly n: number
  readonly chars: Uint8Array
  plainStart = -1
  /** A number follows 、: numbers may share a measure word (shareMeasures). */
  listed = false
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
      if (NOT_AFTER_SUO_CODES.has(next)) return false
      if (i > 0 && PLACE_BEFORE_SUO_CODES.has(text.charCodeAt(i - 1))) return false
    }
    if (s.boundary && chars[next]! & CJK && !(chars[next]! & (TRIE | NUM | SUFFIX))) return false
    let stemStart = this.runStart
    // A one-character word inside a name (今 in 马今铺所) does not cut it short.
    let crossed = false
    for (let k = tokens.length - 1; k >= 0 && i - stemStart < MAX_STEM; k--) {
      const t = tokens[k]!
      if (t.start >= stemStart) continue
      if (t.end !== stemStart) break
      const word = t.type === KW && t.end - t.start === 1 && t.flags === FILL_ONLY
      if (word && i - stemStart < s.minStem) {
        stemStart = t.start
        crossed = true
      } else if (t.type === PLAIN && crossed) stemStart = t.start
      else break
    }
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

  /**
   * Where a count of the units just listed ends (马金铺、大学城两个所, 东华所 拓东所 2家单位), or -1:
   * such a number restates the list and is read as a filler word.
   */
  unitCountEnd(num: Tok): number {
    const prev = this.tokens[this.tokens.length - 1]
    if (!num.integer || (prev?.type !== UNIT && prev?.type !== UNKNOWN)) return -1
    const { text, chars } = this
    if (skipSpaces(text, prev.end, chars) < num.start) return -1
    const cls = num.cls
    if (cls !== C_NONE && cls !== C_COUNT && cls !== C_ITEMS) return -1
    const at = skipSpaces(text, num.end, chars)
    const word = UNIT_KIND_WORDS.find((w) => text.startsWith(w, at))
    return word === undefined ? -1 : at + word.length
  }

  run(): Tok[] {
    const { text, n, chars, tokens } = this
    const suffixes = this.compiled.suffixes
    let i = 0
    while (i < n) {
      const c = text.charCodeAt(i)
      const f = chars[c]!
      if (f === CJK) {
        // Most characters: an ideograph that starts no word, name or number.
        if (this.plainStart < 0) this.plainStart = i
        i++
        continue
      }
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
        const m = walk(this.compiled, text, i)
        kwEnd = m.kwEnd
        kwNode = m.kwNode
        const unitNode = m.unitNode
        const unitEnd = m.unitEnd
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

      // A word that starts like a number (一点, 十分) gives way to a longer number (一点二万).
      if (kwNode && f & NUM && kwNode.kw!.flags === 0) {
        const r = readNumeral(text, i)
        if (r && r.end > kwEnd) kwNode = undefined
      }
      if (kwNode?.kw) {
        if (kwNode.kw.flags & PLACE && this.plainStart >= 0) {
          // Glued to the text before it: a place (呈贡校区, 东华街道), one token.
          const t = tok(PLAIN, this.plainStart, kwEnd)
          t.place = true
          this.plainStart = -1
          tokens.push(t)
          i = kwEnd
          this.runStart = i
          continue
        }
        this.flushPlain(i)
        const t = tok(KW, i, kwEnd)
        t.flags = kwNode.kw.flags
        t.activity = kwNode.kw.activity
        t.self = kwNode.kw.self
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
          if (prev?.type === SEPARATOR && prev.sep === C_DUN) this.listed = true
          if (prev?.type === KW && prev.flags & APPROX && skipSpaces(text, prev.end, chars) >= i)
            num.approx = true
          const countEnd = this.unitCountEnd(num)
          if (countEnd > 0) {
            const t = tok(KW, num.start, countEnd)
            t.flags = FILL_ONLY
            tokens.push(t)
            i = countEnd
            this.runStart = i
            continue
          }
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
    if (this.listed) shareMeasures(tokens)
    return tokens
  }
}

/**
 * A list of numbers shares the measure word of its last one: 152、131、188人 are three counts of
 * people, 一、二、三号 three numbers. One pass from the right, so linear.
 */
function shareMeasures(tokens: Tok[]): void {
  for (let k = tokens.length - 3; k >= 0; k--) {
    const t = tokens[k]!
    if (t.type !== NUMBER || t.cls !== C_BARE) continue
    const sep = tokens[k + 1]!
    const next = tokens[k + 2]!
    if (sep.type !== SEPARATOR || sep.sep !== C_DUN || next.type !== NUMBER) continue
    if (next.cls === C_BARE || next.cls === C_BARE_SPACE || next.cls === C_NONE) continue
    t.cls = next.cls
    t.clsChar = next.clsChar
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

  let skip = r.leadingZero
  // Seven to eleven digits in a row: a phone number or an id, unless 人 follows. Longer: absurd.
  const phoneLike = r.arabicRun >= 7 && r.arabicRun <= 11
  const prev = start > 0 ? text.charCodeAt(start - 1) : 0
  const prev2 = start > 1 ? text.charCodeAt(start - 2) : 0
  const next = p < n ? text.charCodeAt(p) : 0
  const next2 = p + 1 < n ? text.charCodeAt(p + 1) : 0
  if (chars[prev]! & LETTER || prev === 35 /* # */) skip = true
  let range = false
  if (RANGE.has(prev) && isNumeralChar(prev2)) range = true // 8:30, 150-160, 11/3, 2024.11
  if (RANGE.has(next) && isNumeralStart(next2)) range = true
  if (range) skip = true
  // 1.龙城所 2.洛龙所: a list marker in a ranking, not a figure of the unit before it.
  if (next === C_DOT && chars[next2]! & CJK) skip = true
  if (chars[next]! & LETTER) skip = true // 5G, 24h, 3km
  // Ordinals and rates: 第3, 每5.
  let b = start - 1
  while (b >= 0 && chars[text.charCodeAt(b)]! & SPACE) b--
  const before = b >= 0 ? text.charCodeAt(b) : 0
  if (before === C_DI || before === C_MEI) skip = true
  // List markers at the start of a line: 1. 2、 (3) 一、
  if (LIST.has(next)) {
    let q = lineStart
    while (q < start && (chars[text.charCodeAt(q)]! & SPACE || text.charCodeAt(q) === 40)) q++
    if (q === start) skip = true
  }

  // Approximation after the number: 200余, 80多, 100来.
  let q = skipSpaces(text, p, chars)
  let c = q < n ? text.charCodeAt(q) : 0
  if (
    APPROX_AFTER_CHARS.has(c) &&
    (c === C_DUO
      ? text.charCodeAt(q + 1) !== C_SHAO
      : c !== C_LAI || MEASURE_OF.get(text.charCodeAt(q + 1)) === C_PERSON)
  ) {
    t.approx = true
    p = q + 1
    q = skipSpaces(text, p, chars)
    c = q < n ? text.charCodeAt(q) : 0
  }

  let cls: number = C_NONE
  let end = p
  const measure = MEASURE_OF.get(c)
  if (q >= n || chars[c]! & SEP) {
    cls = C_BARE
  } else if (measure === C_PERSON) {
    if (c === C_WEI && text.charCodeAt(q + 1) === C_ZHI) {
      cls = C_OTHER
      end = q + 2
    } else if (c === C_REN && text.charCodeAt(q + 1) === C_CI) {
      // 人次: people times days, a cumulative figure, never a headcount.
      cls = C_OTHER
      t.clsChar = C_CI
      end = q + 2
    } else {
      cls = C_PERSON
      end = q + 1
    }
  } else if (measure === C_COUNT) {
    const r2 = skipSpaces(text, q + 1, chars)
    let word = ''
    for (let w = 0; w < POINT_WORDS.length && !word; w++) {
      if (text.startsWith(POINT_WORDS[w]!, r2)) word = POINT_WORDS[w]!
    }
    if (word) {
      cls = C_POINTS
      end = r2 + word.length
    } else if (text.charCodeAt(r2) === C_REN) {
      cls = C_PERSON
      end = r2 + 1
    } else {
      cls = C_COUNT
      end = q + 1
    }
  } else if (c === C_DIAN && text.charCodeAt(q + 1) === C_WEI) {
    // 12点位 is 12 points; in "150 点位 10" the word 点位 starts the next item.
    if (q === p) {
      cls = C_POINTS
      end = q + 2
    } else cls = C_BARE_SPACE
  } else if (measure !== undefined) {
    cls = measure
    end = q + 1
    if (measure === C_OTHER) t.clsChar = c
  } else if (!(chars[c]! & (CJK | LETTER | NUM)) && c !== C_ARROW && c !== C_MINUS) {
    cls = C_BARE // an emoji or a symbol: a pause, as a separator is
  } else if (q > p) {
    cls = C_BARE_SPACE
  }
  // 两人一组, 一人一岗: a way of working, not a count.
  if (cls === C_PERSON && text.charCodeAt(end) === C_YI && GROUP.has(text.charCodeAt(end + 1))) {
    skip = true
  }
  if (cls === C_PERSON || cls === C_POINTS) {
    const r2 = skipSpaces(text, end, chars)
    for (const word of APPROX_AFTER_WORDS) {
      if (text.startsWith(word, r2)) {
        t.approx = true
        end = r2 + word.length
        break
      }
    }
  }
  if (phoneLike && cls !== C_PERSON) skip = true
  // 168→172人, 168->172: the figure before the arrow is the old one.
  if (c === C_ARROW || (c === C_MINUS && text.charCodeAt(q + 1) === C_GT)) skip = true
  if (r.irregular) {
    // 一百一二十人, 八九十人, 十几个人: a range, not a count. Told back when written as people.
    if (cls === C_PERSON && !t.malformed) {
      t.malformed = text.slice(start, r.end)
      t.integer = false
    } else skip = true
  }
  t.cls = cls
  t.end = end
  t.range = range || runsOn

  // A date: 11月3日 / 11月3号.
  if (cls === C_OTHER && c === C_YUE && t.integer && value >= 1 && value <= 12) {
    const d = readNumeral(text, skipSpaces(text, end, chars))
    const after = d ? text.charCodeAt(d.end) : 0
    if (d && d.integer && d.value >= 1 && d.value <= 31 && (after === C_RI || after === C_HAO)) {
      t.month = value
      t.day = d.value
    }
  }
  t.skip = skip
  t.absorbable = cls === C_NONE && r.chinese && !r.arabic
  return t
}

export { C_HAO }
