import { distance } from 'fastest-levenshtein'
import { resolveUnit } from '../roster/queries.js'
import type { Roster } from '../roster/roster.js'
import { parseCommand } from './command.js'
import { cachedTarget, CH, compile, isBelow, unitAt, type Compiled } from './compile.js'
import { interpret, KIND, type Candidate, type Step } from './interpret.js'
import { SQL_PAIRS, WRONG_FIGURE } from './lexicon.js'
import { normalizeText, stripLeadingMentions } from './normalize.js'
import { stripQuote } from './strip-quote.js'
import { mayHoldTable, readTables } from './table.js'
import { T, tokenize, type Tok } from './tokenize.js'
import type { Headcount, Implausible, ParseContext, ParseResult, UnknownUnit } from './types.js'

/**
 * How much of a message is read. Every step is linear, so this is not about regex blow-ups: it
 * bounds the work (and the reply) a 100 KB paste can cause to that of a 4 KB one. A bureau's
 * list of 30 stations is under 1,500 characters; anything longer is not a headcount report.
 * The text is cut at the last line break (or sentence end) before the cap, so no figure is read
 * from half a number.
 */
export const MAX_PARSE_CHARS = 4000
/**
 * Raw characters normalised before the cap applies: normalisation drops invisible characters,
 * so padding a message with zero-width spaces cannot push its figures past the cap.
 */
const MAX_RAW_CHARS = 4 * MAX_PARSE_CHARS

/**
 * Unit names not in the roster (and malformed figures) told back for one message: the reply names
 * each, and a paste of hundreds of strange names should not become a reply of hundreds.
 */
export const MAX_UNKNOWN = 10

/** A figure above this many times the unit's own target is held for confirmation. */
export const IMPLAUSIBLE_FACTOR = 3
/**
 * For a parent with no target of its own, the sum of its children's is a floor, not a plan:
 * a district's own figure (全区上岗 800 人) also counts volunteers no station has a target for.
 */
export const IMPLAUSIBLE_FACTOR_SUMMED = 10
/** With no target known, only a figure above this is held. */
export const ABSURD_COUNT = 1_000_000

const CHATTER: ParseResult = Object.freeze({ kind: 'chatter' })
// A module-level copy: under tsx, imported constant objects are read through getters.
const NUM_CHAR = CH.NUM

/**
 * Reads one liaison message: a command, headcounts and activities, or chatter (with `unread`
 * when it still looks like a report that could not be read).
 *
 * Held figures (`held`) carry the unit's target, or 0 when the unit has none and the figure is
 * held only for being absurd (> 1,000,000).
 *
 * @example parseMessage('东华派出所今日上岗红袖标326人，点位12个', roster)
 * // { kind: 'report', records: [{ unit: '东华派出所', count: 326, approx: false, points: 12 }], … }
 */
export function parseMessage(text: string, roster: Roster, context?: ParseContext): ParseResult {
  return read(text, roster, context, undefined)
}

/** What the parser saw of a message, for `redband parse --explain`. */
export interface Explanation {
  result: ParseResult
  /** The words read: normalised, the quote and leading mentions gone, tables blanked. */
  text: string
  tokens: Tok[]
  /** Every figure's fate, in the order read. */
  steps: Step[]
}

/** Reads a message as parseMessage does, keeping the tokens and every figure's fate. */
export function explainMessage(text: string, roster: Roster, context?: ParseContext): Explanation {
  const explanation: Explanation = { result: CHATTER, text: '', tokens: [], steps: [] }
  explanation.result = read(text, roster, context, explanation)
  return explanation
}

function read(
  text: string,
  roster: Roster,
  context: ParseContext | undefined,
  explain: Explanation | undefined,
): ParseResult {
  const compiled = compile(roster)
  const rawCut = text.length > MAX_RAW_CHARS
  const normalized = normalizeText(rawCut ? text.slice(0, MAX_RAW_CHARS) : text)
  // A quote reply is read for the new words only: the quoted report has counted already. The
  // unit it names is the one a correction in the new words speaks of.
  const own = stripQuote(normalized)
  let s = stripLeadingMentions(own)

  const command = parseCommand(s)
  if (command) return { kind: 'command', command }

  if (rawCut || s.length > MAX_PARSE_CHARS) s = cutAtBoundary(s.slice(0, MAX_PARSE_CHARS), compiled)
  // 人数不对，稍后重新报: no figure, but the liaison may be asked for it.
  if (!(mayHoldFigure(s, compiled) || WRONG_FIGURE.some((w) => s.includes(w))) || holdsSql(s))
    return CHATTER

  const roomUnit = resolveRoomUnit(roster, context?.roomUnit)
  const steps = explain?.steps
  const tables = mayHoldTable(s) ? readTables(s, compiled, roomUnit, steps) : undefined
  // The lines a table took are blanked (same length, so positions hold) for the clause reader.
  const rest = tables && tables.taken.length > 0 ? blank(s, tables.taken) : s
  const tokens = tokenize(rest, compiled)
  const quotedUnit = own !== normalized ? onlyUnitIn(normalized, compiled) : undefined
  const reading = interpret(rest, tokens, compiled, roomUnit, { quotedUnit, steps })
  if (explain) {
    explain.text = rest
    explain.tokens = tokens
  }
  if (tables) {
    reading.candidates.push(...tables.candidates)
    for (const u of tables.unknown) {
      if (!reading.unknown.some((v) => v.written === u.written && v.count === u.count))
        reading.unknown.push(u)
    }
    for (const m of tables.malformed) {
      if (!reading.malformed.some((v) => v.written === m.written && v.unit === m.unit))
        reading.malformed.push(m)
    }
  }
  if (reading.unknown.length > MAX_UNKNOWN) reading.unknown.length = MAX_UNKNOWN
  const malformed = reading.malformed
  if (malformed.length > MAX_UNKNOWN) malformed.length = MAX_UNKNOWN

  const records: Headcount[] = []
  const held: Implausible[] = []
  let candidates = reading.candidates
  if (malformed.length > 0) {
    // 150人+20人: a unit with a malformed figure beside a plain one records neither.
    const doubtful = new Set(malformed.map((m) => m.unit))
    candidates = candidates.filter((c) => !doubtful.has(c.unit))
  }
  for (const cand of chooseCandidates(candidates, reading.correction, steps)) {
    const record: Headcount = { unit: cand.unit, count: cand.count, approx: cand.approx }
    if (cand.points !== undefined) record.points = cand.points
    if (cand.breakdown !== undefined) record.breakdown = cand.breakdown
    const target = cachedTarget(compiled, cand.unit)
    const factor =
      roster.units.get(cand.unit)?.target === undefined
        ? IMPLAUSIBLE_FACTOR_SUMMED
        : IMPLAUSIBLE_FACTOR
    const limit = target === undefined ? ABSURD_COUNT : factor * target
    if (record.count > limit) {
      held.push({ ...record, target: target ?? 0 })
      steps?.push({ start: cand.start, end: cand.end, rule: 'held', unit: cand.unit })
    } else records.push(record)
  }

  if (records.length > 0 || reading.activities.length > 0) {
    return {
      kind: 'report',
      records,
      activities: reading.activities,
      correction: reading.correction,
      ...(reading.statedDate ? { statedDate: reading.statedDate } : {}),
      held,
      unknown: reading.unknown,
      ...(malformed.length > 0 ? { malformed } : {}),
    }
  }
  // A unit not in the roster but one slip from a roster name (马今铺所): asked about, not told
  // back as unknown.
  const misspelt =
    held.length === 0 && malformed.length === 0 && !reading.missingUnit
      ? misspeltAll(reading.unknown, compiled)
      : undefined
  if (misspelt) {
    return {
      kind: 'chatter',
      unread: { units: namedUnits(tokens), misspelt, why: 'misspelt unit' },
    }
  }
  if (
    held.length > 0 ||
    reading.unknown.length > 0 ||
    reading.missingUnit ||
    malformed.length > 0
  ) {
    return {
      kind: 'unplaced',
      unknown: reading.unknown,
      held,
      missingUnit: reading.missingUnit,
      ...(malformed.length > 0 ? { malformed } : {}),
    }
  }
  if (reading.doubt !== undefined) {
    const units = namedUnits(tokens)
    if (units.length === 0 && quotedUnit !== undefined) units.push(quotedUnit)
    return {
      kind: 'chatter',
      unread: { units, why: reading.doubt, ...(reading.police ? { police: true } : {}) },
    }
  }
  return CHATTER
}

/** Blanks [start, end) ranges of the text with spaces, keeping every position. */
function blank(text: string, ranges: Array<[number, number]>): string {
  let out = ''
  let from = 0
  for (const [start, end] of ranges) {
    out += text.slice(from, start) + ' '.repeat(end - start)
    from = end
  }
  return out + text.slice(from)
}

/**
 * The one roster unit a text names (weak aliases aside), or undefined for none or several. A unit
 * beside its parent (the sender's name 五华分局 张三 over 华山所 140) is the one meant.
 */
function onlyUnitIn(text: string, compiled: Compiled): string | undefined {
  let found: string | undefined
  for (let i = 0; i < text.length;) {
    const match = unitAt(compiled, text, i)
    if (!match) {
      i++
      continue
    }
    if (!match.weak && found !== match.unit) {
      if (found === undefined || isBelow(compiled.roster, match.unit, found)) found = match.unit
      else if (!isBelow(compiled.roster, found, match.unit)) return undefined
    }
    i = match.end
  }
  return found
}

/** The roster units the message names as subjects (not places, not ordinary words). */
function namedUnits(tokens: Tok[]): string[] {
  const units: string[] = []
  for (const t of tokens) {
    if (t.type === T.UNIT && !t.weak && !t.loc && !units.includes(t.unit)) units.push(t.unit)
  }
  return units
}

/**
 * The roster unit each unknown unit is one slip from (马今铺所 → 马金铺派出所), when every one
 * of them is so; else undefined. Reads the roster's names only for messages naming an unknown unit.
 */
function misspeltAll(
  unknown: UnknownUnit[],
  compiled: Compiled,
): { written: string; unit: string } | undefined {
  if (unknown.length === 0) return undefined
  let first: { written: string; unit: string } | undefined
  for (const u of unknown) {
    const unit = oneSlipFrom(u.written, compiled)
    if (unit === undefined) return undefined
    first ??= { written: u.written, unit }
  }
  return first
}

/** The one unit a name of three or more characters is one edit away from, if exactly one. */
function oneSlipFrom(written: string, compiled: Compiled): string | undefined {
  if (written.length < 3) return undefined
  let found: string | undefined
  for (const [name, unit] of compiled.roster.names) {
    if (Math.abs(name.length - written.length) > 1 || distance(name, written) !== 1) continue
    if (found !== undefined && found !== unit) return undefined
    found = unit
  }
  return found
}

/** The canonical name of the room's unit; a name the roster does not know counts as none. */
function resolveRoomUnit(roster: Roster, roomUnit: string | undefined): string | undefined {
  if (roomUnit === undefined) return undefined
  if (roster.units.has(roomUnit)) return roomUnit
  return resolveUnit(roster, roomUnit)
}

/** Any digit or Chinese numeral at all; most chatter (收到, 好的, [图片]) stops here. */
function mayHoldFigure(s: string, compiled: Compiled): boolean {
  const chars = compiled.chars
  const num = NUM_CHAR
  for (let i = 0; i < s.length; i++) if (chars[s.charCodeAt(i)]! & num) return true
  return false
}

const SQL = new Set(SQL_PAIRS)
/** Every pair holds a word of four letters or more. */
const SQL_WORD = /[a-z]{4}/i
/** `update t set`, `select * from`: the verb and its keyword may stand this many words apart. */
const SQL_REACH = 3

/**
 * Whether the text holds SQL (龙城所'; DROP TABLE reports;-- 150人, ' OR '1'='1). No liaison
 * writes that: a figure in it is a probe, not a report, and is not read. One pass over the ASCII
 * words, no regular expression.
 */
function holdsSql(s: string): boolean {
  if (s.includes("'1'='1") || s.includes('"1"="1')) return true
  if (!SQL_WORD.test(s)) return false // no word as long as drop, from, union…
  const words: string[] = []
  let i = 0
  while (i < s.length) {
    const c = s.charCodeAt(i) | 0x20
    if (c < 97 || c > 122) {
      i++
      continue
    }
    let j = i + 1
    while (j < s.length && ((s.charCodeAt(j) | 0x20) - 97) >>> 0 < 26) j++
    const word = s.slice(i, j).toLowerCase()
    for (let k = Math.max(0, words.length - SQL_REACH); k < words.length; k++) {
      if (SQL.has(`${words[k]} ${word}`)) return true
    }
    words.push(word)
    i = j
  }
  return false
}

/** Cuts a truncated text after its last complete line, or sentence, or clause. */
function cutAtBoundary(s: string, compiled: Compiled): string {
  const newline = s.lastIndexOf('\n')
  if (newline > 0) return s.slice(0, newline)
  for (let i = s.length - 1; i > 0; i--) {
    if (compiled.chars[s.charCodeAt(i)]! & CH.SEP) return s.slice(0, i)
  }
  return ''
}

/**
 * One figure per unit. When a message gives a unit several figures: after a correction marker the
 * last corrected one; else its total when one is written (保安40人，商户52人，合计152人); else its
 * shifts summed when only shifts are written (白班120人、夜班90人); else those from the most
 * explicit mention (named in the clause beats carried from the line, which beats the room's
 * unit); if those disagree, none (doubt).
 */
function chooseCandidates(
  candidates: Candidate[],
  correction: boolean,
  steps: Step[] | undefined,
): Candidate[] {
  if (candidates.length <= 1) return candidates
  const groups = new Map<string, Candidate[]>()
  for (const c of candidates) {
    const group = groups.get(c.unit)
    if (group) group.push(c)
    else groups.set(c.unit, [c])
  }
  const chosen: Candidate[] = []
  for (const group of groups.values()) {
    if (group.length === 1) {
      chosen.push(group[0]!)
      continue
    }
    const pool = poolOf(group, correction, steps)
    const first = pool[0]!
    if (pool.every((c) => c.count === first.count)) {
      first.points ??= group.find((c) => c.points !== undefined)?.points
      first.breakdown ??= group.find((c) => c.breakdown !== undefined)?.breakdown
      chosen.push(first)
    } else if (steps) {
      for (const c of pool)
        steps.push({ start: c.start, end: c.end, rule: 'disagree', unit: c.unit })
    }
  }
  return chosen
}

/**
 * The figures of one unit that may stand: the last corrected one, else its totals, else its
 * shifts summed (when only shifts are written), else the most explicit ones.
 */
function poolOf(group: Candidate[], correction: boolean, steps: Step[] | undefined): Candidate[] {
  let corrected: Candidate | undefined
  const totals: Candidate[] = []
  let shifts = 0
  for (const c of group) {
    if (correction && c.correction) corrected = c
    if (c.kind === KIND.TOTAL) totals.push(c)
    else if (c.kind === KIND.SHIFT) shifts++
  }
  if (corrected) return [corrected]
  if (totals.length > 0) return totals
  if (shifts === group.length) {
    const sum = { ...group[0]!, kind: KIND.PLAIN, count: 0, approx: false }
    for (const c of group) {
      sum.count += c.count
      sum.approx ||= c.approx
    }
    steps?.push({ start: sum.start, end: group.at(-1)!.end, rule: 'shiftSum', unit: sum.unit })
    return [sum]
  }
  // Several shifts beside a plain figure are its parts; a single shift is a plain figure.
  const rest = shifts > 1 ? group.filter((c) => c.kind !== KIND.SHIFT) : group
  const top = Math.max(...rest.map((c) => c.level))
  return rest.filter((c) => c.level === top)
}
