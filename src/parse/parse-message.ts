import { resolveUnit } from '../roster/queries.js'
import type { Roster } from '../roster/roster.js'
import { parseCommand } from './command.js'
import { cachedTarget, CH, compile, type Compiled } from './compile.js'
import { interpret, type Candidate } from './interpret.js'
import { normalizeText, stripLeadingMentions } from './normalize.js'
import { stripQuote } from './strip-quote.js'
import { mayHoldTable, readTables } from './table.js'
import { tokenize } from './tokenize.js'
import type { Headcount, Implausible, ParseContext, ParseResult } from './types.js'

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

/**
 * Reads one liaison message: a command, headcounts and activities, or chatter.
 *
 * Held figures (`held`) carry the unit's target, or 0 when the unit has none and the figure is
 * held only for being absurd (> 1,000,000).
 *
 * @example parseMessage('东华派出所今日上岗红袖标326人，点位12个', roster)
 * // { kind: 'report', records: [{ unit: '东华派出所', count: 326, approx: false, points: 12 }], … }
 */
export function parseMessage(text: string, roster: Roster, context?: ParseContext): ParseResult {
  const compiled = compile(roster)
  const rawCut = text.length > MAX_RAW_CHARS
  // A quote reply is read for the new words only: the quoted report has counted already.
  let s = stripLeadingMentions(
    stripQuote(normalizeText(rawCut ? text.slice(0, MAX_RAW_CHARS) : text)),
  )

  const command = parseCommand(s)
  if (command) return { kind: 'command', command }

  if (rawCut || s.length > MAX_PARSE_CHARS) s = cutAtBoundary(s.slice(0, MAX_PARSE_CHARS), compiled)
  if (!mayHoldFigure(s, compiled) || holdsSql(s)) return CHATTER

  const roomUnit = resolveRoomUnit(roster, context?.roomUnit)
  const reading = interpret(s, tokenize(s, compiled), compiled, roomUnit)
  if (mayHoldTable(s)) {
    const tables = readTables(s, compiled)
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
  for (const cand of chooseCandidates(candidates, reading.correction)) {
    const record: Headcount = { unit: cand.unit, count: cand.count, approx: cand.approx }
    if (cand.points !== undefined) record.points = cand.points
    if (cand.breakdown !== undefined) record.breakdown = cand.breakdown
    const target = cachedTarget(compiled, cand.unit)
    const factor =
      roster.units.get(cand.unit)?.target === undefined
        ? IMPLAUSIBLE_FACTOR_SUMMED
        : IMPLAUSIBLE_FACTOR
    const limit = target === undefined ? ABSURD_COUNT : factor * target
    if (record.count > limit) held.push({ ...record, target: target ?? 0 })
    else records.push(record)
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
  return CHATTER
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
  for (let i = 0; i < s.length; i++) if (chars[s.charCodeAt(i)]! & CH.NUM) return true
  return false
}

/** SQL statements as injection attempts write them: drop table, delete from, union select… */
const SQL_PAIRS = new Set([
  'drop table',
  'drop database',
  'delete from',
  'insert into',
  'truncate table',
  'alter table',
  'union select',
  'update set',
  'select from',
])
/** `update t set`, `select * from`: the verb and its keyword may stand this many words apart. */
const SQL_REACH = 3

/**
 * Whether the text holds SQL (龙城所'; DROP TABLE reports;-- 150人, ' OR '1'='1). No liaison
 * writes that: a figure in it is a probe, not a report, and is not read. One pass over the ASCII
 * words, no regular expression.
 */
function holdsSql(s: string): boolean {
  if (s.includes("'1'='1") || s.includes('"1"="1')) return true
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
      if (SQL_PAIRS.has(`${words[k]} ${word}`)) return true
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
 * last corrected one; else those from the most explicit mention (named in the clause beats carried
 * from the line, which beats the room's unit); if those disagree, none (doubt).
 */
function chooseCandidates(candidates: Candidate[], correction: boolean): Candidate[] {
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
    let pool = group
    const corrected = correction ? group.filter((c) => c.correction) : []
    if (corrected.length > 0) pool = [corrected.at(-1)!]
    else {
      const top = Math.max(...group.map((c) => c.level))
      pool = group.filter((c) => c.level === top)
    }
    const first = pool[0]!
    if (pool.every((c) => c.count === first.count)) {
      first.points ??= group.find((c) => c.points !== undefined)?.points
      first.breakdown ??= group.find((c) => c.breakdown !== undefined)?.breakdown
      chosen.push(first)
    }
  }
  return chosen
}
