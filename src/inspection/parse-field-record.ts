import { isNumeralStart, readNumeral } from '../numbers/parse-number.js'
import { FINDING_WORDS, PERSON_MEASURES } from '../parse/lexicon.js'
import { normalizeText, shortened, withChinesePunctuation } from '../parse/normalize.js'
import type { Roster } from '../roster/roster.js'
import { isSeparator, readUnit, trimSeparators } from './read-unit.js'

/** What an inspector found at a post (#督检). */
export interface FieldRecord {
  /** Canonical unit name. */
  unit: string
  /** The post as written, e.g. 北京路口. */
  post: string
  onDuty: boolean
  /** Volunteers found at the post; null when not said. */
  volunteers: number | null
  /** 管事: they act when something happens; null when not said. */
  engaged: boolean | null
  /** What the inspector wrote after the findings, e.g. 劝阻了占道经营; null when nothing. */
  note: string | null
}

/** A field record as kept: who recorded it, and when (epoch ms); its note aside. */
export interface StoredFieldRecord extends Omit<FieldRecord, 'note'> {
  inspector: string
  recordedAt: number
}

/** Why a #督检 line was not read. Nothing is guessed: the inspector is shown the form instead. */
export type FieldRecordProblem =
  /** Nothing written, or the line starts with the findings. */
  | 'no-unit'
  | 'unknown-unit'
  /** No words between the unit and the findings. */
  | 'no-post'
  /** Neither on duty (在岗) nor off (缺岗) is said. */
  | 'no-status'
  /** The findings disagree: 在岗 and 缺岗, two headcounts, 缺岗 with people, 管事 and 不管事. */
  | 'contradiction'
  /** Lines about several posts: each is recorded (and retracted) by a message of its own. */
  | 'several-posts'
  /** Longer than MAX_FIELD_RECORD_CHARS: a paste, not what was found at one post. */
  | 'too-long'

export type FieldRecordReading =
  | { ok: true; record: FieldRecord }
  | { ok: false; problem: Exclude<FieldRecordProblem, 'unknown-unit'> }
  | { ok: false; problem: 'unknown-unit'; written: string }

type Finding =
  /** weak: 有人 / 无人, which are findings only when no other words are glued after them. */
  | { kind: 'duty'; value: boolean; weak: boolean }
  | { kind: 'engaged'; value: boolean }
  | { kind: 'count'; value: number }

type Token = { start: number; end: number } & (
  Finding | { kind: 'separator' } | { kind: 'text'; filler: boolean }
)

const duty = (value: boolean, weak = false): Finding => ({ kind: 'duty', value, weak })
const engaged = (value: boolean): Finding => ({ kind: 'engaged', value })

const {
  onDuty,
  onDutyWeak,
  offDuty,
  offDutyWeak,
  engaged: acts,
  notEngaged,
  filler,
} = FINDING_WORDS

/** The words of the findings; where two start alike the longer is read (不管事 before 管事). */
const FINDINGS = new Map<string, Finding>([
  ...onDuty.map((w) => [w, duty(true)] as const),
  ...onDutyWeak.map((w) => [w, duty(true, true)] as const),
  ...offDuty.map((w) => [w, duty(false)] as const),
  ...offDutyWeak.map((w) => [w, duty(false, true)] as const),
  ...acts.map((w) => [w, engaged(true)] as const),
  ...notEngaged.map((w) => [w, engaged(false)] as const),
])
const LONGEST_WORD = Math.max(...[...FINDINGS.keys()].map((w) => w.length))

/**
 * The longest #督检 line read: unit, post, findings and a note fit in far less. Longer text is
 * refused whole rather than cut, so no finding is read from half a message.
 */
export const MAX_FIELD_RECORD_CHARS = 500
/** No unit is written longer; a longer unknown unit is told back cut to this. */
const MAX_WRITTEN = 20

/**
 * Reads the arguments of #督检: unit, post, then what was found there (on duty or not, how
 * many, whether they act), in any order and punctuation, and a note after it.
 * @example parseFieldRecord('东华所，北京路口：在岗3人，管事', roster)
 * // { ok: true, record: { unit: '东华派出所', post: '北京路口', onDuty: true, volunteers: 3, engaged: true, note: null } }
 */
export function parseFieldRecord(text: string, roster: Roster): FieldRecordReading {
  // Invisible characters are dropped by normalising, so allow for some before measuring.
  if (text.length > 4 * MAX_FIELD_RECORD_CHARS) return { ok: false, problem: 'too-long' }
  const line = normalizeText(text).trim()
  if (line.length > MAX_FIELD_RECORD_CHARS) return { ok: false, problem: 'too-long' }
  const unit = readUnit(line, roster)
  if (unit.unit === undefined) {
    const first = tokenize(line).find((t) => t.kind !== 'separator')
    if (first?.kind !== 'text') return { ok: false, problem: 'no-unit' }
    return { ok: false, problem: 'unknown-unit', written: shortened(unit.written, MAX_WRITTEN) }
  }

  const rest = line.slice(unit.end)
  if (rest.split('\n').filter((l) => tokenize(l).some(isStrongDuty)).length > 1) {
    return { ok: false, problem: 'several-posts' }
  }
  const tokens = tokenize(rest)
  const firstFinding = tokens.findIndex((t) => t.kind !== 'separator' && t.kind !== 'text')
  let postEnd = firstFinding === -1 ? tokens.length : firstFinding
  while (postEnd > 0 && isSeparatorOrFiller(tokens[postEnd - 1]!)) postEnd--
  const post = trimSeparators(rest.slice(0, tokens[postEnd - 1]?.end ?? 0)).replace(/\s+/g, ' ')
  if (post === '') return { ok: false, problem: 'no-post' }
  if (firstFinding === -1) return { ok: false, problem: 'no-status' }

  const { findings, noteStart } = findingsAndNote(tokens, firstFinding)
  const onDuty = agreed(findings.filter((f) => f.kind === 'duty').map((f) => f.value))
  const isEngaged = agreed(findings.filter((f) => f.kind === 'engaged').map((f) => f.value))
  const volunteers = agreed(findings.filter((f) => f.kind === 'count').map((f) => f.value))
  if (onDuty === undefined) return { ok: false, problem: 'no-status' }
  if (
    onDuty === 'disagree' ||
    isEngaged === 'disagree' ||
    volunteers === 'disagree' ||
    (volunteers !== undefined && volunteers > 0 !== onDuty)
  ) {
    return { ok: false, problem: 'contradiction' }
  }
  const note = noteStart === undefined ? '' : trimSeparators(rest.slice(noteStart))
  return {
    ok: true,
    record: {
      unit: unit.unit,
      post,
      onDuty,
      volunteers: volunteers ?? null,
      engaged: isEngaged ?? null,
      note: note === '' ? null : withChinesePunctuation(note),
    },
  }
}

/**
 * The findings from the first one on, up to the first word that is neither a finding nor a
 * filler: a note starts there. 劝阻 / 管事 glued to the note (劝阻了占道经营) still count and
 * stay in the note; a weak word glued to it (缺岗，有人反映…) is only note.
 */
function findingsAndNote(
  tokens: Token[],
  from: number,
): { findings: Finding[]; noteStart: number | undefined } {
  const findings: Finding[] = []
  for (let i = from; i < tokens.length; i++) {
    const token = tokens[i]!
    if (token.kind === 'separator' || (token.kind === 'text' && token.filler)) continue
    if (token.kind !== 'text') {
      findings.push(token)
      continue
    }
    const before = tokens[i - 1]!
    if (before.end === token.start && (before.kind === 'engaged' || isWeak(before))) {
      if (isWeak(before)) findings.pop()
      return { findings, noteStart: before.start }
    }
    return { findings, noteStart: token.start }
  }
  return { findings, noteStart: undefined }
}

/** The one value findings of a kind give, 'disagree' when they give several, undefined for none. */
function agreed<T>(values: T[]): T | 'disagree' | undefined {
  return new Set(values).size > 1 ? 'disagree' : values[0]
}

/**
 * Cuts a line into separators, findings and runs of other text, left to right. A bare number
 * is a headcount only right after 在岗 or 人数 (在岗:3); otherwise it needs 人 or 名 after it,
 * so 3号口 stays part of a post.
 */
function tokenize(text: string): Token[] {
  const tokens: Token[] = []
  let textStart = -1
  const closeText = (end: number) => {
    if (textStart < 0) return
    tokens.push({
      kind: 'text',
      start: textStart,
      end,
      filler: isFiller(text.slice(textStart, end)),
    })
    textStart = -1
  }
  let i = 0
  while (i < text.length) {
    if (isSeparator(text[i])) {
      closeText(i)
      let end = i + 1
      while (end < text.length && isSeparator(text[end])) end++
      tokens.push({ kind: 'separator', start: i, end })
      i = end
      continue
    }
    const word = findingWordAt(text, i)
    if (word !== undefined) {
      closeText(i)
      tokens.push({ ...FINDINGS.get(word)!, start: i, end: i + word.length })
      i += word.length
      continue
    }
    if (isNumeralStart(text.charCodeAt(i))) {
      const numeral = readNumeral(text, i)!
      const countEnd = headcountEnd(
        text,
        numeral,
        textStart < 0 ? tokens : text.slice(textStart, i),
      )
      if (countEnd !== undefined) {
        closeText(i)
        tokens.push({ kind: 'count', value: numeral.value, start: i, end: countEnd })
        i = countEnd
        continue
      }
      if (textStart < 0) textStart = i
      i = numeral.end
      continue
    }
    if (textStart < 0) textStart = i
    i++
  }
  closeText(text.length)
  return tokens
}

function findingWordAt(text: string, at: number): string | undefined {
  for (let length = LONGEST_WORD; length > 0; length--) {
    const word = text.slice(at, at + length)
    if (word.length === length && FINDINGS.has(word)) return word
  }
  return undefined
}

/**
 * Where a headcount written with this numeral ends (past 人 / 名), or undefined when it is not
 * one. `before`: the tokens before it, or the text glued in front of it.
 */
function headcountEnd(
  text: string,
  numeral: NonNullable<ReturnType<typeof readNumeral>>,
  before: Token[] | string,
): number | undefined {
  if (numeral.irregular || !numeral.integer) return undefined
  let end = numeral.end
  while (text[end] === ' ') end++
  const suffix = PERSON_MEASURES.find((s) => text.startsWith(s, end))
  if (suffix !== undefined) return end + suffix.length
  const ends =
    numeral.end === text.length ||
    isSeparator(text[numeral.end]) ||
    findingWordAt(text, numeral.end) !== undefined
  return ends && followsStatus(text, before) ? numeral.end : undefined
}

/** Right after 在岗 (在岗:3) or after 人数 (在岗人数3). */
function followsStatus(text: string, before: Token[] | string): boolean {
  if (typeof before === 'string') return before.endsWith('人数') && isFiller(before)
  const last = before.findLast((t) => t.kind !== 'separator')
  if (last?.kind === 'duty') return last.value
  return last?.kind === 'text' && text.slice(last.start, last.end).endsWith('人数') && last.filler
}

function isWeak(token: Token): boolean {
  return token.kind === 'duty' && token.weak
}

function isStrongDuty(token: Token): boolean {
  return token.kind === 'duty' && !token.weak
}

function isSeparatorOrFiller(token: Token): boolean {
  return token.kind === 'separator' || (token.kind === 'text' && token.filler)
}

function isFiller(word: string): boolean {
  let rest = word
  while (rest !== '') {
    const word = filler.find((f) => rest.startsWith(f))
    if (word === undefined) return false
    rest = rest.slice(word.length)
  }
  return true
}
