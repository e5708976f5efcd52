/**
 * Turns tokens into figures. The text is read clause by clause (clauses end at , 、 : ; 。 ( ) and
 * line breaks); each figure is given to a unit:
 *
 * 1. the unit named in its clause (the last of adjacent names: 高新分局马金铺所 → 马金铺所);
 * 2. else the unit named earlier on its line (拓东所：到岗 210 人);
 * 3. else, for a total (合计 / 共计), the unit heading the line or the message;
 * 4. else the heading unit of an earlier line with no figure (呈贡分局今日上岗情况：), then the
 *    room's unit; only for a clause with a headcount verb and nothing unexplained before it.
 *
 * A figure is read only when something says it is a headcount: 人 / 名 after it and a verb or
 * nothing but filler words between it and its unit, or a bare number right after a unit name.
 * Words around it can veto it: comparisons, plans, requests, questions, leave, other days
 * (see lexicon.ts). When in doubt the figure is dropped: a false record is worse than a missed one.
 * A headcount written in a way no count is written (150+20, 1,0500, -50) is told back as
 * malformed, so the liaison is asked to write it plainly; no part of it is read.
 */
import { isBelow, type Compiled } from './compile.js'
import { K } from './lexicon.js'
import { shortened } from './normalize.js'
import { C, C_HAO, T, type Tok } from './tokenize.js'
import type { Activity, ActivityKind, Malformed, UnknownUnit } from './types.js'

export interface Candidate {
  unit: string
  count: number
  approx: boolean
  /**
   * 2: unit named in the clause, or carried from the line into a clause with its own verb;
   * 1: carried otherwise, or a total; 0: the heading's or the room's unit.
   */
  level: number
  /** Read after a correction marker (更正 …). */
  correction: boolean
  points: number | undefined
  breakdown: Record<string, number> | undefined
}

export interface Reading {
  candidates: Candidate[]
  activities: Activity[]
  unknown: UnknownUnit[]
  malformed: Malformed[]
  missingUnit: boolean
  correction: boolean
  statedDate: { month: number; day: number } | undefined
}

/** The longest malformed figure quoted back: a paste of 1+1+1… is not repeated in full. */
export const MAX_QUOTED = 20

interface Subject {
  tok: Tok
  /** Canonical name, undefined for a unit that is not in the roster. */
  unit: string | undefined
  written: string
  /** One of several units joined (龙城所和洛龙所): no figure can be given to it alone. */
  joint: boolean
}

interface Line {
  subject: Subject | undefined
  first: Subject | undefined
  firstHadFigure: boolean
  hadFigure: boolean
  /** Units given figures on this line. */
  figureUnits: number
  lastFigureUnit: string | undefined
  /** A clause on the line asks, plans or vetoes: the line cannot head later lines. */
  tainted: boolean
  /** A unit on the line was a place (在龙城所门口): the room's unit is not assumed. */
  location: boolean
  fwdLine: boolean
  future: boolean
  /** After 其中 / 含: figures are a breakdown of the last record until the sentence ends. */
  breakdown: boolean
}

const newLine = (): Line => ({
  subject: undefined,
  first: undefined,
  firstHadFigure: false,
  hadFigure: false,
  figureUnits: 0,
  lastFigureUnit: undefined,
  tainted: false,
  location: false,
  fwdLine: false,
  future: false,
  breakdown: false,
})

const NEWLINE = 10
const COLON = 58
const OPEN = 40
const CLOSE = 41
const ENUM_COMMA = 0x3001 // 、
const QUESTION = 63
const HARD = new Set([...'\n;。!?….'].map((c) => c.charCodeAt(0)))
const DE = '的'.charCodeAt(0)

// Module-level copies: under tsx, imported constant objects are read through getters.
const UNIT = T.UNIT
const UNKNOWN = T.UNKNOWN
const KW = T.KW
const NUM = T.NUM
const SEP = T.SEP
const PLAIN = T.PLAIN
const PERSON = C.PERSON
const BARE = C.BARE
const BARE_SPACE = C.BARE_SPACE
const POINTS_CLS = C.POINTS
const TIMES = C.TIMES
const ITEMS = C.ITEMS
const COUNT = C.COUNT
const OTHER = C.OTHER
const HAO = C_HAO
const VERB = K.VERB
const FILL = K.FILL
const FWD = K.FWD
const FWD_LINE = K.FWD_LINE
const FUTURE = K.FUTURE
const CLAUSE = K.CLAUSE
const PERSON_TAINT = K.PERSON_TAINT
const BREAKDOWN = K.BREAKDOWN
const CORRECTION = K.CORRECTION
const CONJ = K.CONJ
const POINTS = K.POINTS
const SUBLOC = K.SUBLOC
const RESET = K.RESET
const TODAY = K.TODAY
const BARE_VERB = K.BARE_VERB
const TOTAL = K.TOTAL
const PAST = K.PAST
const COMMA = 44

/** Flags a clause ending with ':' (or 、 mid-list) and no number passes on to the next clause. */
const INHERITED = VERB | TOTAL | BARE_VERB
/** Keyword flags that may stand between a unit and its figure. */
const PREFIX_OK = FILL | VERB | K.APPROX | TOTAL | BARE_VERB | K.NAMEPART | CORRECTION
const VETO = FWD | FWD_LINE | FUTURE | CLAUSE | PERSON_TAINT
const HEADING_VETO = CLAUSE | FWD_LINE | FUTURE | PERSON_TAINT

/** Reads the figures in tokenized, normalised text. */
export function interpret(
  text: string,
  tokens: Tok[],
  compiled: Compiled,
  roomUnit: string | undefined,
): Reading {
  return new Interpreter(text, tokens, compiled, roomUnit).run()
}

/** The reading state; a class so that no closure is created per message or clause. */
class Interpreter {
  readonly out: Reading = {
    candidates: [],
    activities: [],
    unknown: [],
    malformed: [],
    missingUnit: false,
    correction: false,
    statedDate: undefined,
  }
  readonly n: number
  line: Line = newLine()
  heading: Subject | undefined
  lastRecord: Candidate | undefined
  paren: Candidate | undefined
  parenNext: Candidate | undefined
  pendingPoints: { unit: string | undefined; value: number } | undefined
  pendingJoint = false
  prevSubject: Subject | undefined
  prevFlags = 0
  prevPassesOn = false
  prevSep = 0
  /** Index of the first token of the current line. */
  lineStartTok = 0

  // The clause being read: tokens[i, j).
  i = 0
  j = 0
  flags = 0
  firstVerb = -1
  firstPlain = -1
  /** A headcount verb in the clause or passed on from before a colon. */
  hasVerb = false
  /** A headcount verb in the clause itself: only that excuses unexplained words before a figure. */
  ownVerb = false
  question = false
  fwd = false
  /** The clause's FWD veto comes only from an earlier day (昨日), which 今日 ends. */
  fwdPast = false
  correction = false
  itemStart = 0
  consumed = false
  inBreakdown = false
  cSubject: Subject | undefined
  cSubjectTok: Tok | undefined

  constructor(
    readonly text: string,
    readonly tokens: Tok[],
    readonly compiled: Compiled,
    readonly roomUnit: string | undefined,
  ) {
    this.n = tokens.length
  }

  run(): Reading {
    const { tokens, n } = this
    let i = 0
    while (i <= n) {
      let j = i
      let flags = 0
      let firstVerb = -1
      let firstPlain = -1
      let hasNum = false
      let onlyUnit = 0
      while (j < n && tokens[j]!.type !== SEP) {
        const t = tokens[j]!
        if (t.type === KW) {
          flags |= t.flags
          if (t.flags & VERB && firstVerb < 0) firstVerb = j
        } else if (t.type === PLAIN) {
          if (firstPlain < 0) firstPlain = j
        } else if (t.type === NUM) hasNum = true
        if (t.type === UNIT || t.type === UNKNOWN) onlyUnit = onlyUnit === 0 ? 1 : onlyUnit
        else onlyUnit = 2
        j++
      }
      const sep = j < n ? tokens[j]!.sep : NEWLINE
      this.startClause(i, j, flags, firstVerb, firstPlain, sep === QUESTION)
      for (let k = i; k < j; k++) this.token(k)
      this.endClause(sep, hasNum, onlyUnit === 1)
      i = j + 1
    }
    this.endLine()
    return this.out
  }

  startClause(
    i: number,
    j: number,
    flags: number,
    firstVerb: number,
    firstPlain: number,
    question: boolean,
  ) {
    this.i = i
    this.j = j
    this.cSubject = undefined
    this.cSubjectTok = undefined
    this.ownVerb = (flags & VERB) !== 0
    if (this.prevPassesOn) {
      // After 、 the clause continues a list of objects of the same verb; after a colon, the
      // verb is a heading's (东华所今日上岗：早班80人 does not make 早班 a headcount word).
      if (this.prevSep === ENUM_COMMA) this.ownVerb ||= (this.prevFlags & VERB) !== 0
      flags |= this.prevFlags & INHERITED
      if (this.prevFlags & VERB) firstVerb = i - 1
      this.cSubject = this.prevSubject
      this.cSubjectTok = this.prevSubject?.tok
    }
    this.flags = flags
    this.firstVerb = firstVerb
    this.firstPlain = firstPlain
    this.question = question
    this.hasVerb = (flags & VERB) !== 0
    if (flags & HEADING_VETO || question) this.line.tainted = true
    this.fwd = false
    this.fwdPast = false
    this.correction = this.out.correction
    this.itemStart = i
    this.consumed = false
    const first = this.tokens[i]
    if (first?.type === KW && first.flags & BREAKDOWN && this.lastRecord) this.line.breakdown = true
    this.inBreakdown = this.paren !== undefined || this.line.breakdown
  }

  endClause(sep: number, hasNum: boolean, onlyUnit: boolean) {
    this.pendingJoint = false
    this.prevSubject = this.cSubject
    this.prevFlags = this.flags
    this.prevSep = sep
    // A colon binds what follows to what precedes (拓东所：到岗 210 人); so does 、 inside a list of
    // objects (发动辖区商户、物业公司员工共326人). A 、 after a lone unit lists units instead.
    this.prevPassesOn = !hasNum && (sep === COLON || (sep === ENUM_COMMA && !onlyUnit))
    if (sep === ENUM_COMMA && onlyUnit) this.pendingJoint = true
    if (sep === OPEN) {
      if (this.parenNext) this.paren = this.parenNext
    } else if (sep === CLOSE) this.paren = undefined
    this.parenNext = undefined
    if (HARD.has(sep)) this.line.breakdown = false
    if (sep === NEWLINE) this.endLine()
  }

  endLine() {
    const line = this.line
    const s = line.subject
    if (s && !line.hadFigure && !line.tainted && !line.location && !s.joint) this.heading = s
    this.line = newLine()
    this.lineStartTok = this.j + 1
    this.paren = undefined
    this.parenNext = undefined
    this.pendingJoint = false
    this.prevPassesOn = false
  }

  token(k: number) {
    const t = this.tokens[k]!
    if (t.type === UNIT || t.type === UNKNOWN) this.unitToken(t, k)
    else if (t.type === KW) this.keyword(t)
    else if (t.type === NUM) this.number(t, k)
  }

  unitToken(t: Tok, k: number) {
    if (this.inBreakdown) return
    const line = this.line
    if (t.loc) {
      line.location = true
      return
    }
    const tokens = this.tokens
    const before = tokens[k - 1]
    const beforeBefore = tokens[k - 2]
    const joint =
      (k === this.i && this.pendingJoint) ||
      (before !== undefined &&
        before.type === KW &&
        (before.flags & CONJ) !== 0 &&
        (beforeBefore?.type === UNIT || beforeBefore?.type === UNKNOWN))
    const cSubject = this.cSubject
    const unit = t.type === UNIT ? t.unit : undefined
    if (t.weak && (line.subject !== undefined || cSubject !== undefined)) return
    let take = false
    if (!cSubject || joint) take = true
    else if (unit !== undefined && unit === cSubject.unit) take = false
    else if (this.cSubjectTok && this.spacesOnly(this.cSubjectTok.end, t.start))
      take = true // a path
    else if (unit && cSubject.unit && isBelow(this.compiled.roster, unit, cSubject.unit))
      take = true
    else if (this.consumed) take = true
    if (!take) return // a word about the figure (环卫集团发动环卫工人 …), not its unit
    if (joint && cSubject) cSubject.joint = true
    if (joint && k === this.i && this.prevSubject) this.prevSubject.joint = true
    const subject: Subject = {
      tok: t,
      unit,
      written: unit !== undefined ? this.text.slice(t.start, t.end) : t.unit,
      joint,
    }
    this.cSubject = subject
    this.cSubjectTok = t
    this.itemStart = k + 1
    this.consumed = false
    line.subject = subject
    if (!line.first) line.first = subject
  }

  keyword(t: Tok) {
    const f = t.flags
    const line = this.line
    if (f & CORRECTION) {
      this.out.correction = true
      this.correction = true
    }
    if (f & FWD) {
      this.fwdPast = this.fwd ? this.fwdPast && (f & PAST) !== 0 : (f & PAST) !== 0
      this.fwd = true
    }
    if (f & FWD_LINE) line.fwdLine = true
    if (f & FUTURE) line.future = true
    if (f & TODAY) {
      line.future = false
      if (this.fwdPast) this.fwd = false
    }
    if (f & RESET) {
      this.fwd = false
      line.fwdLine = false
      line.future = false
    }
  }

  number(t: Tok, k: number) {
    const out = this.out
    const line = this.line
    if (t.month > 0) {
      if (!out.statedDate && !this.fwd && !line.future)
        out.statedDate = { month: t.month, day: t.day }
      return
    }
    if (t.skip) return
    const cls = t.cls
    const flags = this.flags
    const vetoed =
      this.fwd || line.fwdLine || line.future || (flags & CLAUSE) !== 0 || this.question
    const from = this.itemStart
    if (this.inBreakdown) {
      const target = this.paren ?? this.lastRecord
      this.itemStart = k + 1
      if (!target || vetoed || flags & CORRECTION || !t.integer) return
      if (cls === PERSON || cls === BARE) {
        const label = breakdownLabel(this.text, this.tokens[from]?.start ?? t.start, t.start)
        if (label) (target.breakdown ??= {})[label] = t.value
      } else if (cls === POINTS_CLS || this.pointsBefore(k)) target.points ??= t.value
      return
    }
    const isPoints =
      cls === POINTS_CLS ||
      ((cls === COUNT || cls === BARE || cls === BARE_SPACE || cls === ITEMS) &&
        this.pointsBefore(k))
    if (isPoints) {
      this.itemStart = k + 1
      if (!vetoed && t.integer) this.attachPoints(t.value, this.cSubject ?? line.subject)
      return
    }
    if (cls === TIMES || cls === ITEMS || cls === COUNT) {
      this.itemStart = k + 1
      this.consumed = true
      if (!vetoed && t.integer) this.activity(t, k)
      return
    }
    if (cls !== PERSON && cls !== BARE && cls !== BARE_SPACE) return

    // A headcount, if nothing vetoes it (a malformed one, t.integer false, is told back).
    this.itemStart = k + 1
    this.consumed = true
    if (vetoed || flags & PERSON_TAINT) return
    if (cls === BARE_SPACE) {
      const next = this.tokens[k + 1]
      if (!next) return
      if (next.type !== UNIT && next.type !== UNKNOWN && !(next.type === KW && next.flags & POINTS))
        return
    }
    if (cls !== PERSON) {
      if (!this.bareOk(k)) return
    } else if (!this.ownVerb && !this.prefixOk(from, k, this.cSubject?.unit)) return
    if (this.sublocation(from, k)) return
    this.headcount(t, k)
  }

  headcount(t: Tok, k: number) {
    const line = this.line
    const out = this.out
    const total = (this.flags & TOTAL) !== 0 && this.cSubject === undefined
    let s: Subject | undefined = this.cSubject
    let level = 2
    if (total) {
      level = 1
      if (line.first && !line.firstHadFigure) s = line.first
      else if (line.figureUnits <= 1 && line.subject) s = line.subject
      else s = undefined
    } else if (!s && line.subject) {
      // Carried from earlier on the line: as good as named when the clause has its own verb
      // (上午上岗280人，下午上岗300人 disagrees with itself), weaker otherwise (…，志愿者20人).
      s = line.subject
      level = this.ownVerb ? 2 : 1
    }
    let unit: string | undefined
    if (s) {
      if (s.joint) return
      if (s.unit === undefined) {
        if (t.malformed) this.addMalformed(t, undefined)
        else addUnknown(out.unknown, s.written, t.value)
        line.hadFigure = true
        this.lastRecord = undefined
        if (s === line.first) line.firstHadFigure = true
        return
      }
      unit = s.unit
    } else {
      // Nobody named on the line: the heading's or the room's figure, if the clause says so, or
      // if the figure stands alone on its line under a heading (东华所：\n326人).
      const alone = this.heading !== undefined && k === this.lineStartTok && this.aloneOnLine(k)
      if (!(this.hasVerb || total || alone) || line.location) return
      const firstPlain = this.firstPlain
      const limit = this.firstVerb >= 0 ? Math.min(this.firstVerb, k) : k
      if (firstPlain >= 0 && firstPlain < limit) return
      level = total ? 1 : 0
      const heading = this.heading
      if (heading) {
        if (heading.joint) return
        if (heading.unit === undefined) {
          if (t.malformed) this.addMalformed(t, undefined)
          else addUnknown(out.unknown, heading.written, t.value)
          return
        }
        unit = heading.unit
      } else if (this.roomUnit !== undefined) unit = this.roomUnit
      else {
        if (t.malformed) this.addMalformed(t, undefined)
        else out.missingUnit = true
        return
      }
    }
    line.hadFigure = true
    if (s && s === line.first) line.firstHadFigure = true
    if (line.lastFigureUnit !== unit) {
      line.figureUnits++
      line.lastFigureUnit = unit
    }
    if (t.malformed) {
      this.addMalformed(t, unit)
      this.lastRecord = undefined
      return
    }
    const cand = this.addCandidate(unit, t, level)
    const next = this.tokens[k + 1]
    if (next && next.type === SEP && next.sep === OPEN && this.spacesOnly(t.end, next.start)) {
      this.parenNext = cand
    }
  }

  activity(t: Tok, k: number) {
    const kind = this.activityNear(k)
    if (!kind) return
    const s = this.cSubject ?? this.line.subject
    if (s) {
      if (s.unit !== undefined && !s.joint)
        this.out.activities.push({ unit: s.unit, kind, count: t.value })
      return
    }
    const heading = this.heading
    const unit = this.lastRecord?.unit ?? (heading ? heading.unit : this.roomUnit)
    if (unit !== undefined) this.out.activities.push({ unit, kind, count: t.value })
    else if (!heading) this.out.missingUnit = true
  }

  addMalformed(t: Tok, unit: string | undefined) {
    const written = shortened(t.malformed, MAX_QUOTED)
    const list = this.out.malformed
    if (list.some((m) => m.written === written && m.unit === unit)) return
    list.push(unit === undefined ? { written } : { written, unit })
  }

  addCandidate(unit: string, t: Tok, level: number): Candidate {
    const cand: Candidate = {
      unit,
      count: t.value,
      approx: t.approx,
      level,
      correction: this.correction,
      points: undefined,
      breakdown: undefined,
    }
    const pending = this.pendingPoints
    if (pending && (pending.unit === undefined || pending.unit === unit)) {
      cand.points = pending.value
      this.pendingPoints = undefined
    }
    this.out.candidates.push(cand)
    this.lastRecord = cand
    return cand
  }

  attachPoints(value: number, s: Subject | undefined) {
    if (s && s.unit === undefined) return
    const unit = s?.unit
    const candidates = this.out.candidates
    for (let c = candidates.length - 1; c >= 0; c--) {
      const cand = candidates[c]!
      if (unit === undefined ? cand === this.lastRecord : cand.unit === unit) {
        cand.points ??= value
        return
      }
    }
    this.pendingPoints = { unit, value }
  }

  spacesOnly(from: number, to: number): boolean {
    const text = this.text
    for (let p = from; p < to; p++) {
      const c = text.charCodeAt(p)
      if (c !== 32 && c !== 9 && c !== DE) return false
    }
    return true
  }

  /** Only the figure is on its line (before a line break or the end). */
  aloneOnLine(k: number): boolean {
    const next = this.tokens[k + 1]
    return next === undefined || (next.type === SEP && next.sep === NEWLINE)
  }

  /** Tokens [from, k) hold nothing but words allowed between a unit and its figure. */
  prefixOk(from: number, k: number, unit: string | undefined): boolean {
    const tokens = this.tokens
    for (let m = from; m < k; m++) {
      const t = tokens[m]!
      if (t.type === KW && t.flags & PREFIX_OK) continue
      if (t.type === NUM && (t.skip || (t.cls === OTHER && t.clsChar !== HAO))) continue
      if (t.type === UNIT && t.unit === unit) continue
      return false
    }
    return true
  }

  /** A spot inside the unit (3号点位, 门口) stands before the figure. */
  sublocation(from: number, k: number): boolean {
    const tokens = this.tokens
    for (let m = from; m < k; m++) {
      const t = tokens[m]!
      if (t.type === KW && t.flags & (SUBLOC | POINTS)) return true
      if (t.type === NUM && t.cls === OTHER && t.clsChar === HAO) return true
    }
    return false
  }

  /** The figure at k stands right after 点位 (across filler and colons). */
  pointsBefore(k: number): boolean {
    const tokens = this.tokens
    for (let m = k - 1; m >= 0; m--) {
      const t = tokens[m]!
      if (t.type === KW && t.flags & POINTS) return true
      if (t.type === KW && t.flags & FILL && !(t.flags & VETO)) continue
      if (t.type === SEP && t.sep === COLON) continue
      return false
    }
    return false
  }

  /** A bare figure (no 人) stands right after its unit, or right after 上岗 / 人数. */
  bareOk(k: number): boolean {
    const tokens = this.tokens
    let sawBareVerb = false
    for (let m = k - 1; m >= 0; m--) {
      const t = tokens[m]!
      if (t.type === KW && t.flags & PREFIX_OK && !(t.flags & VETO)) {
        if (t.flags & BARE_VERB) sawBareVerb = true
        continue
      }
      if (t.type === SEP && t.sep === COLON) continue
      if (t.type === SEP && t.sep === COMMA && !sawBareVerb) {
        const unit = tokens[m - 1] // 东华所，326
        return unit !== undefined && (unit.type === UNIT || unit.type === UNKNOWN) && !unit.loc
      }
      if (t.type === UNIT || t.type === UNKNOWN) return !t.loc
      return sawBareVerb && t.type === SEP
    }
    return sawBareVerb
  }

  /** The activity a count of times or items belongs to: the nearest activity word before it. */
  activityNear(k: number): ActivityKind | undefined {
    const tokens = this.tokens
    for (let m = k - 1; m >= this.i; m--) {
      const t = tokens[m]!
      if (t.type === NUM) break
      if (t.type === KW && t.activity) return t.activity
    }
    const next = tokens[k + 1]
    return next && next.type === KW && next.start <= tokens[k]!.end + 1 ? next.activity : undefined
  }
}

function addUnknown(list: UnknownUnit[], written: string, count: number) {
  if (!list.some((u) => u.written === written && u.count === count)) list.push({ written, count })
}

const LABEL_LEADS = ['其中', '内含', '包括', '包含', '含']
const LABEL_TRAILS = new Set([...' \t:为有共约近是达'].map((c) => c.charCodeAt(0)))

/** The name of a breakdown item: 保安 in 其中保安60人. Empty when there is none. */
function breakdownLabel(text: string, from: number, to: number): string {
  let a = from
  let b = to
  while (a < b && (text.charCodeAt(a) === 32 || text.charCodeAt(a) === COLON)) a++
  for (const lead of LABEL_LEADS) {
    if (text.startsWith(lead, a)) {
      a += lead.length
      break
    }
  }
  while (a < b && (text.charCodeAt(a) === 32 || text.charCodeAt(a) === COLON)) a++
  while (b > a && LABEL_TRAILS.has(text.charCodeAt(b - 1))) b--
  if (b - a === 0 || b - a > 12) return ''
  for (let p = a; p < b; p++) {
    const c = text.charCodeAt(p)
    if (c >= 48 && c <= 57) return ''
  }
  return text.slice(a, b)
}
