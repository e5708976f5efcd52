/**
 * Text normalisation shared by the parser and the bot's guards.
 *
 * NFKC folds full-width forms (１２０ → 120, ：→ :, （ → (, ＃ → #, U+3000 and U+2005 → space) and
 * compatibility ideographs. Invisible characters are then removed: zero-width spaces and joiners,
 * bidirectional controls (a right-to-left override can make 021 display as 120), variation
 * selectors, soft hyphens and Hangul fillers that WeChat users put in names.
 */

// One character class, no quantifier nesting: linear on any input.
const INVISIBLE =
  /[\u00AD\u034F\u061C\u115F\u1160\u17B4\u17B5\u180B-\u180F\u200B-\u200F\u202A-\u202E\u2060-\u206F\u3164\uFE00-\uFE0F\uFEFF\uFFA0]/g
const LINE_BREAKS = /\r\n?|[\u000B\u000C\u0085\u2028\u2029]/g

/**
 * NFKC, invisible characters removed, every line break as \n.
 * @example normalizeText('东华所：１２０\u200B人') // '东华所:120人'
 */
export function normalizeText(text: string): string {
  return (
    quickNormal(text) ?? text.normalize('NFKC').replace(INVISIBLE, '').replace(LINE_BREAKS, '\n')
  )
}

/**
 * What NFKC does to a character most messages are made of: 0 leaves it (ASCII, tab, line feed,
 * CJK ideographs, Chinese punctuation NFKC keeps: 、 。 「 」 “ ” —), else the character it becomes
 * (full-width ASCII ！ to ～, the ideographic space); -1 for any other character.
 */
const QUICK: Int32Array = (() => {
  const table = new Int32Array(0x10000).fill(-1)
  for (let c = 0x20; c < 0x7f; c++) table[c] = 0
  for (let c = 0x4e00; c <= 0x9fff; c++) table[c] = 0
  for (const c of [9, 10, 0xb7, 0x2014, 0x2018, 0x2019, 0x201c, 0x201d, 0x3001, 0x3002])
    table[c] = 0
  for (let c = 0x3008; c <= 0x3011; c++) table[c] = 0
  for (let c = 0x3014; c <= 0x301b; c++) table[c] = 0
  for (let c = 0xff01; c <= 0xff5e; c++) table[c] = c - 0xfee0
  table[0x3000] = 32
  return table
})()

/** normalizeText in one pass for text of those characters only, else undefined. */
function quickNormal(text: string): string | undefined {
  let out = ''
  let from = 0
  for (let i = 0; i < text.length; i++) {
    const to = QUICK[text.charCodeAt(i)]!
    if (to === 0) continue
    if (to < 0) return undefined
    out += text.slice(from, i) + String.fromCharCode(to)
    from = i + 1
  }
  return from === 0 ? text : out + text.slice(from)
}

/**
 * A unit's name as messages are matched against it: normalizeText, trimmed. The roster keys its
 * names so, so ＡＢＣ派出所 and ABC派出所 are one name.
 * @example normalizeName(' ＡＢＣ派出所 ') // 'ABC派出所'
 */
export function normalizeName(name: string): string {
  return normalizeText(name).trim()
}

/** Longest @name the parser will skip as a mention. */
const MAX_MENTION = 40

/**
 * Drops leading @mentions (`@name` then a space; WeChat writes U+2005, which NFKC makes a space)
 * from normalised text, and the whitespace around them.
 * @example stripLeadingMentions('@红袖标助手 #工作通报') // '#工作通报'
 */
export function stripLeadingMentions(text: string): string {
  let i = 0
  const n = text.length
  for (;;) {
    while (i < n && isSpace(text.charCodeAt(i))) i++
    if (i >= n || text.charCodeAt(i) !== 64 /* @ */) break
    let j = i + 1
    const limit = Math.min(n, i + 1 + MAX_MENTION)
    while (j < limit && !isSpace(text.charCodeAt(j))) j++
    if (j < n && !isSpace(text.charCodeAt(j))) break // no space within reach: not a mention
    i = j
  }
  return i === 0 ? text : text.slice(i)
}

/** Space, tab or line break (after NFKC every exotic space is U+0020). */
export function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 0xa0
}

const fullWidthPunctuation: Record<string, string> = {
  ',': '，',
  ';': '；',
  ':': '：',
  '!': '！',
  '?': '？',
  '(': '（',
  ')': '）',
}

/**
 * Gives free text read through normalizeText its Chinese punctuation back for showing it again
 * (a note, a problem): NFKC turned ， into , and a reply should not read 指路,主动.
 */
export function withChinesePunctuation(text: string): string {
  return text.replace(/[,;:!?()]/g, (mark) => fullWidthPunctuation[mark]!)
}

/**
 * Text to show back in a reply, cut to `max` characters with … when longer (never inside a
 * surrogate pair), so a hostile name is not quoted back in full.
 * @example shortened('东'.repeat(30), 20) // '东东东东东东东东东东东东东东东东东东东东…'
 */
export function shortened(text: string, max: number): string {
  if (text.length <= max) return text
  const high = text.charCodeAt(max - 1)
  const end = high >= 0xd800 && high <= 0xdbff ? max - 1 : max
  return `${text.slice(0, end)}…`
}
