/** What the parser reads out of one liaison message. */

export interface Headcount {
  /** Canonical unit name. */
  unit: string
  count: number
  /** The liaison wrote 余 / 多 / 约: the number is as written, the real figure a bit above. */
  approx: boolean
  /** Staffed duty points, when given (点位12个). */
  points?: number
  /** A breakdown written beside the total, e.g. { 保安: 60, 环卫: 40 }. */
  breakdown?: Record<string, number>
}

export type ActivityKind = 'patrol' | 'safety_check' | 'hazard' | 'dispute'

export interface Activity {
  unit: string
  kind: ActivityKind
  count: number
}

/** A figure the parser would not count: its unit is not in the roster. */
export interface UnknownUnit {
  written: string
  count: number
}

/**
 * A headcount written in a way no count is written: arithmetic (150+20), misplaced separators
 * (1,0500), a sign (-50), a decimal (1.5), an absurd size. Nothing of it is recorded; the liaison
 * is asked to write the figure plainly.
 */
export interface Malformed {
  /** As written, cut to 20 characters: 150+20, 1,0500, -50. */
  written: string
  /** The unit it was written for (canonical), when one is named or the room has one. */
  unit?: string
}

/** A figure far above the unit's target: held until someone confirms it. */
export interface Implausible extends Headcount {
  target: number
}

export interface ParsedCommand {
  /** Command name without the # sign, e.g. 工作通报. */
  name: string
  /** Whitespace-separated arguments after the name. */
  args: string[]
  /** Everything after the name, trimmed. */
  rest: string
}

export type ParseResult =
  | { kind: 'command'; command: ParsedCommand }
  | {
      kind: 'report'
      records: Headcount[]
      activities: Activity[]
      /** Marked as a correction (【更正】, 更正：…); counts as the newer figure either way. */
      correction: boolean
      /** A date the message states it reports for (11月3日), when it names one. */
      statedDate?: { month: number; day: number }
      held: Implausible[]
      unknown: UnknownUnit[]
      /** Present when some figure was malformed; the unit it names records nothing else. */
      malformed?: Malformed[]
    }
  /** Figures that could not be placed: unknown unit, no unit in an unbound room, held as implausible, or malformed. */
  | {
      kind: 'unplaced'
      unknown: UnknownUnit[]
      held: Implausible[]
      /** A figure with no unit named, in a room that is bound to none. */
      missingUnit: boolean
      malformed?: Malformed[]
    }
  /** Nothing read; `unread` when it still looks like a report the parser could not read. */
  | { kind: 'chatter'; unread?: Unread }

/**
 * A message that may be a report but gave no record: a people-like figure (N人/名/位, a bare
 * figure beside a unit's name) the parser would not place or read. The bot asks the liaison for
 * the plain form (or "您是指…吗？" for a misspelt unit) and lists it for review (待核).
 */
export interface Unread {
  /** Canonical units the message names, if any. */
  units: string[]
  /** A written name close to one roster unit, when that is what stood in the way: 马今铺所 → 马金铺派出所. */
  misspelt?: { written: string; unit: string }
  /** The only figures were of police (民警, 辅警, 警力): the liaison is told they do not count. */
  police?: boolean
  /** What the parser saw, for the operator's review list (e.g. 'figure without a unit', 'correction without the new figure'). */
  why: string
}

export interface ParseContext {
  /** The unit bound to the room the message came from, for messages that name none. */
  roomUnit?: string
}
