import { compile, unitAt } from '../parse/compile.js'
import { UNIT_SUFFIXES } from '../parse/lexicon.js'
import { ancestors } from '../roster/queries.js'
import type { Roster } from '../roster/roster.js'

/**
 * What separates the parts of an inspector's line once NFKC has folded full-width forms
 * (，→ , ：→ : ；→ ;): spaces and punctuation. Not `-` (posts are written 1-2号口) nor
 * brackets, which enclose part of a post: 北京路口(东侧).
 */
const SEPARATORS = new Set(' \t\n\r\u00a0,:;!?.、。—…'.split(''))

export function isSeparator(ch: string | undefined): boolean {
  return ch !== undefined && SEPARATORS.has(ch)
}

/** The text without separators at either end. */
export function trimSeparators(text: string): string {
  let start = 0
  let end = text.length
  while (start < end && isSeparator(text[start])) start++
  while (end > start && isSeparator(text[end - 1])) end--
  return text.slice(start, end)
}

export type UnitReading =
  /** `end`: index just past the unit's name in the text. */
  | { unit: string; end: number }
  /** No roster name starts the text; `written` is what stands where the unit should (empty if nothing). */
  | { unit: undefined; written: string }

/**
 * Reads the unit an inspector's line starts with, by the parser's matcher: the longest roster
 * name (canonical, alias or short form) the text begins with, glued to what follows or not. A unit followed by one of
 * its own sub-units (呈贡分局 龙城所) is read as the sub-unit.
 * @example readUnit('东华所北京路口 在岗', roster) // { unit: '东华派出所', end: 3 }
 */
export function readUnit(text: string, roster: Roster): UnitReading {
  const compiled = compile(roster)
  const first = unitAt(compiled, text, skipSeparators(text, 0))
  if (first === undefined) return { unit: undefined, written: writtenUnit(text) }
  const second = unitAt(compiled, text, skipSeparators(text, first.end))
  const found =
    second && ancestors(roster, second.unit).some((u) => u.name === first.unit) ? second : first
  return { unit: found.unit, end: found.end }
}

function skipSeparators(text: string, from: number): number {
  let i = from
  while (i < text.length && isSeparator(text[i])) i++
  return i
}

/**
 * The first word of the text, cut after a unit ending when one is glued to more words
 * (东花所北京路口 → 东花所), so the closest roster names can be looked up for it.
 */
function writtenUnit(text: string): string {
  const start = skipSeparators(text, 0)
  let end = start
  while (end < text.length && !isSeparator(text[end])) {
    const ending = UNIT_SUFFIXES.find((s) => text.startsWith(s.text, end))
    if (ending) return text.slice(start, end + ending.text.length)
    end++
  }
  return text.slice(start, end)
}
