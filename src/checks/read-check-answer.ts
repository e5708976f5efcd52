import { compile, unitAt } from '../parse/compile.js'
import { CHECK_ANSWER_WORDS } from '../parse/lexicon.js'
import { normalizeText } from '../parse/normalize.js'
import { stripQuote } from '../parse/strip-quote.js'
import type { Roster } from '../roster/roster.js'

/** A text that answers a spot check: the post it names, and the units it names. */
export interface CheckAnswerText {
  post: string
  units: string[]
}

const { onDuty, filler, notAPost, place, notAPlace } = CHECK_ANSWER_WORDS
const anyOf = (words: readonly string[]) => new RegExp(words.join('|'))
const onDutyWord = anyOf(onDuty)
/**
 * Words that say nothing about where, a headcount (3人), on-duty words and punctuation: what is
 * left must name a place. The lookbehind starts a headcount only where a run of numerals starts,
 * so a long run of digits is scanned once, not once per digit: linear on any text.
 */
const fillers = new RegExp(
  [
    ...filler,
    '(?<![0-9一二两三四五六七八九十百])[0-9一二两三四五六七八九十百]+\\s*(人|名)',
    ...onDuty,
    '[\\s,，、。.:：;；!！~～()（）【】\\[\\]]',
  ].join('|'),
  'g',
)
/** An aside in brackets; no bracket inside it, so every start scans to the next bracket only. */
const aside = /[（(][^（()）]*[）)]/g
/** How much of an answer is read: a post and a headcount fit in far less. */
const MAX_ANSWER_CHARS = 200
const notAPostWords = new Set(notAPost)
const placeWord = anyOf(place)
const notAPlaceWord = anyOf(notAPlace)

/**
 * Reads a liaison's text answer to a spot check: it says someone is on duty (在岗, 到位…) and
 * names a post (北京路口在岗3人). A headcount (龙城所今日在岗150人) names no post and is not an answer.
 * @example readCheckAnswer('北京路口 在岗 3人', roster) // { post: '北京路口', units: [] }
 */
export function readCheckAnswer(text: string, roster: Roster): CheckAnswerText | undefined {
  // A quoted answer (or the quoted prompt) is not this person's answer: only new words count.
  // An aside in brackets (不好意思回复晚了) is not part of the post.
  const normalized = stripQuote(normalizeText(text)).slice(0, MAX_ANSWER_CHARS).replace(aside, ' ')
  if (!onDutyWord.test(normalized)) return undefined
  // The units it names, by the parser's matcher (longest name first, left to right), each
  // replaced by a space so what is left is the post.
  const compiled = compile(roster)
  const units: string[] = []
  let rest = ''
  let from = 0
  for (let i = 0; i < normalized.length;) {
    const match = unitAt(compiled, normalized, i)
    if (!match) {
      i++
      continue
    }
    if (!units.includes(match.unit)) units.push(match.unit)
    rest += `${normalized.slice(from, i)} `
    i = from = match.end
  }
  rest += normalized.slice(from)
  const post = rest.replace(fillers, ' ').trim().split(/\s+/).filter(Boolean).join(' ')
  if (post === '' || post.length > 24 || notAPostWords.has(post)) return undefined
  if (!placeWord.test(post) || notAPlaceWord.test(post)) return undefined
  return { post, units }
}
