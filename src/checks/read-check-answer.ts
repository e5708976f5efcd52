import { normalizeText } from '../parse/normalize.js'
import { stripQuote } from '../parse/strip-quote.js'
import type { Roster } from '../roster/roster.js'

/** A text that answers a spot check: the post it names, and the units it names. */
export interface CheckAnswerText {
  post: string
  units: string[]
}

const onDutyWord = /在岗|到岗|到位|在位|已上岗/
/**
 * Words that say nothing about where: what is left after them must name a place. The lookbehind
 * starts a headcount (3人) only where a run of numerals starts, so a long run of digits is scanned
 * once, not once per digit: linear on any text.
 */
const filler =
  /今日|今天|现在|目前|此刻|截至|报告|汇报|抽查|回复|人员|红袖标|志愿者|队员|均|都|全部|正常|共有|共|(?<![0-9一二两三四五六七八九十百])[0-9一二两三四五六七八九十百]+\s*(人|名)|在岗|到岗|到位|在位|已上岗|[\s,，、。.:：;；!！~～()（）【】\[\]]/g
/** An aside in brackets; no bracket inside it, so every start scans to the next bracket only. */
const aside = /[（(][^（()）]*[）)]/g
/** How much of an answer is read: a post and a headcount fit in far less. */
const MAX_ANSWER_CHARS = 200
/** Left alone, these name no particular post. */
const notAPost = new Set(['点位', '岗位', '各点位', '所有点位', '有', '已'])
/** A post is a place: a road, a crossing, a gate, a station, a square, a numbered point… */
const placeWord =
  /路|街|道|巷|口|站|场|门|桥|园|区|村|店|校|院|馆|楼|厦|中心|岗亭|码头|港|商圈|景区|点|号/
/** …and not the rest of a headcount: 较昨日增加, 设置执勤点位10处, 点位 10 个. */
const notAPlace = /较|比|增加|减少|设置|共计|合计|累计|处|个|次/

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
  const units: string[] = []
  let rest = normalized
  // Longest names first, so 龙城派出所 is taken whole before 龙城所 could match inside another.
  const names = [...roster.names.keys()]
    .filter((n) => rest.includes(n))
    .sort((a, b) => b.length - a.length)
  for (const name of names) {
    if (!rest.includes(name)) continue
    const unit = roster.names.get(name)!
    if (!units.includes(unit)) units.push(unit)
    rest = rest.split(name).join(' ')
  }
  const post = rest.replace(filler, ' ').trim().split(/\s+/).filter(Boolean).join(' ')
  if (post === '' || post.length > 24 || notAPost.has(post)) return undefined
  if (!placeWord.test(post) || notAPlace.test(post)) return undefined
  return { post, units }
}
