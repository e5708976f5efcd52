import { roomRoles, type RoomRole } from './roster.js'

/** Where in a roster file a problem is: the file itself, a top-level key, a unit or a room. */
export type ProblemPlace =
  | { at: 'file' }
  | { at: 'key'; key: 'timezone' | 'units' | 'rooms' }
  /** A unit by its name; `under`: the unit (or entry) it is listed under. */
  | { at: 'unit'; name: string; under?: string }
  /** A unit entry with no usable name, by its place in its list (0-based). */
  | { at: 'unit-entry'; index: number; under?: string }
  | { at: 'room'; topic: string }
  | { at: 'room-entry'; index: number }

/**
 * One thing wrong with a roster, as data: parse-roster.ts finds it, `describeRosterProblem` says
 * it for the log, and templates/roster-problem-words.ts says it in Chinese for people.
 * `meant`: the known word a slip was likely meant to be. `sameAs`: how another entry wrote a
 * name read as the same one (ＡＢＣ and ABC).
 */
export type RosterProblem = { place: ProblemPlace } & (
  | { kind: 'unreadable'; why: string }
  | { kind: 'yaml'; why: string }
  | { kind: 'not-mapping' }
  | { kind: 'unknown-key'; key: string; meant?: string; known: readonly string[] }
  | { kind: 'bad-timezone'; written: string }
  | { kind: 'name-taken'; written: string; owner: string; sameAs?: string }
  | { kind: 'not-count'; key: 'target' | 'points'; written: string }
  | { kind: 'unit-not-mapping' }
  | { kind: 'no-name' }
  | { kind: 'aliases-not-list' }
  | { kind: 'children-not-list' }
  | { kind: 'name-twice'; name: string; sameAs?: string }
  | { kind: 'no-units' }
  | { kind: 'not-unit-name'; field: 'unit' | 'units entry'; written: string }
  | { kind: 'unit-unknown'; name: string; meant?: string }
  | { kind: 'rooms-not-list' }
  | { kind: 'room-not-mapping' }
  | { kind: 'no-topic' }
  | { kind: 'topic-twice' }
  | { kind: 'bad-role'; meant?: string }
  | { kind: 'unit-and-units' }
  | { kind: 'units-for-role'; role: RoomRole }
  | { kind: 'room-units-not-list' }
)

function placeLabel(place: ProblemPlace): string | undefined {
  const under = 'under' in place && place.under ? ` (under ${place.under})` : ''
  switch (place.at) {
    case 'file':
      return undefined
    case 'key':
      return place.key
    case 'unit':
      return `unit ${place.name}${under}`
    case 'unit-entry':
      return `units[${place.index}]${under}`
    case 'room':
      return `room ${place.topic}`
    case 'room-entry':
      return `rooms[${place.index}]`
  }
}

const didYouMean = (meant: string | undefined) => (meant ? `; did you mean ${meant}?` : '')
const readAlike = (sameAs: string | undefined) =>
  sameAs ? ` (as ${sameAs}: names are read as messages are, ＡＢＣ as ABC)` : ''

function problemText(p: RosterProblem): string {
  switch (p.kind) {
    case 'unreadable':
      return `cannot read the file (${p.why}); set REDBAND_ROSTER or --roster to your roster, e.g. roster.example.yaml`
    case 'yaml':
      return `YAML does not parse: ${p.why}`
    case 'not-mapping':
      return 'the roster is a mapping with timezone:, units: and rooms:, such as units: [{ name: 东华派出所 }]'
    case 'unknown-key':
      return `unknown key ${p.key}${didYouMean(p.meant) || `; the keys are ${p.known.join(', ')}`}`
    case 'bad-timezone':
      return `"${p.written}" is not an IANA time zone such as Asia/Shanghai`
    case 'name-taken':
      return `"${p.written}" is already a name or alias of ${p.owner}${readAlike(p.sameAs)}; names must be unique`
    case 'not-count':
      return `${p.key} ${p.written} is not a whole number 0 or more`
    case 'unit-not-mapping':
      return 'a unit is a mapping such as { name: 东华派出所, target: 300 }'
    case 'no-name':
      return 'name is missing; every unit needs one'
    case 'aliases-not-list':
      return 'aliases is a list of names, such as aliases: [东华所]'
    case 'children-not-list':
      return 'units is a list of units under it'
    case 'name-twice':
      return `unit name "${p.name}" appears twice${readAlike(p.sameAs)}`
    case 'no-units':
      return 'the roster needs a list of units, such as units: [{ name: 东华派出所 }]'
    case 'not-unit-name':
      return `${p.field} ${p.written} is not a unit name`
    case 'unit-unknown':
      return `unit "${p.name}" is not in the roster${didYouMean(p.meant)}`
    case 'rooms-not-list':
      return 'the rooms are a list, such as rooms: [{ topic: 红袖标指挥部, role: command }]'
    case 'room-not-mapping':
      return 'a room is a mapping such as { topic: 红袖标指挥部, role: command }'
    case 'no-topic':
      return "topic is missing; write the group's name"
    case 'topic-twice':
      return 'topic appears twice'
    case 'bad-role':
      return `role must be one of ${roomRoles.join(', ')}${didYouMean(p.meant)}`
    case 'unit-and-units':
      return "give unit (the room's own unit) or units (a shared room's), not both"
    case 'units-for-role':
      return `units is for a shared liaison room; a ${p.role} room reports for no unit`
    case 'room-units-not-list':
      return 'units is a list of the units the room reports for, such as units: [交警支队]'
  }
}

/**
 * A problem in a sentence for the operator's log, naming its place: `unit 东华派出所: …`.
 * @example describeRosterProblem({ place: { at: 'room', topic: '指挥部' }, kind: 'topic-twice' }) // 'room 指挥部: topic appears twice'
 */
export function describeRosterProblem(problem: RosterProblem): string {
  const label = placeLabel(problem.place)
  const text = problemText(problem)
  return label === undefined ? text : `${label}: ${text}`
}
