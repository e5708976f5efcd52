/**
 * `redband parse --explain`: what the parser saw of a message, in lines a person can read: the
 * tokens, then each figure with the rule that kept or dropped it.
 */
import { RULES } from './interpret.js'
import { K } from './lexicon.js'
import type { Explanation } from './parse-message.js'
import { C, T, type Tok } from './tokenize.js'
import type { ParseResult } from './types.js'

const FLAG_NAMES = Object.entries(K) as Array<[string, number]>
const CLASS_NAMES = Object.fromEntries(Object.entries(C).map(([name, cls]) => [cls, name]))

/** One token as `text〈what〉`: 龙城所〈unit 龙城派出所〉, 上岗〈VERB BARE_VERB〉, 146人〈figure PERSON〉. */
function describeToken(text: string, t: Tok): string {
  const written = text.slice(t.start, t.end)
  switch (t.type) {
    case T.UNIT:
      return `${written}〈unit ${t.unit}${t.weak ? ', a word too' : ''}${t.loc ? ', a place' : ''}〉`
    case T.UNKNOWN:
      return `${written}〈unit not in the roster〉`
    case T.KW: {
      const flags = FLAG_NAMES.filter(([, bit]) => t.flags & bit).map(([name]) => name)
      return `${written}〈${flags.join(' ') || 'word'}${t.self ? ` ${t.self}` : ''}〉`
    }
    case T.NUM: {
      const notes = [
        `${t.value}`,
        CLASS_NAMES[t.cls]!,
        ...(t.approx ? ['approx'] : []),
        ...(t.skip ? ['not a count'] : []),
        ...(t.malformed ? ['malformed'] : []),
      ]
      return `${written}〈${notes.join(' ')}〉`
    }
    case T.SEP:
      return written === '\n' ? '⏎' : written
    default:
      return t.place ? `${written}〈place〉` : written
  }
}

function describeResult(result: ParseResult): string {
  switch (result.kind) {
    case 'command':
      return `command #${result.command.name}`
    case 'chatter':
      return result.unread
        ? `unread (${result.unread.why})${result.unread.misspelt ? `: ${result.unread.misspelt.written} → ${result.unread.misspelt.unit}?` : ''}`
        : 'chatter'
    case 'report':
      return `report: ${result.records.map((r) => `${r.unit} ${r.count}`).join(', ') || 'activities only'}`
    case 'unplaced':
      return `unplaced${result.missingUnit ? ': no unit' : ''}${result.unknown.map((u) => `, unknown ${u.written} ${u.count}`).join('')}${(result.malformed ?? []).map((m) => `, malformed ${m.written}`).join('')}${result.held.map((h) => `, held ${h.unit} ${h.count}`).join('')}`
  }
}

/**
 * The explanation as lines: the tokens, then one line per figure (`146人 → kept: …`), then the
 * result.
 * @example describeExplanation(explainMessage('龙城所今日上岗146人', roster))
 * // ['tokens: 龙城所〈unit 龙城派出所〉 今日〈FILL TODAY〉 上岗〈VERB BARE_VERB〉 146人〈146 PERSON〉',
 * //  '146人 → kept: the unit named in its clause (龙城派出所)', 'result: report: 龙城派出所 146']
 */
export function describeExplanation(explanation: Explanation): string[] {
  const { text, tokens, steps, result } = explanation
  const lines = [`tokens: ${tokens.map((t) => describeToken(text, t)).join(' ')}`]
  for (const step of steps) {
    const written = text.slice(step.start, step.end).replace(/\s+/g, ' ').trim()
    lines.push(`${written} → ${RULES[step.rule]}${step.unit ? ` (${step.unit})` : ''}`)
  }
  lines.push(`result: ${describeResult(result)}`)
  return lines
}
