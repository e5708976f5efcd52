/**
 * What the parser compiles once per roster: one trie holding every written unit name and every
 * keyword, and a 64K character-class table, so that reading a message never looks at the roster's
 * size (a 2,000-unit roster parses as fast as a 10-unit one).
 */
import { isNumeralStart } from '../numbers/parse-number.js'
import { targetOf } from '../roster/queries.js'
import type { Roster } from '../roster/roster.js'
import {
  CLAUSE_MARKS,
  endsLikeUnit,
  KEYWORDS,
  SENTENCE_MARKS,
  UNIT_SUFFIXES,
  type Keyword,
  type UnitSuffix,
} from './lexicon.js'
import { normalizeText } from './normalize.js'

export interface TrieNode {
  /** Children's characters, and the children at the same index: a node has few, read in a scan. */
  codes: number[]
  kids: TrieNode[]
  /** Canonical unit name when a unit's written form ends here. */
  unit: string | undefined
  /** The unit's written form here is an ordinary word (环卫 for 环卫集团). */
  weak: boolean
  /**
   * A station's name without 所 (洛龙 for 洛龙所): a unit only before a figure or a pause, since
   * 洛龙公园 and 龙城路 are places.
   */
  stem: boolean
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
  /** The root's children by character: the first step of every walk, without a scan. */
  first: Array<TrieNode | undefined>
  chars: Uint8Array
  /** Unit-name endings by first character, longest first. */
  suffixes: ReadonlyMap<number, readonly UnitSuffix[]>
  /** targetOf per unit, filled on first use. */
  targets: Map<string, number | undefined>
}

const newNode = (): TrieNode => ({
  codes: [],
  kids: [],
  unit: undefined,
  weak: false,
  stem: false,
  kw: undefined,
})

function insert(root: TrieNode, word: string): TrieNode {
  let node = root
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i)
    const at = node.codes.indexOf(c)
    if (at >= 0) node = node.kids[at]!
    else {
      const child = newNode()
      node.codes.push(c)
      node.kids.push(child)
      node = child
    }
  }
  return node
}

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
  for (const ch of CLAUSE_MARKS) chars[ch.charCodeAt(0)]! |= CH.SEP
  for (const ch of SENTENCE_MARKS) chars[ch.charCodeAt(0)]! |= CH.HARD
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

/**
 * Keyed by the roster's names, which each parsed roster has its own: a roster replaced while the
 * bot runs (read through one live view, src/roster/live-roster.ts) is compiled afresh.
 */
const cache = new WeakMap<Roster['names'], Compiled>()

/** The compiled matcher for a roster, built on first use and kept as long as its names live. */
export function compile(roster: Roster): Compiled {
  let compiled = cache.get(roster.names)
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
  for (const [stem, unit] of stemsOf(roster)) {
    const node = insert(root, stem)
    if (node.unit !== undefined) continue
    node.unit = unit
    node.stem = true
    chars[stem.charCodeAt(0)]! |= CH.TRIE
  }
  const first = new Array<TrieNode | undefined>(0x10000).fill(undefined)
  root.codes.forEach((c, i) => (first[c] = root.kids[i]))
  compiled = { roster, first, chars, suffixes: SUFFIXES, targets: new Map() }
  cache.set(roster.names, compiled)
  return compiled
}

/**
 * An alias that does not end like a unit's name (环卫 for 环卫集团) is also an ordinary word:
 * 其中保安60人、环卫40人 speaks of sanitation workers, not of the 环卫集团.
 */
function isWeakName(written: string, canonical: string): boolean {
  return written !== canonical && !endsLikeUnit(written)
}

/** Stations' names without 所 / 派出所 (洛龙, 吴家营), each of one unit only and no other word. */
function stemsOf(roster: Roster): Map<string, string> {
  const owners = new Map<string, Set<string>>()
  for (const [written, unit] of roster.names) {
    const key = normalizeText(written).trim()
    const stem = key.endsWith('派出所')
      ? key.slice(0, -3)
      : key.endsWith('所')
        ? key.slice(0, -1)
        : ''
    if (stem.length < 2 || roster.names.has(stem) || KEYWORDS.has(stem)) continue
    owners.set(stem, (owners.get(stem) ?? new Set()).add(unit))
  }
  const stems = new Map<string, string>()
  for (const [stem, units] of owners) if (units.size === 1) stems.set(stem, [...units][0]!)
  return stems
}

/**
 * Whether a stem ending at `end` stands as a unit: at the end, before a number, a space or
 * punctuation, not glued to more text (洛龙 118, 龙城146, but 洛龙公园, 龙城路).
 */
function stemFits(compiled: Compiled, text: string, end: number): boolean {
  if (end >= text.length) return true
  const f = compiled.chars[text.charCodeAt(end)]!
  return (f & CH.NUM) !== 0 || (f & (CH.CJK | CH.LETTER)) === 0
}

/** The longest unit name and the longest keyword written at one place (see `longestAt`). */
export interface TrieMatch {
  /** Index just past the longest unit name, -1 when none. */
  unitEnd: number
  unitNode: TrieNode | undefined
  /** Index just past the longest keyword, -1 when none. */
  kwEnd: number
  kwNode: TrieNode | undefined
}

const scratch: TrieMatch = { unitEnd: -1, unitNode: undefined, kwEnd: -1, kwNode: undefined }

/**
 * Walks the trie from text[i]: the longest unit name and the longest keyword starting there.
 * Returns a shared object, valid until the next call. Bounded by the longest entry.
 */
export function longestAt(compiled: Compiled, text: string, i: number): TrieMatch {
  const m = scratch
  m.unitEnd = -1
  m.unitNode = undefined
  m.kwEnd = -1
  m.kwNode = undefined
  let node = compiled.first[text.charCodeAt(i)]
  for (let j = i + 1; node !== undefined;) {
    if (node.unit !== undefined && (!node.stem || stemFits(compiled, text, j))) {
      m.unitEnd = j
      m.unitNode = node
    }
    if (node.kw !== undefined) {
      m.kwEnd = j
      m.kwNode = node
    }
    if (j >= text.length) break
    const at = node.codes.indexOf(text.charCodeAt(j))
    node = at < 0 ? undefined : node.kids[at]
    j++
  }
  return m
}

export interface UnitMatch {
  /** Canonical name. */
  unit: string
  /** Index just past the name as written. */
  end: number
  /** Written as an alias that is also an ordinary word (环卫). */
  weak: boolean
}

/**
 * The roster unit whose name (canonical, alias or short form) is written at text[i], longest
 * first, in normalised text; undefined when none is. Every reader of unit names uses this.
 * @example unitAt(compile(roster), '东华所北京路口', 0) // { unit: '东华派出所', end: 3, weak: false }
 */
export function unitAt(compiled: Compiled, text: string, i: number): UnitMatch | undefined {
  if (i >= text.length || !(compiled.chars[text.charCodeAt(i)]! & CH.TRIE)) return undefined
  const m = longestAt(compiled, text, i)
  const node = m.unitNode
  if (!node) return undefined
  return { unit: node.unit!, end: m.unitEnd, weak: node.weak }
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
