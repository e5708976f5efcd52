import { isSpace } from './normalize.js'

/**
 * Quote replies, as WeChat protocols hand them to Wechaty, hold the quoted message beside the
 * person's own words. A quoted report must never count again, so only the new words are read.
 *
 * The forms seen in the wild:
 * - `「张三：quoted」\n- - - - - - - - - - - - - - -\nnew words`: WeChat's own text for clients
 *   without quote support, and what wechaty-puppet-padlocal, -wechat4u and -wechatferry build from
 *   a `<refermsg>` (some write 16 dashes, some quote without the name);
 * - the same with the quote after the new words, or in “ ” / " " instead of 「 」, or a line of
 *   dashes (`-----`, `———`) between them, as people write quotes by hand;
 * - the raw `<msg><appmsg>…<title>new words</title>…<refermsg>…</refermsg>` XML that some puppets
 *   pass on as text (gewechaty, WeChat Work accounts): its title is the new words.
 */

/** Quotation marks a quote opens and closes with (WeChat's 「 」, and what people type). */
const OPENERS = new Set([...'「『“"‘\''])
const CLOSERS = new Set([...'」』”"’\''])
/** A character a separator line is made of: - (NFKC makes － one), ‐ to ―, ─ and ━. */
function isDash(c: number): boolean {
  return c === 45 || (c >= 0x2010 && c <= 0x2015) || c === 0x2500 || c === 0x2501
}
/** Any character isDash accepts. */
const ANY_DASH = /[-\u2010-\u2015\u2500\u2501]/

/** WeChat's separator has 15 dashes; fewer than this many spaced dashes is not one. */
const MIN_SPACED_DASHES = 5
/** A hand-drawn line needs this many dashes (--- and longer). */
const MIN_LINE_DASHES = 3

interface Separator {
  start: number
  end: number
  /** The whole line is the separator (else it sits inside a line). */
  line: boolean
  /** WeChat's `- - - -` (no two dashes touching). */
  spaced: boolean
}

/**
 * The person's own words in a normalised message: the text without a quoted message, or the text
 * itself when it quotes nothing.
 * @example stripQuote('「张三:龙城所今日上岗150人」\n- - - - - - - - - - - - - - -\n收到') // '收到'
 */
export function stripQuote(text: string): string {
  const xml = xmlOwnWords(text)
  if (xml !== undefined) return xml
  if (!ANY_DASH.test(text)) return text // most messages: no separator to look for
  const separators = findSeparators(text)
  if (separators.length === 0) return text
  const first = firstNonSpace(text, 0)
  // The own words end here; a quote found after them moves it back.
  let end = text.length
  let endWords = lastNonSpace(text, end)
  // The last separator first: in a quote of a quote, everything before it is quoted.
  for (let k = separators.length - 1; k >= 0; k--) {
    const sep = separators[k]!
    const beforeEnd = lastNonSpace(text, sep.start)
    const quoteBefore = bracketed(text, first, beforeEnd)
    const quoteAfter = bracketed(text, firstNonSpace(text, sep.end), endWords)
    // Quoted on both sides: which words are new cannot be told, so none are read.
    if (quoteBefore && quoteAfter) return ''
    if (quoteBefore) return text.slice(sep.end, end)
    if (quoteAfter) {
      end = sep.start
      endWords = beforeEnd
      continue
    }
    // WeChat's own separator line: the quote comes first even when its brackets are gone.
    if (sep.line && sep.spaced && beforeEnd > first) return text.slice(sep.end, end)
  }
  return end === text.length ? text : text.slice(0, end)
}

/** Whether text[from, to) opens with a quotation mark and closes with one. */
function bracketed(text: string, from: number, to: number): boolean {
  return to - from >= 2 && OPENERS.has(text[from]!) && CLOSERS.has(text[to - 1]!)
}

/** Index of the first non-space at or after `from` (text.length when none). */
function firstNonSpace(text: string, from: number): number {
  let i = from
  while (i < text.length && isSpace(text.charCodeAt(i))) i++
  return i
}

/** Index just past the last non-space before `to` (0 when none). */
function lastNonSpace(text: string, to: number): number {
  let i = to
  while (i > 0 && isSpace(text.charCodeAt(i - 1))) i--
  return i
}

/**
 * Runs of dashes and spaces, left to right, in one pass: whole lines of at least three dashes,
 * and WeChat's spaced `- - - - -` also inside a line.
 */
function findSeparators(text: string): Separator[] {
  const found: Separator[] = []
  let lineStart = 0
  let i = 0
  while (i < text.length) {
    const c = text.charCodeAt(i)
    if (!isDash(c)) {
      if (c === 10) lineStart = i + 1
      i++
      continue
    }
    // A run of dashes and spaces (not line breaks) starting at i.
    let j = i
    let dashes = 0
    let touching = false
    let lastDash = i
    while (j < text.length) {
      const d = text.charCodeAt(j)
      if (isDash(d)) {
        if (dashes > 0 && lastDash === j - 1) touching = true
        dashes++
        lastDash = j
      } else if (d !== 32 && d !== 9) break
      j++
    }
    const end = lastDash + 1
    const line =
      onlySpaces(text, lineStart, i) &&
      (j === text.length || text.charCodeAt(j) === 10) &&
      dashes >= MIN_LINE_DASHES
    const spaced = !touching && dashes >= MIN_SPACED_DASHES
    if (line) {
      // The line break after it belongs to the separator: the new words start on the next line.
      const lineEnd = j < text.length ? j + 1 : j
      found.push({ start: lineStart, end: lineEnd, line: true, spaced })
    } else if (spaced) {
      found.push({ start: i, end, line: false, spaced })
    }
    i = j
  }
  return found
}

function onlySpaces(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (!isSpace(text.charCodeAt(i))) return false
  return true
}

/**
 * The new words of an appmsg quote passed on as XML text; '' for any other WeChat XML message
 * (a shared article's title is not a report); undefined when the text is not such XML.
 */
function xmlOwnWords(text: string): string | undefined {
  const start = firstNonSpace(text, 0)
  if (text.charCodeAt(start) !== 60 /* < */) return undefined
  if (!text.startsWith('<?xml', start) && !text.startsWith('<msg', start)) return undefined
  const refer = text.indexOf('<refermsg')
  if (refer === -1) return ''
  const open = text.indexOf('<title>')
  if (open === -1 || open > refer) return ''
  const close = text.indexOf('</title>', open)
  if (close === -1 || close > refer) return ''
  return unescapeXml(text.slice(open + '<title>'.length, close))
}

const ENTITIES: Record<string, string> = {
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&apos;': "'",
  '&amp;': '&',
}

function unescapeXml(text: string): string {
  const cdata = text.trim()
  if (cdata.startsWith('<![CDATA[') && cdata.endsWith(']]>')) return cdata.slice(9, -3)
  return text.replace(/&(?:lt|gt|quot|apos|amp);/g, (entity) => ENTITIES[entity]!)
}
