/**
 * Reading numbers the way liaisons write them: Arabic (1050, 1,050, 11,800, 1.8), Chinese
 * (二百一十五, 两千零五十, 三千五, 壹佰贰拾), and mixtures with 万 / 千 (1.2万, 1万5, 3千); and
 * noticing figures written in a way no count is (150+20, 1,0500, -50), so that no part of them
 * is ever taken for the figure.
 *
 * Full-width digits are not handled here: callers normalise text with NFKC first.
 */
import { APPROX_AFTER, APPROX_BEFORE } from '../parse/lexicon.js'

/** No event puts 100 million people on duty: a larger figure is a slip or a probe, not a count. */
export const MAX_COUNT = 99_999_999

/** Digit value of a Chinese digit character, -1 for anything else. */
const CN_DIGIT = new Int8Array(0x10000).fill(-1)
/** Multiplier of a Chinese place character (十 百 千 万 亿), 0 for anything else. */
const CN_PLACE = new Float64Array(0x10000)

for (const [chars, value] of [
  ['零〇', 0],
  ['一壹', 1],
  ['二两贰', 2],
  ['三叁', 3],
  ['四肆', 4],
  ['五伍', 5],
  ['六陆', 6],
  ['七柒', 7],
  ['八捌', 8],
  ['九玖', 9],
] as const) {
  for (const ch of chars) CN_DIGIT[ch.charCodeAt(0)] = value
}
for (const [chars, value] of [
  ['十拾', 10],
  ['百佰', 100],
  ['千仟', 1000],
  ['万萬', 1e4],
  ['亿億', 1e8],
] as const) {
  for (const ch of chars) CN_PLACE[ch.charCodeAt(0)] = value
}

const isAsciiDigit = (c: number) => c >= 48 && c <= 57

/** A numeral may start at this character: an Arabic or Chinese digit, or 十 (十二 = 12). */
export function isNumeralStart(c: number): boolean {
  return isAsciiDigit(c) || CN_DIGIT[c]! >= 0 || CN_PLACE[c] === 10
}

/** Any character that can be part of a numeral (digits and place characters). */
export function isNumeralChar(c: number): boolean {
  return isAsciiDigit(c) || CN_DIGIT[c]! >= 0 || CN_PLACE[c]! > 0
}

/** The multiplier of 万 / 亿 / 千 / 百 / 十 (and their capital forms), else 0. */
export function placeValue(c: number): number {
  return CN_PLACE[c]!
}

export interface NumeralReading {
  /** The value read; not always an integer (1.5, or 1.234万 = 12340 after rounding). */
  value: number
  /** Index just past the numeral. */
  end: number
  /** The value is a whole number (after 万 / 千 scaling). */
  integer: boolean
  /** Contains Arabic digits. */
  arabic: boolean
  /** Contains Chinese digits or place characters. */
  chinese: boolean
  /** Longest run of Arabic digits without separators: 11 for a mobile phone number. */
  arabicRun: number
  /** Arabic and starting with 0 followed by more digits (0871, 007): an area code or an id. */
  leadingZero: boolean
  /** Written in a way no one writes a count (五5, 一百二三). */
  irregular: boolean
  /** Has a decimal point that no 万 / 千 scales (1.5, 1.000): a measure, not a count of people. */
  decimal: boolean
}

const C_JI = '几'.charCodeAt(0)
const C_DIAN = '点'.charCodeAt(0)

/** Where a run of numeral characters (digits, places, 几) starting at `from` ends. */
function numeralRunEnd(text: string, from: number): number {
  let p = from
  while (p < text.length && (isNumeralChar(text.charCodeAt(p)) || text.charCodeAt(p) === C_JI)) p++
  return p
}

/**
 * The Chinese digits after 点 in 一点二万 as a fraction (0.2), when a place of 千 or more follows
 * them; undefined otherwise (三点半, 八点).
 */
function chineseFraction(text: string, from: number): { value: number; end: number } | undefined {
  let value = 0
  let scale = 0.1
  let p = from
  while (p < text.length && CN_DIGIT[text.charCodeAt(p)]! >= 0) {
    value += CN_DIGIT[text.charCodeAt(p)]! * scale
    scale /= 10
    p++
  }
  if (p === from || p >= text.length || CN_PLACE[text.charCodeAt(p)]! < 1000) return undefined
  return { value, end: p }
}

/**
 * Reads the numeral starting at `start`, or returns undefined when none starts there.
 * Linear in the numeral's length; never looks further than the numeral plus one character.
 */
export function readNumeral(text: string, start: number): NumeralReading | undefined {
  const n = text.length
  if (start >= n || !isNumeralStart(text.charCodeAt(start))) return undefined
  let p = start
  let total = 0 // the part above the current 万 / 亿 section
  let section = 0 // the part of the current section already closed by a place (三千 in 三千五)
  let cur = -1 // the pending digit value, -1 when none
  let lastPlace = 0
  let zero = false // a 零 since the last place: 一千零五 is 1005, not shorthand
  let concat = false // digits read one after the other (二〇二四)
  let arabic = false
  let chinese = false
  let arabicRun = 0
  let leadingZero = false
  let irregular = false
  let decimal = false
  let curArabic = false

  while (p < n) {
    const c = text.charCodeAt(p)
    if (isAsciiDigit(c)) {
      if (cur >= 0) {
        irregular = true
        p = numeralRunEnd(text, p)
        break
      }
      let q = p
      let v = 0
      while (q < n && isAsciiDigit(text.charCodeAt(q))) v = v * 10 + (text.charCodeAt(q++) - 48)
      let run = q - p
      if (run > 1 && c === 48) leadingZero = true
      // Thousands separators: 1,050 and 11,800, each group exactly three digits.
      if (run <= 3) {
        while (
          q + 3 < n &&
          text.charCodeAt(q) === 44 &&
          isAsciiDigit(text.charCodeAt(q + 1)) &&
          isAsciiDigit(text.charCodeAt(q + 2)) &&
          isAsciiDigit(text.charCodeAt(q + 3)) &&
          !(q + 4 < n && isAsciiDigit(text.charCodeAt(q + 4)))
        ) {
          v = v * 1000 + (text.charCodeAt(q + 1) - 48) * 100
          v += (text.charCodeAt(q + 2) - 48) * 10 + (text.charCodeAt(q + 3) - 48)
          q += 4
        }
      }
      if (q + 1 < n && text.charCodeAt(q) === 46 && isAsciiDigit(text.charCodeAt(q + 1))) {
        let scale = 0.1
        q++
        const fracStart = q
        while (q < n && isAsciiDigit(text.charCodeAt(q))) {
          v += (text.charCodeAt(q++) - 48) * scale
          scale /= 10
        }
        run = Math.max(run, q - fracStart)
        decimal = true
      }
      arabicRun = Math.max(arabicRun, run)
      arabic = true
      curArabic = true
      cur = v
      p = q
      continue
    }
    if (c === C_JI && (cur >= 0 || lastPlace > 0)) {
      // 十几, 二十几, 几十, 几百: a rough range, not a count; read whole so no part of it is taken.
      irregular = true
      chinese = true
      p++
      continue
    }
    if (c === C_DIAN && cur >= 0 && !curArabic && lastPlace === 0 && total === 0) {
      // 一点二万: a Chinese decimal, only when 万 / 千 / 亿 scales it (三点半 is a time).
      const fraction = chineseFraction(text, p + 1)
      if (fraction) {
        cur += fraction.value
        p = fraction.end
        decimal = true
        continue
      }
    }
    const digit = CN_DIGIT[c]!
    if (digit >= 0) {
      chinese = true
      if (digit === 0) {
        if (cur >= 0 && lastPlace === 0) {
          cur *= 10
          concat = true
        } else zero = true
      } else if (cur >= 0) {
        if (lastPlace !== 0 || curArabic) {
          irregular = true
          p = numeralRunEnd(text, p)
          break
        }
        cur = cur * 10 + digit
        concat = true
      } else cur = digit
      p++
      continue
    }
    const place = CN_PLACE[c]!
    if (place > 0) {
      if (concat) irregular = true
      if (place < 1e4) {
        if (cur < 0) {
          if (place !== 10) {
            irregular = true
            p = numeralRunEnd(text, p)
            break
          }
          cur = 1
        }
        if (lastPlace !== 0 && lastPlace < 1e4 && place >= lastPlace) irregular = true
        section += cur * place
      } else {
        const v = section + Math.max(cur, 0)
        if (v === 0 && total === 0) {
          irregular = true
          p = numeralRunEnd(text, p)
          break
        }
        if (place === 1e4) total += v * 1e4
        else total = (total + v) * 1e8
        section = 0
      }
      chinese = true
      cur = -1
      curArabic = false
      decimal = false
      lastPlace = place
      zero = false
      p++
      continue
    }
    break
  }

  if (cur >= 0 && lastPlace >= 100 && !zero && !concat && cur < 10 && Number.isInteger(cur)) {
    // Shorthand: 三千五 = 3500, 一万二 = 12000, 两百五 = 250.
    cur *= lastPlace / 10
  }
  let value = total + section + Math.max(cur, 0)
  const rounded = Math.round(value)
  if (Math.abs(value - rounded) < 1e-6) value = rounded
  return {
    value,
    end: p,
    integer: Number.isInteger(value),
    arabic,
    chinese,
    arabicRun,
    leadingZero,
    irregular,
    decimal,
  }
}

const PLUS = 43
const DUN = '、'.charCodeAt(0)
/** What a character may do around a numeral (bits), in one table: a figure is read in one pass. */
const JOIN = new Uint8Array(0x10000)
/** Between two numerals, arithmetic or a range: + - * × ÷ = ~ and the minus sign. */
const OPERATOR = 1
/** Between two digits, a separator readNumeral did not take (1,0500) or a formula's letter (1e12). */
const GROUP = 2
/** Right before a numeral: a sign. */
const SIGN = 4
for (const [chars, bit] of [
  ['+-*×÷=~\u2212', OPERATOR],
  [',.、xXeE', GROUP],
  ['+-\u2212负', SIGN],
] as const) {
  for (const ch of chars) JOIN[ch.charCodeAt(0)]! |= bit
}

const isBlank = (c: number) => c === 32 || c === 9 || c === 0xa0

/**
 * Where a figure that runs on past its numeral (which ends at `end`) in a way no count is written
 * ends, or -1 when the numeral stands alone: arithmetic and ranges (150+20, 20*3, 20x3, 100-5,
 * 150~160, 150+20=170), digits grouped wrongly (1,0500, 12,34, 1、050, 1.000.000, 1e12) and a
 * trailing plus (150+人). Linear: every character is read once.
 * @example malformedEnd('150+20人', 3) // 6
 */
export function malformedEnd(text: string, end: number): number {
  const n = text.length
  if (end >= n) return -1
  const first = text.charCodeAt(end)
  if (JOIN[first] === 0 && !isBlank(first)) return -1 // nearly every numeral
  let p = end
  let malformed = false
  while (p < n) {
    const c = text.charCodeAt(p)
    if (
      JOIN[c]! & GROUP &&
      isAsciiDigit(text.charCodeAt(p - 1)) &&
      isAsciiDigit(text.charCodeAt(p + 1)) &&
      // 152、131、188人 lists three figures; 1、050 is one figure with a slip.
      (c !== DUN || text.charCodeAt(p + 1) === 48)
    ) {
      p += 2
      while (p < n && isAsciiDigit(text.charCodeAt(p))) p++
      malformed = true
      continue
    }
    let q = p
    while (q < n && isBlank(text.charCodeAt(q))) q++
    if (q >= n || !(JOIN[text.charCodeAt(q)]! & OPERATOR)) break
    let r = q + 1
    while (r < n && isBlank(text.charCodeAt(r))) r++
    const operand = readNumeral(text, r)
    if (operand) {
      p = operand.end
      malformed = true
      continue
    }
    if (q === p && text.charCodeAt(q) === PLUS) {
      p = q + 1
      malformed = true
    }
    break
  }
  return malformed ? p : -1
}

/**
 * Where a figure starts when a sign stands right before its numeral (-50, +50, 负50): the sign's
 * index; else `start`. A sign after a digit is an operator, which malformedEnd reads instead.
 */
export function signedStart(text: string, start: number): number {
  if (start === 0 || !(JOIN[text.charCodeAt(start - 1)]! & SIGN)) return start
  return start > 1 && isNumeralChar(text.charCodeAt(start - 2)) ? start : start - 1
}

/**
 * What a figure written as a sum of whole numbers adds up to (150+20 → 170), else undefined.
 * Only to show the liaison the plain form in a reply: it is never recorded.
 */
export function plainSum(written: string): number | undefined {
  const parts = written.split('+')
  if (parts.length < 2) return undefined
  let sum = 0
  for (const part of parts) {
    const reading = readNumeral(part.trim(), 0)
    if (!reading || reading.end !== part.trim().length) return undefined
    if (reading.irregular || reading.decimal || !reading.integer) return undefined
    sum += reading.value
  }
  return sum <= MAX_COUNT ? sum : undefined
}

export interface ParsedNumber {
  value: number
  /** Written with 余 / 多 / 约 / 近 / 左右: the figure is approximate. */
  approx: boolean
}

/**
 * Parses a string that is just a number, with optional approximation words.
 * @example parseNumber('1.2万余') // { value: 12000, approx: true }
 * @example parseNumber('三千五') // { value: 3500, approx: false }
 */
export function parseNumber(input: string): ParsedNumber | undefined {
  let s = input.normalize('NFKC').trim()
  let approx = false
  for (const prefix of APPROX_BEFORE) {
    if (s.startsWith(prefix)) {
      approx = true
      s = s.slice(prefix.length).trimStart()
      break
    }
  }
  const reading = readNumeral(s, 0)
  if (!reading || reading.irregular) return undefined
  let value = reading.value
  let rest = s.slice(reading.end).trim()
  // Past what a double holds exactly, the digits read are not the digits written.
  if (!Number.isSafeInteger(Math.trunc(value))) return undefined
  // "1.18 万": a space before 万.
  if (reading.arabic && rest.length > 0 && placeValue(rest.charCodeAt(0)) >= 1e4) {
    value = Math.round(value * placeValue(rest.charCodeAt(0)) * 1e6) / 1e6
    rest = rest.slice(1).trim()
  }
  for (const suffix of APPROX_AFTER) {
    if (rest.startsWith(suffix)) {
      approx = true
      rest = rest.slice(suffix.length).trim()
      break
    }
  }
  if (rest.length > 0) return undefined
  return { value, approx }
}
