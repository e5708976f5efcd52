import { parseNumber } from '../numbers/parse-number.js'
import { shortened } from '../parse/normalize.js'
import { resolveUnit } from '../roster/queries.js'
import type { Roster } from '../roster/roster.js'

/** What an inspector's #抽查 asks for. */
export interface CheckOrder {
  /** Canonical units named to check. */
  units: string[]
  /** `随机 N`: N units drawn at random, under `within` when a unit is named with it. */
  random?: { count: number; within?: string }
  /** A time limit the inspector gave (15分钟, 半小时); else the configured one. */
  minutes?: number
  /**
   * Names that are not in the roster, each once, at most MAX_UNKNOWN of them (the reply names
   * them), and cut to MAX_WRITTEN characters.
   */
  unknown: string[]
}

const randomWord = /^随机(.*?)(个|家|单位)?$/
const minutesWord = /^(.+?)(分钟|分|min|mins|minutes)$/i
const hoursWord = /^(.+?)(小时|个小时|h)$/i

/** Punctuation a word may trail (龙城所，洛龙所): trimmed by a loop, not a backtracking regex. */
const TRAILING = new Set([...'，,、。：:'])
/** Names that are not in the roster, as told back to the inspector: enough to see the mistake. */
export const MAX_UNKNOWN = 5
/** No unit is written longer; a longer word is shown cut to this. */
export const MAX_WRITTEN = 20

function withoutTrailing(word: string): string {
  let end = word.length
  while (end > 0 && TRAILING.has(word[end - 1]!)) end--
  return word.slice(0, end)
}

function amount(text: string): number | undefined {
  if (text === '半') return 0.5
  const parsed = parseNumber(text)
  return parsed && parsed.value > 0 ? parsed.value : undefined
}

/**
 * Reads the arguments of #抽查: units, `随机 [N]`, and a time limit, in any order.
 * @example parseCheckOrder(['盘龙分局', '随机', '2', '15分钟'], roster)
 * // { units: [], random: { count: 2, within: '盘龙分局' }, minutes: 15, unknown: [] }
 */
export function parseCheckOrder(args: string[], roster: Roster): CheckOrder {
  const order: CheckOrder = { units: [], unknown: [] }
  const named: string[] = []
  let wantsRandom = false
  let randomCount: number | undefined
  for (let i = 0; i < args.length; i++) {
    const word = withoutTrailing(args[i]!)
    if (word === '') continue
    const random = randomWord.exec(word)
    if (random) {
      wantsRandom = true
      randomCount = amount(random[1]!) ?? randomCount
      // `随机 2` / `随机 两个`: the count may be the next word.
      const next = args[i + 1]?.replace(/(个|家)$/, '')
      if (random[1] === '' && next !== undefined && amount(next) !== undefined) {
        randomCount = amount(next)
        i++
      }
      continue
    }
    if (word === '半小时') {
      order.minutes = 30
      continue
    }
    const minutes = minutesWord.exec(word)
    const hours = hoursWord.exec(word)
    if (minutes && amount(minutes[1]!) !== undefined) {
      order.minutes = Math.round(amount(minutes[1]!)!)
      continue
    }
    if (hours && amount(hours[1]!) !== undefined) {
      order.minutes = Math.round(amount(hours[1]!)! * 60)
      continue
    }
    named.push(word)
  }
  const units = new Set<string>()
  for (const written of named) {
    const unit = resolveUnit(roster, written)
    if (unit !== undefined) {
      units.add(unit)
      continue
    }
    const shown = shortened(written, MAX_WRITTEN)
    if (order.unknown.length < MAX_UNKNOWN && !order.unknown.includes(shown))
      order.unknown.push(shown)
  }
  order.units = [...units]
  if (wantsRandom) {
    // A unit named with 随机 is where to draw from, not a unit to check.
    order.random = { count: Math.max(1, Math.floor(randomCount ?? 1)), within: order.units[0] }
    order.units = order.units.slice(1)
  }
  return order
}
