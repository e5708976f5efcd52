import { normalizeText, shortened, withChinesePunctuation } from '../parse/normalize.js'
import type { Roster } from '../roster/roster.js'
import { readUnit, trimSeparators } from './read-unit.js'

/** Commendations (#表扬), problems (#问题) and the next day's focus (#明日重点). */
export type NoteKind = 'commendation' | 'problem' | 'focus'

export interface Note {
  kind: NoteKind
  /** Canonical unit name; null for the focus, which is about the whole task force. */
  unit: string | null
  /**
   * The person commended, or the post where the problem was seen; null for the focus, and when
   * a single phrase follows the unit (东风广场无人值守).
   */
  subject: string | null
  text: string
}

export type NoteReading =
  | { ok: true; note: Note }
  /** no-unit: nothing written at all; no-text: nothing after the unit; too-long: a paste. */
  | { ok: false; problem: 'no-unit' | 'no-text' | 'too-long' }
  | { ok: false; problem: 'unknown-unit'; written: string }

/**
 * The longest note kept: a problem, a commendation or a day's focus fits in far less, and the
 * reply repeats the note. Longer text is refused whole rather than cut.
 */
export const MAX_NOTE_CHARS = 1000
/** No unit is written longer; a longer unknown unit is told back cut to this. */
const MAX_WRITTEN = 20

/** Ends the subject: a space or a clause mark. 、 does not, so 张三、李四 stay one subject. */
const SUBJECT_END = /[\s,:;。]/

/**
 * Reads the arguments of #表扬 and #问题 (`unit subject text`: the subject is the first word
 * after the unit) and of #明日重点 (free text).
 * @example parseNote('commendation', '东华所 张三 劝阻占道经营', roster)
 * // { ok: true, note: { kind: 'commendation', unit: '东华派出所', subject: '张三', text: '劝阻占道经营' } }
 */
export function parseNote(kind: NoteKind, text: string, roster: Roster): NoteReading {
  // Invisible characters are dropped by normalising, so allow for some before measuring.
  if (text.length > 4 * MAX_NOTE_CHARS) return { ok: false, problem: 'too-long' }
  const line = trimSeparators(normalizeText(text))
  if (line.length > MAX_NOTE_CHARS) return { ok: false, problem: 'too-long' }
  if (kind === 'focus') {
    if (line === '') return { ok: false, problem: 'no-text' }
    return {
      ok: true,
      note: { kind, unit: null, subject: null, text: withChinesePunctuation(line) },
    }
  }
  const unit = readUnit(line, roster)
  if (unit.unit === undefined) {
    if (unit.written === '') return { ok: false, problem: 'no-unit' }
    return { ok: false, problem: 'unknown-unit', written: shortened(unit.written, MAX_WRITTEN) }
  }
  const rest = trimSeparators(line.slice(unit.end))
  if (rest === '') return { ok: false, problem: 'no-text' }
  const subjectEnd = rest.search(SUBJECT_END)
  const after = subjectEnd === -1 ? '' : trimSeparators(rest.slice(subjectEnd))
  if (after === '') {
    return {
      ok: true,
      note: { kind, unit: unit.unit, subject: null, text: withChinesePunctuation(rest) },
    }
  }
  return {
    ok: true,
    note: {
      kind,
      unit: unit.unit,
      subject: rest.slice(0, subjectEnd),
      text: withChinesePunctuation(after),
    },
  }
}
