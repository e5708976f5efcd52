/**
 * What the parser compiles once per roster: one trie holding every written unit name and every
 * keyword, and a 64K character-class table, so that reading a message never looks at the roster's
 * size (a 2,000-unit roster parses as fast as a 10-unit one).
 */
import { isNumeralStart } from '../numbers/parse-number.js'
import { targetOf } from '../roster/queries.js'
import type { Roster } from '../roster/roster.js'
import { KEYWORDS, UNIT_SUFFIXES, type Keyword, type UnitSuffix } from './lexicon.js'
import { normalizeText } from './normalize.js'

export interface TrieNode {
  next: Map<number, TrieNode> | undefined
  /** Canonical unit name when a unit's written form ends here. */
  unit: string | undefined
  /** The unit's written form here is an ordinary word (环卫 for 环卫集团). */
  weak: boolean
  kw: Keyword | undefined
}

/** Character classes (bits of Compiled.chars). */
export const CH = {
  /** Starts a trie entry (unit name or keyword). */
  TRIE: 1,
  /** Starts a numeral. */
  NUM: 2,
  /** Separates clauses. */
  SEP: 4,
  /** Starts a unit-name ending (所, 分局, 支队 …). */
  SUFFIX: 8,
  /** A Chinese ideograph. */
  CJK: 16,
  /** Whitespace other than a line break. */
  SPACE: 32,
  /** Ends a sentence: line break, 。 ; ! ? … */
  HARD: 64,
  /** An ASCII letter. */
  LETTER: 128,
} as const

export interface Compiled {
  roster: Roster
  root: TrieNode
  chars: Uint8Array
  /** Unit-name endings by first character, longest first. */
  suffixes: ReadonlyMap<number, readonly UnitSuffix[]>
  /** targetOf per unit, filled on first use. */
  targets: Map<string, number | undefined>
}

const newNode = (): TrieNode => ({ next: undefined, unit: undefined, weak: false, kw: undefined })

function insert(root: TrieNode, word: string): TrieNode {
  let node = root
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i)
    node.next ??= new Map()
    let child = node.next.get(c)
    if (!child) {
      child = newNode()
      node.next.set(c, child)
    }
    node = child
  }
  return node
}

const SEPARATORS = '\n,、:;。!?…()[]【】/|"“”《》「」『』—~.<>{}=‘’'
const HARD_SEPARATORS = '\n;。!?….'

/** Character classes that do not depend on the roster. */
const BASE_CHARS: Uint8Array = (() => {
  const chars = new Uint8Array(0x10000)
  for (let c = 0; c < 0x10000; c++) {
    let f = 0
    if (isNumeralStart(c)) f |= CH.NUM
    if (
      (c >= 0x4e00 && c <= 0x9fff) ||
      (c >= 0x3400 && c <= 0x4dbf) ||
      (c >= 0xf900 && c <= 0xfaff)
    ) {
      f |= CH.CJK
    }
    if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) f |= CH.LETTER
    chars[c] = f
  }
  for (const ch of SEPARATORS) chars[ch.charCodeAt(0)]! |= CH.SEP
  for (const ch of HARD_SEPARATORS) chars[ch.charCodeAt(0)]! |= CH.HARD
  for (const c of [32, 9, 13, 0xa0]) chars[c]! |= CH.SPACE
  for (const s of UNIT_SUFFIXES) chars[s.text.charCodeAt(0)]! |= CH.SUFFIX
  for (const word of KEYWORDS.keys()) chars[word.charCodeAt(0)]! |= CH.TRIE
  return chars
})()

const SUFFIXES: ReadonlyMap<number, readonly UnitSuffix[]> = (() => {
  const map = new Map<number, UnitSuffix[]>()
  for (const s of UNIT_SUFFIXES) {
    const c = s.text.charCodeAt(0)
    map.set(
      c,
      [...(map.get(c) ?? []), s].sort((a, b) => b.text.length - a.text.length),
    )
  }
  return map
})()

const cache = new WeakMap<Roster, Compiled>()

/** The compiled matcher for a roster, built on first use and kept as long as the roster lives. */
export function compile(roster: Roster): Compiled {
  let compiled = cache.get(roster)
  if (compiled) return compiled
  const root = newNode()
  const chars = BASE_CHARS.slice()
  for (const [word, kw] of KEYWORDS) insert(root, word).kw = kw
  for (const [written, unit] of roster.names) {
    const key = normalizeText(written).trim()
    if (key.length === 0) continue
    const node = insert(root, key)
    node.unit = unit
    node.weak = isWeakName(key, unit)
    chars[key.charCodeAt(0)]! |= CH.TRIE
  }
  compiled = { roster, root, chars, suffixes: SUFFIXES, targets: new Map() }
  cache.set(roster, compiled)
  return compiled
}

const UNIT_ENDINGS = new Set([...'所局队团司院校处站部办委会中'].map((c) => c.charCodeAt(0)))

/**
 * An alias that does not end like a unit's name (环卫 for 环卫集团) is also an ordinary word:
 * 其中保安60人、环卫40人 speaks of sanitation workers, not of the 环卫集团.
 */
function isWeakName(written: string, canonical: string): boolean {
  if (written === canonical) return false
  if (UNIT_SUFFIXES.some((s) => written.endsWith(s.text))) return false
  return !UNIT_ENDINGS.has(written.charCodeAt(written.length - 1))
}

/** targetOf, cached per compiled roster. */
export function cachedTarget(compiled: Compiled, unit: string): number | undefined {
  if (compiled.targets.has(unit)) return compiled.targets.get(unit)
  const target = targetOf(compiled.roster, unit)
  compiled.targets.set(unit, target)
  return target
}

/** Whether `unit` lies below `ancestor` in the roster's tree. */
export function isBelow(roster: Roster, unit: string, ancestor: string): boolean {
  let parent = roster.units.get(unit)?.parent
  for (let depth = 0; parent !== undefined && depth < 64; depth++) {
    if (parent === ancestor) return true
    parent = roster.units.get(parent)?.parent
  }
  return false
}
