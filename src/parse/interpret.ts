/**
 * Turns tokens into figures. The text is read clause by clause (clauses end at , 、 : ; 。 ( ) and
 * line breaks); each figure is given to a unit:
 *
 * 1. the unit named in its clause (the last of a path: 高新分局马金铺所 → 马金铺所), or each unit
 *    of a list named there (A、B各上岗80人), or the list's units in turn (A、B分别上岗140人、115人);
 * 2. else the unit named earlier on its line (拓东所：到岗 210 人);
 * 3. else, for a total (合计 / 共计), the unit heading the line or the message;
 * 4. else the heading unit of an earlier line with no figure (呈贡分局今日上岗情况：), the unit of
 *    a quoted report (a correction in a quote reply), then the room's unit (我所 / 全局 only when
 *    they fit it); only for a clause with a headcount verb and nothing unexplained before it.
 *
 * A figure is read only when something says it is a headcount: 人 / 名 after it and a verb or
 * nothing but filler words between it and its unit, or a bare number right after a unit name.
 * Words around it can veto it: comparisons, plans, requests, questions, leave, other days
 * (see lexicon.ts). When in doubt the figure is dropped: a false record is worse than a missed one.
 * A drop that leaves a report unread (one figure for two units, a correction without its new
 * figure, parts with no total) is noted as a doubt, so the liaison can be asked. Every figure's
 * fate can be traced (`steps`), at no cost when not asked for.
 */
import { hasStations } from '../roster/queries.js'
import { CH, isBelow, type Compiled } from './compile.js'
import { BREAKDOWN_LEADS, K, LABEL_TRAILS, WRONG_FIGURE, type SelfKind } from './lexicon.js'
import { shortened } from './normalize.js'
import { C, C_HAO, T, type Tok } from './tokenize.js'
import type { Activity, ActivityKind, Malformed, UnknownUnit } from './types.js'

/** What a figure is among the figures of its unit. */
export const KIND = {
  PLAIN: 0,
  /** Beats the parts written beside it (保安40人，商户52人，合计152人). */
  TOTAL: 1,
  /** One of a unit's shifts: summed when no total is written (白班120人、夜班90人). */
  SHIFT: 2,
} as const

export interface Candidate {
  unit: string
  count: number
  approx: boolean
  /**
   * 2: unit named in the clause, or carried from the line into a clause with its own verb;
   * 1: carried otherwise, or a total; 0: the heading's, the quoted report's or the room's unit.
   */
  level: number
  /** Read after a correction marker (更正 …). */
  correction: boolean
  points: number | undefined
  breakdown: Record<string, number> | undefined
  kind: number
  /** Where the figure is written in the text. */
  start: number
  end: number
}

/** Why a figure was kept or dropped: what `redband parse --explain` says of each. */
export const RULES = {
  named: 'kept: the unit named in its clause',
  carried: 'kept: the unit named earlier on its line',
  total: 'kept as the total of the unit heading the line (合计, 共)',
  heading: 'kept: the unit heading the message',
  quoted: 'kept: the unit of the quoted report',
  room: "kept: the room's unit",
  self: "kept: the room's unit (我所, 全局, 我单位)",
  each: 'kept for each unit of the list (各, 均)',
  inTurn: 'kept for the units of the list in turn (分别)',
  row: "kept: a table row's actual column (实到, 上岗)",
  tableTotal: "kept: a table's total row, for the unit its title or room names",
  shift: 'kept as a shift, summed when no total is written',
  breakdown: 'kept as a breakdown of the figure before it (其中, 含)',
  points: 'duty points',
  activity: 'an activity count',
  date: 'the date the report is for',
  notCount: 'dropped: a time, phone number, range, list marker, ordinal or old figure (→)',
  notPeople: 'dropped: its measure word is not of people (号, 辆, 家, 人次 …)',
  comparison: 'dropped: a comparison, an earlier figure or another day (较, 原报, 昨日, 不是)',
  plan: 'dropped: a request, a plan or an estimate (请, 计划, 预计)',
  future: 'dropped: a day ahead (明天)',
  clause: 'dropped: a question, leave, a meeting, a rate … (吗, 请假, 率)',
  check: 'dropped: a spot check and its answer (抽查)',
  notVolunteers: 'dropped: police, the public or enforcement (民警, 群众, 疏导)',
  spot: 'dropped: a count at one spot (3号点位, 岗亭)',
  perPoint: 'dropped: a figure per point, not the total (各点位2人)',
  bare: 'dropped: a bare number not beside its unit',
  words: 'dropped: words between the unit and the figure say it is something else',
  place: 'dropped: a place stands where the unit would be',
  orphan: 'set aside: neither a unit nor a headcount verb (a part, or nobody’s figure)',
  parts: 'dropped: parts with no total, or a figure of no unit',
  bareTotal: 'dropped: a total (合计) after stations’ figures that names no unit',
  joint: 'dropped: one figure for several units (共)',
  listCount: 'dropped: the list has more or fewer figures than units (分别)',
  selfMismatch: "dropped: 我所 / 我局 does not fit the room's unit",
  unknownUnit: 'not recorded: the unit is not in the roster',
  noUnit: 'not recorded: no unit named, and the room has none',
  malformed: 'not recorded: not a plain number (150+20, 1,0500, 八九十)',
  unplacedPart: 'dropped: a part of a figure no unit was read for',
  disagree: 'dropped: the unit was given figures that disagree',
  shiftSum: 'kept: the shifts summed',
  held: "held: far above the unit's target",
} as const

export type Rule = keyof typeof RULES

/** One figure's fate, for --explain. */
export interface Step {
  start: number
  end: number
  rule: Rule
  unit?: string
}

export interface Reading {
  candidates: Candidate[]
  activities: Activity[]
  unknown: UnknownUnit[]
  malformed: Malformed[]
  missingUnit: boolean
  correction: boolean
  statedDate: { month: number; day: number } | undefined
  /** The message may be a report that was not read: why (Unread.why). */
  doubt: string | undefined
  /** The doubt is that the only figures were of police (Unread.police). */
  police: boolean
}

export interface InterpretOptions {
  /** The unit a quoted report names (a correction in a quote reply is that unit's). */
  quotedUnit?: string | undefined
  /** Collect every figure's fate here. */
  steps?: Step[] | undefined
}

/** The longest malformed figure quoted back: a paste of 1+1+1… is not repeated in full. */
export const MAX_QUOTED = 20

interface Subject {
  tok: Tok
  /** Canonical name, undefined for a unit that is not in the roster. */
  unit: string | undefined
  written: string
  /** One of several units listed together (龙城所、洛龙所): a figure goes to all or in turn. */
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
  /** The units listed together with the subject (itself included). */
  group: Subject[]
  /** 分别: the list's units take the figures in turn. */
  respectively: { group: Subject[]; taken: Candidate[]; over: boolean } | undefined
  /** A clause on the line asks, plans or vetoes: the line cannot head later lines. */
  tainted: boolean
  /** A unit on the line was a place (在龙城所门口): the room's unit is not assumed. */
  location: boolean
  /** The line names one spot (5号岗亭, 门口): a count with no unit is that spot's. */
  spot: boolean
  fwdLine: boolean
  future: boolean
  check: boolean
  /** After 其中 / 含: figures are a breakdown of this record until the sentence ends. */
  breakdown: Candidate | undefined
}

const newLine = (): Line => ({
  subject: undefined,
  first: undefined,
  firstHadFigure: false,
  hadFigure: false,
  figureUnits: 0,
  lastFigureUnit: undefined,
  group: [],
  respectively: undefined,
  tainted: false,
  location: false,
  spot: false,
  fwdLine: false,
  future: false,
  check: false,
  breakdown: undefined,
})

/** Marks a breakdown of a figure that found no unit: its parts are nobody's either. */
const UNPLACED: Candidate = Object.freeze({
  unit: '',
  count: 0,
  approx: false,
  level: 0,
  correction: false,
  points: undefined,
  breakdown: undefined,
  kind: 0,
  start: 0,
  end: 0,
}) as Candidate

interface Orphan {
  t: Tok
  shift: boolean
}

const NEWLINE = 10
const COLON = 58
const OPEN = 40
const CLOSE = 41
const ENUM_COMMA = 0x3001 // 、
const QUESTION = 63
const DE = '的'.charCodeAt(0)
const COMMA = 44
const STAFF = '人员'

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
const POLICE = K.POLICE
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
const SHIFT = K.SHIFT
const EACH = K.EACH
const RESPECTIVE = K.RESPECTIVE
const DELTA = K.DELTA
const PLURAL = K.PLURAL
const MOBILIZE = K.MOBILIZE
const SELF = K.SELF
const CHECK = K.CHECK
const PEOPLE = K.PEOPLE
const SENTENCE_END = CH.HARD
const PLAIN_KIND = KIND.PLAIN
const TOTAL_KIND = KIND.TOTAL
const SHIFT_KIND = KIND.SHIFT

/** Flags a clause ending with ':' (or 、 mid-list) and no number passes on to the next clause. */
const INHERITED = VERB | TOTAL | BARE_VERB | MOBILIZE | PLURAL | EACH
/** Keyword flags that may stand between a unit and its figure. */
const PREFIX_OK =
  FILL | VERB | K.APPROX | TOTAL | BARE_VERB | K.NAMEPART | CORRECTION | SHIFT | EACH | RESPECTIVE
/** Words a bare figure may follow as its label: 上岗人数 198, 合计188, 白天120, 保安员120. */
const LABEL = BARE_VERB | TOTAL | SHIFT | PEOPLE
const VETO = FWD | FWD_LINE | FUTURE | CLAUSE | PERSON_TAINT
const HEADING_VETO = CLAUSE | FWD_LINE | FUTURE | PERSON_TAINT

/** Reads the figures in tokenized, normalised text. */
export function interpret(
  text: string,
  tokens: Tok[],
  compiled: Compiled,
  roomUnit: string | undefined,
  options: InterpretOptions = {},
): Reading {
  return new Interpreter(text, tokens, compiled, roomUnit, options).run()
}

/** Whether a self-reference of this kind can mean the unit: 我所 a station, 我局 a sub-bureau. */
function fits(self: SelfKind, unit: string): boolean {
  if (self === 'station') return unit.endsWith('所')
  if (self === 'bureau') return unit.endsWith('局')
  return true
}

/** The reading state; a class so that no closure is created per message or clause. */
class Interpreter {
  readonly out: Reading
  readonly n: number
  readonly steps: Step[] | undefined
  readonly quotedUnit: string | undefined
  line: Line = newLine()
  heading: Subject | undefined
  lastRecord: Candidate | undefined
  /** A headcount was read (placed or not): 其中 after it opens a breakdown. */
  lastFigure = false
  paren: Candidate | undefined
  parenNext: Candidate | undefined
  pendingPoints: { unit: string | undefined; value: number } | undefined
  pendingJoint = false
  prevSubject: Subject | undefined
  prevFlags = 0
  prevSelf: SelfKind | undefined
  prevPassesOn = false
  prevSep = 0
  /** Index of the first token of the current line. */
  lineStartTok = 0
  orphans: Orphan[] | undefined
  /** Figures of one kind of people with no verb (东华所：保安40人): parts, unless a total is read. */
  parts: Candidate[] | undefined
  /** A figure of people was vetoed: with a correction marker, the new figure is missing. */
  vetoedPeople = false
  /** The message speaks of people who are not volunteers (游客, 群众, 民警): a lone figure is theirs. */
  sawOthers = false
  /** A figure of police was dropped: when no volunteer figure is read, the liaison is asked. */
  policeFigure = false
  /** The message says an earlier figure was wrong (人数不对, 报错了). */
  figureWrong = false
  /** A roster unit was named as a subject. */
  namedUnit = false
  /** A clause asks (?): a figure said to be wrong in a question is not a correction. */
  asked = false
  delta = false
  planAhead = false

  // The clause being read: tokens[i, j).
  i = 0
  j = 0
  flags = 0
  firstVerb = -1
  firstPlain = -1
  firstPlural = -1
  /** A headcount verb in the clause or passed on from before a colon. */
  hasVerb = false
  /** A headcount verb in the clause itself: only that excuses unexplained words before a figure. */
  ownVerb = false
  question = false
  fwd = false
  /** The clause's FWD veto comes only from an earlier day (昨日), which 今日 ends. */
  fwdPast = false
  correction = false
  /** A total word passed on through a colon (合计：268人). */
  inheritedTotal = false
  selfKind: SelfKind | undefined
  /** The number right after a plan word (计划100): vetoed alone, the line goes on. */
  vetoNext = -1
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
    options: InterpretOptions,
  ) {
    this.n = tokens.length
    this.steps = options.steps
    this.quotedUnit = options.quotedUnit
    this.out = {
      candidates: [],
      activities: [],
      unknown: [],
      malformed: [],
      missingUnit: false,
      correction: false,
      statedDate: undefined,
      doubt: undefined,
      police: false,
    }
  }

  run(): Reading {
    const { tokens, n } = this
    let i = 0
    while (i <= n) {
      let j = i
      let flags = 0
      let firstVerb = -1
      let firstPlain = -1
      let firstPlural = -1
      let hasNum = false
      let onlyUnit = 0
      while (j < n && tokens[j]!.type !== SEP) {
        const t = tokens[j]!
        if (t.type === KW) {
          flags |= t.flags
          if (t.flags & VERB && firstVerb < 0) firstVerb = j
          if (t.flags & PLURAL && firstPlural < 0) firstPlural = j
        } else if (t.type === PLAIN) {
          // 物业 in 物业人员 says who, not where.
          if (firstPlain < 0 && !this.kindOfPeople(j)) firstPlain = j
        } else if (t.type === NUM) hasNum = true
        if (t.type === UNIT || t.type === UNKNOWN) onlyUnit = onlyUnit === 0 ? 1 : onlyUnit
        else onlyUnit = 2
        j++
      }
      const sep = j < n ? tokens[j]!.sep : NEWLINE
      this.startClause(i, j, flags, firstVerb, firstPlain, firstPlural, sep === QUESTION)
      for (let k = i; k < j; k++) this.token(k)
      this.endClause(sep, hasNum, onlyUnit === 1)
      i = j + 1
    }
    this.endLine()
    this.settleOrphans()
    this.settleParts()
    const out = this.out
    // Nothing read and no doubt yet: a correction that lost its figure, else police, is asked about.
    if (out.doubt === undefined && out.candidates.length === 0) {
      if (
        (this.vetoedPeople && (out.correction || this.delta)) ||
        (this.figureWrong && this.unitKnown() && !this.asked)
      ) {
        this.doubt('correction without the new figure')
      } else if (this.policeFigure) {
        // 交警支队出动民警、辅警1320人: police are not red-armband volunteers, but the liaison
        // meant to report; silence would let them believe it counted.
        this.doubt('police, not volunteers')
        out.police = true
      }
    }
    return out
  }

  step(t: Tok, rule: Rule, unit?: string) {
    if (this.steps) this.steps.push({ start: t.start, end: t.end, rule, ...(unit ? { unit } : {}) })
  }

  doubt(why: string) {
    this.out.doubt ??= why
  }

  startClause(
    i: number,
    j: number,
    flags: number,
    firstVerb: number,
    firstPlain: number,
    firstPlural: number,
    question: boolean,
  ) {
    this.i = i
    this.j = j
    this.cSubject = undefined
    this.cSubjectTok = undefined
    this.ownVerb = (flags & VERB) !== 0
    this.inheritedTotal = false
    this.selfKind = undefined
    if (this.prevPassesOn) {
      // After 、 the clause continues a list of objects of the same verb; after a colon, the
      // verb is a heading's (东华所今日上岗：早班80人 does not make 早班 a headcount word).
      if (this.prevSep === ENUM_COMMA) this.ownVerb ||= (this.prevFlags & VERB) !== 0
      flags |= this.prevFlags & INHERITED
      if (this.prevFlags & VERB) firstVerb = i - 1
      this.inheritedTotal = (this.prevFlags & TOTAL) !== 0
      this.selfKind = this.prevSelf
      this.cSubject = this.prevSubject
      this.cSubjectTok = this.prevSubject?.tok
    }
    this.flags = flags
    this.firstVerb = firstVerb
    this.firstPlain = firstPlain
    this.firstPlural = firstPlural
    this.question = question
    this.hasVerb = (flags & (VERB | CORRECTION)) !== 0
    if (flags & HEADING_VETO || question) this.line.tainted = true
    if (question) this.asked = true
    if (flags & PERSON_TAINT) this.sawOthers = true
    this.fwd = false
    this.fwdPast = false
    this.correction = this.out.correction
    this.itemStart = i
    this.consumed = false
    const first = this.tokens[i]
    if (first?.type === KW && first.flags & BREAKDOWN && this.lastFigure && !this.line.breakdown) {
      // A breakdown of the figure read last, or of nothing when that one found no unit.
      this.line.breakdown = this.lastRecord ?? UNPLACED
    }
    this.inBreakdown = this.paren !== undefined || this.line.breakdown !== undefined
  }

  endClause(sep: number, hasNum: boolean, onlyUnit: boolean) {
    this.pendingJoint = false
    this.prevSubject = this.cSubject
    this.prevFlags = this.flags
    this.prevSelf = this.selfKind
    this.prevSep = sep
    // A colon binds what follows to what precedes (拓东所：到岗 210 人); so does 、 inside a list of
    // objects (发动辖区商户、物业公司员工共326人). A 、 after a lone unit lists units instead.
    this.prevPassesOn = !hasNum && (sep === COLON || (sep === ENUM_COMMA && !onlyUnit))
    if (sep === ENUM_COMMA && onlyUnit) this.pendingJoint = true
    if (sep === OPEN) {
      if (this.parenNext) this.paren = this.parenNext
    } else if (sep === CLOSE) this.paren = undefined
    this.parenNext = undefined
    if (this.compiled.chars[sep]! & SENTENCE_END) this.line.breakdown = undefined
    if (sep === NEWLINE) this.endLine()
  }

  endLine() {
    const line = this.line
    const r = line.respectively
    if (r && r.taken.length > 0 && (r.over || r.taken.length !== r.group.length)) {
      // 分别 with figures that do not pair with the units: none of them is read.
      const candidates = this.out.candidates
      for (const cand of r.taken) {
        const at = candidates.indexOf(cand)
        if (at >= 0) candidates.splice(at, 1)
        if (this.steps) this.steps.push({ start: cand.start, end: cand.end, rule: 'listCount' })
      }
      this.doubt('list figures do not match the units')
    }
    const s = line.subject
    // A list of units heads the lines under it too: a figure there is theirs jointly, so asked about.
    if (s && !line.hadFigure && !line.tainted && !line.location) this.heading = s
    // A title of another day with no figure (明日各所计划): the lines under it are its plan.
    if (line.future && !line.hadFigure && !s) this.planAhead = true
    this.line = newLine()
    this.line.future = this.planAhead
    this.lineStartTok = this.j + 1
    this.paren = undefined
    this.parenNext = undefined
    this.pendingJoint = false
    this.prevPassesOn = false
  }

  token(k: number) {
    const t = this.tokens[k]!
    if (t.type === UNIT || t.type === UNKNOWN) this.unitToken(t, k)
    else if (t.type === KW) this.keyword(t, k)
    else if (t.type === NUM) this.number(t, k)
  }

  unitToken(t: Tok, k: number) {
    const roster = this.compiled.roster
    const unit = t.type === UNIT ? t.unit : undefined
    if (this.inBreakdown) {
      // A unit under the total's (全局877人，其中关上所252人) reports its own figure; anything
      // else in a breakdown is a label (其中保安60人、环卫40人).
      const target = this.breakdownTarget()
      if (t.weak || unit === undefined || !target || !isBelow(roster, unit, target.unit)) return
      this.inBreakdown = false
    }
    const line = this.line
    if (t.loc) {
      line.location = true
      return
    }
    const tokens = this.tokens
    const before = tokens[k - 1]
    const beforeBefore = tokens[k - 2]
    let joint =
      (k === this.i && this.pendingJoint) ||
      (before !== undefined &&
        before.type === KW &&
        (before.flags & CONJ) !== 0 &&
        (beforeBefore?.type === UNIT || beforeBefore?.type === UNKNOWN))
    const cSubject = this.cSubject
    // An alias that is also a word (环卫) names a unit at the head of a line, in a list of units
    // (云大、昆工), or after a unit given its figure (云大520人、昆工430人), not among parts.
    // So does one opening a clause with its own figure after a unit's figure (云大 612，昆工 503).
    const listed =
      joint ||
      (k === this.i &&
        ((this.prevSep === ENUM_COMMA && this.prevSubject) ||
          (line.hadFigure && this.prevSubject && this.numberRightAfter(k))))
    if (t.weak && !listed && (line.subject !== undefined || cSubject !== undefined)) return
    // The parent written beside its unit (东华派出所（盘龙分局）) names no new subject.
    const current = cSubject ?? (line.hadFigure ? undefined : line.subject)
    if (unit && current?.unit && !this.consumed && isBelow(roster, current.unit, unit)) return
    let take = false
    if (!cSubject || joint) take = true
    else if (unit !== undefined && unit === cSubject.unit) take = false
    else if (this.cSubjectTok && this.spacesOnly(this.cSubjectTok.end, t.start)) {
      // A path (呈贡分局 龙城所) names its last unit; units side by side (关上所 金马所) are a list.
      take = true
      if (unit && cSubject.unit && !isBelow(roster, unit, cSubject.unit)) joint = true
    } else if (unit && cSubject.unit && isBelow(roster, unit, cSubject.unit)) take = true
    else if (this.consumed) take = true
    if (!take) return // a word about the figure (环卫集团发动环卫工人 …), not its unit
    const subject: Subject = {
      tok: t,
      unit,
      written: unit !== undefined ? this.text.slice(t.start, t.end) : t.unit,
      joint,
    }
    if (joint && line.group.length > 0) {
      line.group.push(subject)
      for (const member of line.group) member.joint = true
    } else {
      subject.joint = false
      line.group = [subject]
    }
    if (unit !== undefined) this.namedUnit = true
    this.cSubject = subject
    this.cSubjectTok = t
    this.itemStart = k + 1
    this.consumed = false
    line.subject = subject
    if (!line.first) line.first = subject
  }

  keyword(t: Tok, k: number) {
    const f = t.flags
    const line = this.line
    if (f & CORRECTION) {
      this.out.correction = true
      this.correction = true
      if (f & CLAUSE && WRONG_WORDS.has(this.text.slice(t.start, t.end))) this.figureWrong = true
    }
    if (f & DELTA) this.delta = true
    if (f & FWD) {
      this.fwdPast = this.fwd ? this.fwdPast && (f & PAST) !== 0 : (f & PAST) !== 0
      this.fwd = true
      // 目标任务：… or 昨日：… heads its line: every figure after the colon is the target's.
      if (this.labelsLine(k)) line.fwdLine = true
    }
    if (f & FWD_LINE) {
      // 计划100 labels one figure (the plan beside the actual); 计划下周… vetoes the line.
      if (this.numberRightAfter(k)) this.vetoNext = k + 1
      else line.fwdLine = true
    }
    if (f & FUTURE) line.future = true
    if (f & CHECK) line.check = true
    if (f & TODAY) {
      line.future = false
      if (this.fwdPast) this.fwd = false
    }
    if (f & RESET) {
      this.fwd = false
      line.fwdLine = false
      line.future = false
    }
    if (f & SELF) this.selfKind ??= t.self
    if (f & RESPECTIVE && !line.respectively) {
      const s = this.cSubject ?? line.subject
      if (s?.joint) line.respectively = { group: line.group, taken: [], over: false }
    }
    if (f & SUBLOC && !(this.flags & (PLURAL | MOBILIZE))) line.spot = true
  }

  /** Why a figure at k is vetoed by the words around it, or undefined. */
  veto(k: number): Rule | undefined {
    const line = this.line
    if (line.check) return 'check'
    if (k === this.vetoNext) return 'plan'
    if (this.fwd) return 'comparison'
    if (line.fwdLine) return 'plan'
    if (line.future) return 'future'
    if (this.flags & CLAUSE || this.question) return 'clause'
    return undefined
  }

  number(t: Tok, k: number) {
    const out = this.out
    const line = this.line
    if (t.month > 0) {
      if (!out.statedDate && !this.fwd && !line.future)
        out.statedDate = { month: t.month, day: t.day }
      this.step(t, 'date')
      return
    }
    const cls = t.cls
    if (cls === OTHER && t.clsChar === HAO && !t.range && !(this.flags & PLURAL)) line.spot = true
    if (t.skip) {
      // 210到220人: a range of people, not a figure; the liaison is asked for one.
      if (t.range && cls === PERSON && !this.veto(k)) this.doubt('a range, not a figure')
      this.step(t, 'notCount')
      return
    }
    const flags = this.flags
    const veto = this.veto(k)
    const from = this.itemStart
    if (this.inBreakdown) return this.breakdownPart(t, k, from, veto)
    if (cls !== PERSON && this.notHeadcount(t, k, veto)) return

    // A headcount, if nothing vetoes it (a malformed one, t.integer false, is told back).
    this.itemStart = k + 1
    this.consumed = true
    if (veto) {
      if (cls === PERSON) this.vetoedPeople = true
      return this.step(t, veto)
    }
    if (flags & PERSON_TAINT) {
      if (flags & POLICE && cls === PERSON) this.policeFigure = true
      return this.step(t, 'notVolunteers')
    }
    const said = this.flagsBefore(from, k)
    const shift = (said & SHIFT) !== 0
    const total = this.inheritedTotal || (said & TOTAL) !== 0
    if (cls !== PERSON) {
      if (!this.bareOk(k, cls)) return this.step(t, 'bare')
    } else if (!this.ownVerb && !this.prefixOk(from, k, this.cSubject?.unit)) {
      return this.step(t, 'words')
    }
    if (this.sublocation(from, k)) return this.step(t, 'spot')
    const subject = this.cSubject ?? line.subject
    if (flags & PLURAL && !this.hasVerb && !total && !subject?.joint)
      return this.step(t, 'perPoint')
    const part = !this.ownVerb && !total && !shift && (said & PEOPLE) !== 0
    this.headcount(t, k, total, shift, part)
  }

  /** A figure in a breakdown (其中保安60人): its label's, or the target's points. */
  breakdownPart(t: Tok, k: number, from: number, veto: Rule | undefined) {
    const target = this.breakdownTarget()
    const cls = t.cls
    this.itemStart = k + 1
    if (!target) return this.step(t, 'unplacedPart')
    if (veto || this.flags & CORRECTION || !t.integer) return this.step(t, veto ?? 'notCount')
    if (cls === PERSON || cls === BARE) {
      const label = breakdownLabel(this.text, this.tokens[from]?.start ?? t.start, t.start)
      if (label) (target.breakdown ??= {})[label] = t.value
      this.step(t, 'breakdown', target.unit)
    } else if (cls === POINTS_CLS || this.pointsBefore(k)) {
      target.points ??= t.value
      this.step(t, 'points', target.unit)
    } else this.step(t, 'notPeople')
  }

  /** Reads a figure that is not of people (points, activities, 号 …); false for one that may be. */
  notHeadcount(t: Tok, k: number, veto: Rule | undefined): boolean {
    const cls = t.cls
    const isPoints =
      cls === POINTS_CLS ||
      ((cls === COUNT || cls === BARE || cls === BARE_SPACE || cls === ITEMS) &&
        this.pointsBefore(k))
    if (isPoints) {
      this.itemStart = k + 1
      if (!veto && t.integer) this.attachPoints(t.value, this.cSubject ?? this.line.subject)
      this.step(t, veto ?? 'points')
      return true
    }
    if (cls === TIMES || cls === ITEMS || cls === COUNT) {
      this.itemStart = k + 1
      this.consumed = true
      // 少算了三个: a count of people in a correction.
      if (veto && cls === COUNT) this.vetoedPeople = true
      if (!veto && t.integer) this.activity(t, k)
      this.step(t, veto ?? (cls === COUNT ? 'notPeople' : 'activity'))
      return true
    }
    if (cls !== PERSON && cls !== BARE && cls !== BARE_SPACE) {
      this.step(t, 'notPeople')
      return true
    }
    return false
  }

  headcount(t: Tok, k: number, totalHere: boolean, shift: boolean, part: boolean) {
    const line = this.line
    const out = this.out
    this.lastFigure = true
    let s: Subject | undefined = this.cSubject
    let level = 2
    let rule: Rule = 'named'
    if (totalHere && s === undefined) {
      level = 1
      rule = 'total'
      if (line.first && !line.firstHadFigure) s = line.first
      else if (line.figureUnits <= 1 && line.subject) s = line.subject
      else s = undefined
    } else if (!s && line.subject) {
      // Carried from earlier on the line: as good as named when the clause has its own verb
      // (今日上岗280人，今天上岗300人 disagrees with itself), weaker otherwise (…，志愿者20人).
      s = line.subject
      level = this.ownVerb ? 2 : 1
      rule = 'carried'
    }
    const kind = totalHere ? TOTAL_KIND : shift ? SHIFT_KIND : PLAIN_KIND
    let unit: string | undefined
    if (s) {
      if (s.joint) return this.shared(t, kind)
      if (s.unit === undefined) {
        if (t.malformed) this.addMalformed(t, undefined)
        else addUnknown(out.unknown, s.written, t.value)
        line.hadFigure = true
        this.lastRecord = undefined
        if (s === line.first) line.firstHadFigure = true
        return this.step(t, t.malformed ? 'malformed' : 'unknownUnit')
      }
      unit = s.unit
    } else {
      // Nobody named on the line: the heading's or the room's figure, if the clause says so, or
      // if the figure stands alone on its line under a heading (东华所：\n326人).
      if (line.location) return this.step(t, 'place')
      if (line.spot) return this.step(t, 'spot')
      const firstPlain = this.firstPlain
      const limit = this.firstVerb >= 0 ? Math.min(this.firstVerb, k) : k
      // Unexplained words where the unit would be (大学城片区今日上岗85人), unless a plural
      // place word after them says where (关上中心区各岗点在岗255人).
      const where = this.firstPlural > firstPlain && this.firstPlural < k
      if (firstPlain >= 0 && firstPlain < limit && !where) return this.step(t, 'place')
      const alone = this.heading !== undefined && k === this.lineStartTok && this.aloneOnLine(k)
      if (!(this.hasVerb || totalHere || alone)) {
        ;(this.orphans ??= []).push({ t, shift })
        return this.step(t, 'orphan')
      }
      level = totalHere ? 1 : 0
      const heading = this.heading
      if (this.selfKind !== undefined) {
        // 我所 / 全局 / 我单位: the room's own unit, when it is of that kind.
        if (this.roomUnit !== undefined && !fits(this.selfKind, this.roomUnit)) {
          this.doubt('self-reference does not fit the room')
          return this.step(t, 'selfMismatch')
        }
        unit = this.roomUnit
        rule = 'self'
      } else if (heading) {
        if (heading.joint) {
          this.doubt('one figure for several units')
          return this.step(t, 'joint')
        }
        if (heading.unit === undefined) {
          if (t.malformed) this.addMalformed(t, undefined)
          else addUnknown(out.unknown, heading.written, t.value)
          return this.step(t, t.malformed ? 'malformed' : 'unknownUnit')
        }
        unit = heading.unit
        rule = 'heading'
      } else if (this.quotedUnit !== undefined) {
        unit = this.quotedUnit
        rule = 'quoted'
      } else if (totalHere && this.belowRoomRead()) {
        // 龙城所 151 / 洛龙所 118 / 合计 269: a total of the stations listed, maybe not all of them.
        return this.step(t, 'bareTotal')
      } else if (
        this.correction &&
        this.roomUnit !== undefined &&
        hasStations(this.compiled.roster, this.roomUnit)
      ) {
        // 更正为146 in a sub-bureau's room: of the sub-bureau or of the station reported last?
        this.doubt('correction without its unit')
        return this.step(t, 'noUnit')
      } else {
        unit = this.roomUnit
        rule = 'room'
      }
      if (unit === undefined) {
        if (t.malformed) this.addMalformed(t, undefined)
        else out.missingUnit = true
        return this.step(t, t.malformed ? 'malformed' : 'noUnit')
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
      return this.step(t, 'malformed', unit)
    }
    const cand = this.addCandidate(unit, t, level, kind)
    if (part) (this.parts ??= []).push(cand)
    this.step(t, kind === SHIFT_KIND ? 'shift' : rule, unit)
    const next = this.tokens[k + 1]
    if (next && next.type === SEP && next.sep === OPEN && this.spacesOnly(t.end, next.start)) {
      this.parenNext = cand
    }
  }

  /** A figure for a list of units: each gets it (各), or the next in turn (分别), or none (共). */
  shared(t: Tok, kind: number) {
    const line = this.line
    const group = line.group
    if (t.malformed) {
      this.addMalformed(t, undefined)
      return this.step(t, 'malformed')
    }
    line.hadFigure = true
    if (this.flags & EACH) {
      for (const member of group) {
        if (member.unit === undefined) addUnknown(this.out.unknown, member.written, t.value)
        else this.addCandidate(member.unit, t, 2, kind)
      }
      if (this.steps) this.step(t, 'each', group.map((m) => m.unit ?? m.written).join('、'))
      return
    }
    const r = line.respectively
    if (r && r.group === group) {
      const member = group[r.taken.length]
      // 分别上岗262人、221人，合计483人: the list's own total once every unit has its figure.
      if (!member && kind === TOTAL_KIND) return this.step(t, 'bareTotal')
      if (!member) {
        r.over = true
        return this.step(t, 'listCount')
      }
      if (member.unit === undefined) {
        addUnknown(this.out.unknown, member.written, t.value)
        r.taken.push(this.placeholder(t))
        return this.step(t, 'unknownUnit')
      }
      r.taken.push(this.addCandidate(member.unit, t, 2, kind))
      return this.step(t, 'inTurn', member.unit)
    }
    this.doubt('one figure for several units')
    this.step(t, 'joint')
  }

  /** The record a breakdown is of: the figure before the bracket, or before 其中. */
  breakdownTarget(): Candidate | undefined {
    const target = this.paren ?? this.line.breakdown
    return target === UNPLACED ? undefined : target
  }

  /** Stands for a figure given to a unit not in the roster, in a 分别 list's count. */
  placeholder(t: Tok): Candidate {
    return {
      unit: '',
      count: t.value,
      approx: t.approx,
      level: 0,
      correction: false,
      points: undefined,
      breakdown: undefined,
      kind: PLAIN_KIND,
      start: t.start,
      end: t.end,
    }
  }

  /**
   * Figures with neither a unit nor a verb (保安40人，商户52人): parts of a figure read beside
   * them, else one unit's shifts (summed later), else the station's own figure when it stands
   * alone in its room (今天146人); else the message is a report not read.
   */
  settleOrphans() {
    const orphans = this.orphans
    if (orphans === undefined) return
    const out = this.out
    if (out.candidates.length > 0 || out.unknown.length > 0 || out.malformed.length > 0) return
    if (out.missingUnit) return
    const heading = this.heading
    const own = heading && !heading.joint ? heading.unit : (this.quotedUnit ?? this.ownRoomUnit())
    const shifts = orphans.every((o) => o.shift)
    if (own !== undefined && (shifts || orphans.length === 1)) {
      for (const { t, shift } of orphans) {
        if (t.malformed) this.addMalformed(t, own)
        else this.addCandidate(own, t, 0, shift ? SHIFT_KIND : PLAIN_KIND)
        this.step(t, shift ? 'shift' : 'room', own)
      }
      return
    }
    for (const { t } of orphans) this.step(t, this.sawOthers ? 'notVolunteers' : 'parts')
    // 游客较多，约五千人: a figure beside people who are not volunteers is not a report to ask about.
    if (this.sawOthers) return
    this.doubt(orphans.length === 1 ? 'figure without a unit' : 'parts with no total')
  }

  /**
   * The message names a unit, quotes a report that does, or comes from a station's own room: a
   * figure said to be wrong is that unit's.
   */
  unitKnown(): boolean {
    return this.namedUnit || this.quotedUnit !== undefined || this.ownRoomUnit() !== undefined
  }

  /**
   * A unit given only kinds of people (东华所：保安40人，商户52人) and no total or figure of its own:
   * the parts are not summed and none is the total, so the liaison is asked.
   */
  settleParts() {
    const parts = this.parts
    if (parts === undefined || parts.length < 2) return
    const candidates = this.out.candidates
    for (const unit of new Set(parts.map((p) => p.unit))) {
      const mine = candidates.filter((c) => c.unit === unit)
      if (mine.length < 2 || !mine.every((c) => parts.includes(c))) continue
      for (const c of mine) {
        candidates.splice(candidates.indexOf(c), 1)
        this.steps?.push({ start: c.start, end: c.end, rule: 'parts', unit })
      }
      this.doubt('parts with no total')
    }
  }

  /** A figure was read for a unit below the room's. */
  belowRoomRead(): boolean {
    const room = this.roomUnit
    if (room === undefined) return false
    const roster = this.compiled.roster
    return this.out.candidates.some((c) => isBelow(roster, c.unit, room))
  }

  /** The room's unit when the room is a station's own (a leaf): its figures need no verb. */
  ownRoomUnit(): string | undefined {
    const unit = this.roomUnit
    if (unit === undefined) return undefined
    const shiftsOnly = this.orphans?.every((o) => o.shift) ?? false
    // The room's unit is always a roster unit (parseMessage resolves it), so having no stations
    // is being a leaf.
    return shiftsOnly || !hasStations(this.compiled.roster, unit) ? unit : undefined
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
    const unit =
      this.lastRecord?.unit ??
      (heading ? (heading.joint ? undefined : heading.unit) : this.roomUnit)
    if (unit !== undefined) this.out.activities.push({ unit, kind, count: t.value })
    else if (!heading) this.out.missingUnit = true
  }

  addMalformed(t: Tok, unit: string | undefined) {
    const written = shortened(t.malformed, MAX_QUOTED)
    const list = this.out.malformed
    if (list.some((m) => m.written === written && m.unit === unit)) return
    list.push(unit === undefined ? { written } : { written, unit })
  }

  addCandidate(unit: string, t: Tok, level: number, kind: number): Candidate {
    const cand: Candidate = {
      unit,
      count: t.value,
      approx: t.approx,
      level,
      correction: this.correction,
      points: undefined,
      breakdown: undefined,
      kind,
      start: t.start,
      end: t.end,
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

  /** The token after k is a number with only spaces between. */
  numberRightAfter(k: number): boolean {
    const next = this.tokens[k + 1]
    return next?.type === NUM && this.spacesOnly(this.tokens[k]!.end, next.start)
  }

  /** The keyword at k, with any keywords right after it, ends in a colon: a label for its line. */
  labelsLine(k: number): boolean {
    let m = k + 1
    while (this.tokens[m] && this.tokens[m]!.flags & FWD) m++
    const next = this.tokens[m]
    return next?.type === SEP && next.sep === COLON
  }

  /** Only the figure is on its line (before a line break or the end). */
  aloneOnLine(k: number): boolean {
    const next = this.tokens[k + 1]
    return next === undefined || (next.type === SEP && next.sep === NEWLINE)
  }

  /** The flags of the keywords in tokens [from, k). */
  flagsBefore(from: number, k: number): number {
    const tokens = this.tokens
    let flags = 0
    for (let m = from; m < k; m++) {
      const t = tokens[m]!
      if (t.type === KW) flags |= t.flags
    }
    return flags
  }

  /** Tokens [from, k) hold nothing but words allowed between a unit and its figure. */
  prefixOk(from: number, k: number, unit: string | undefined): boolean {
    const tokens = this.tokens
    for (let m = from; m < k; m++) {
      const t = tokens[m]!
      if (t.type === KW && t.flags & PREFIX_OK) continue
      if (t.type === NUM && (t.skip || (t.cls === OTHER && t.clsChar !== HAO))) continue
      if (t.type === UNIT && t.unit === unit) continue
      if (t.type === PLAIN && t.place) continue
      if (this.kindOfPeople(m)) continue
      return false
    }
    return true
  }

  /**
   * The token at m is glued before …人员 and names a kind of staff (安检人员, 物业人员). Only
   * before 人员: 有队员, 注册志愿者 say who belongs, not who is on duty.
   */
  kindOfPeople(m: number): boolean {
    const t = this.tokens[m]!
    const next = this.tokens[m + 1]
    if (next?.type !== KW || !(next.flags & PEOPLE) || next.start !== t.end) return false
    if (!this.text.startsWith(STAFF, next.end - STAFF.length)) return false
    return (t.type === PLAIN && t.end - t.start > 1) || (t.type === KW && t.activity !== undefined)
  }

  /**
   * A spot inside the unit (3号点位, 门口) stands before the figure. Not when many places are
   * meant (各点位, 1至10号, 周边), nor when a unit mobilised people working there (码头从业人员).
   */
  sublocation(from: number, k: number): boolean {
    const tokens = this.tokens
    let plural = (this.flags & (PLURAL | MOBILIZE)) !== 0
    for (let m = from; m < k; m++) {
      const t = tokens[m]!
      if (t.type === NUM && t.cls === OTHER && t.clsChar === HAO) {
        if (!t.range) return true
        plural = true
      } else if (t.type === KW && t.flags & (SUBLOC | POINTS) && !plural) return true
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

  /**
   * A bare figure (no 人) stands right after its unit, or right after its label (上岗 / 人数 /
   * 合计 / 白天), or in a 分别 list. With more written after it on the clause, only a unit, 点位,
   * another label or words that add nothing may follow (东华所 326 拓东所 210, 白天120 晚上68).
   */
  bareOk(k: number, cls: number): boolean {
    const tokens = this.tokens
    if (this.line.respectively) return true
    if (cls === BARE_SPACE && !this.pauseAfter(k)) return false
    let sawLabel = false
    for (let m = k - 1; m >= 0; m--) {
      const t = tokens[m]!
      if (t.type === KW && t.flags & PREFIX_OK && !(t.flags & VETO)) {
        if (t.flags & LABEL) sawLabel = true
        continue
      }
      if (t.type === SEP && t.sep === COLON) continue
      if (t.type === SEP && t.sep === COMMA && !sawLabel) {
        const unit = tokens[m - 1] // 东华所，326
        // 报错了，不是2900，是2960: the new figure after the old one a correction vetoed.
        if (unit?.type === NUM && this.correction && this.prevFlags & FWD) return true
        return unit !== undefined && (unit.type === UNIT || unit.type === UNKNOWN) && !unit.loc
      }
      if (t.type === UNIT || t.type === UNKNOWN) return !t.loc
      if (sawLabel && this.kindOfPeople(m)) continue
      return sawLabel && (t.type === SEP || t.type === NUM)
    }
    return sawLabel
  }

  /** What follows the bare figure at k on its clause lets it stand as a figure. */
  pauseAfter(k: number): boolean {
    const tokens = this.tokens
    const next = tokens[k + 1]
    if (!next || next.type === SEP || next.type === UNIT || next.type === UNKNOWN) return true
    if (next.type === KW && next.flags & (POINTS | LABEL)) return true
    if (this.kindOfPeople(k + 1)) return true // 保安员120 物业人员95
    for (let m = k + 1; m < this.j; m++) {
      const t = tokens[m]!
      if (t.type !== KW || !(t.flags & FILL) || t.flags & VETO) return false
    }
    return true // 洛龙所118 报告完毕
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

const WRONG_WORDS = new Set(WRONG_FIGURE)

const TRAILS = new Set([...LABEL_TRAILS].map((c) => c.charCodeAt(0)))

/** The name of a breakdown item: 保安 in 其中保安60人. Empty when there is none. */
function breakdownLabel(text: string, from: number, to: number): string {
  let a = from
  let b = to
  while (a < b && (text.charCodeAt(a) === 32 || text.charCodeAt(a) === COLON)) a++
  for (const lead of BREAKDOWN_LEADS) {
    if (text.startsWith(lead, a)) {
      a += lead.length
      break
    }
  }
  while (a < b && (text.charCodeAt(a) === 32 || text.charCodeAt(a) === COLON)) a++
  while (b > a && TRAILS.has(text.charCodeAt(b - 1))) b--
  if (b - a === 0 || b - a > 12) return ''
  for (let p = a; p < b; p++) {
    const c = text.charCodeAt(p)
    if (c >= 48 && c <= 57) return ''
  }
  return text.slice(a, b)
}
