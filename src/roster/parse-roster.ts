import { closest, distance } from 'fastest-levenshtein'
import { parse as parseYaml } from 'yaml'
import { normalizeName } from '../parse/normalize.js'
import { roomRoles, type Roster, type RoomBinding, type Unit } from './roster.js'
import { describeRosterProblem, type ProblemPlace, type RosterProblem } from './roster-problem.js'

/**
 * A roster that cannot be used: `details` each bad entry as data (templates say it in Chinese),
 * `problems` the same as sentences for the log, each naming its place and what to fix.
 */
export class RosterError extends Error {
  readonly problems: string[]
  constructor(
    readonly source: string,
    readonly details: RosterProblem[],
  ) {
    const problems = details.map(describeRosterProblem)
    super(`roster ${source} is not usable:\n- ${problems.join('\n- ')}`)
    this.problems = problems
    this.name = 'RosterError'
  }
}

const TOP_KEYS = ['timezone', 'units', 'rooms']
const UNIT_KEYS = ['name', 'aliases', 'target', 'points', 'units']
const ROOM_KEYS = ['topic', 'unit', 'units', 'role']

type Entry = Record<string, unknown>

const isEntry = (value: unknown): value is Entry =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/** A non-empty string, trimmed; else undefined. */
function textOf(value: unknown): string | undefined {
  return typeof value === 'string' && normalizeName(value) !== '' ? value.trim() : undefined
}

/** The known word `word` was most likely meant to be, when it is a slip away from one. */
function nearest(word: string, known: readonly string[], slips: number): string | undefined {
  if (known.length === 0) return undefined
  const near = closest(word, known as string[])
  const d = distance(word, near)
  return d <= slips && d < word.length ? near : undefined
}

/** One problem per key the entry should not have, with the key it was likely meant to be. */
function unknownKeys(entry: Entry, known: readonly string[], place: ProblemPlace): RosterProblem[] {
  return Object.keys(entry)
    .filter((key) => !known.includes(key))
    .map((key) => {
      const meant = nearest(key.toLowerCase(), known, 2)
      return { place, kind: 'unknown-key', key, known, ...(meant ? { meant } : {}) }
    })
}

/** How another entry wrote a name read as the same (ＡＢＣ派出所, ABC派出所); nothing when alike. */
function sameName(before: string, now: string): { sameAs?: string } {
  return before === now ? {} : { sameAs: before }
}

function isValidTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone })
    return true
  } catch {
    return false
  }
}

/**
 * Short forms people write for a unit, derived from its name:
 * 东华派出所 → 东华所, 盘龙公安分局 ↔ 盘龙分局.
 */
function derivedNames(name: string): string[] {
  const stems: Array<[string, string[]]> = [
    ['派出所', ['所']],
    ['公安分局', ['分局']],
    ['分局', ['公安分局']],
  ]
  for (const [suffix, replacements] of stems) {
    if (name.endsWith(suffix) && name.length > suffix.length) {
      const stem = name.slice(0, -suffix.length)
      return replacements.map((r) => stem + r)
    }
  }
  return []
}

/**
 * Parses and validates a roster file's text in one pass. Throws RosterError naming every bad
 * entry at once: units by name and rooms by topic, unknown keys with the key they were likely
 * meant to be. Names are keyed as messages are read (normalizeName): ＡＢＣ派出所 is ABC派出所.
 * @example parseRoster(readFileSync('roster.example.yaml', 'utf8'), 'roster.example.yaml')
 */
export function parseRoster(text: string, source = 'roster'): Roster {
  const file: ProblemPlace = { at: 'file' }
  let raw: unknown
  try {
    raw = parseYaml(text)
  } catch (error) {
    throw new RosterError(source, [{ place: file, kind: 'yaml', why: (error as Error).message }])
  }
  if (!isEntry(raw)) {
    throw new RosterError(source, [{ place: file, kind: 'not-mapping' }])
  }
  const problems: RosterProblem[] = unknownKeys(raw, TOP_KEYS, file)

  const timezone = raw.timezone ?? 'Asia/Shanghai'
  if (typeof timezone !== 'string' || !isValidTimeZone(timezone)) {
    problems.push({
      place: { at: 'key', key: 'timezone' },
      kind: 'bad-timezone',
      written: String(timezone),
    })
  }

  const units = new Map<string, Unit>()
  /** Unit names by normalised form, as the file wrote them. */
  const unitNames = new Map<string, string>()
  /** Every name and alias, by normalised form, with its unit and how the file wrote it. */
  const claimed = new Map<string, { unit: string; written: string }>()
  const names = new Map<string, string>()
  const claim = (written: string, unit: string, place: ProblemPlace) => {
    const key = normalizeName(written)
    const owner = claimed.get(key)
    if (owner === undefined) {
      claimed.set(key, { unit, written })
      names.set(key, unit)
    } else if (owner.unit !== unit) {
      problems.push({
        place,
        kind: 'name-taken',
        written,
        owner: owner.unit,
        ...sameName(owner.written, written),
      })
    }
  }
  const count = (entry: Entry, key: 'target' | 'points', place: ProblemPlace) => {
    const value = entry[key]
    if (value === undefined || (Number.isInteger(value) && (value as number) >= 0)) {
      return value as number | undefined
    }
    problems.push({ place, kind: 'not-count', key, written: JSON.stringify(value) })
    return undefined
  }

  const topLevel: string[] = []
  const visit = (rawUnit: unknown, index: number, parent: Unit | undefined, under: string) => {
    const within = under ? { under } : {}
    const entry: ProblemPlace = { at: 'unit-entry', index, ...within }
    if (!isEntry(rawUnit)) {
      problems.push({ place: entry, kind: 'unit-not-mapping' })
      return
    }
    const name = textOf(rawUnit.name)
    const place: ProblemPlace = name ? { at: 'unit', name, ...within } : entry
    problems.push(...unknownKeys(rawUnit, UNIT_KEYS, place))
    if (!name) problems.push({ place, kind: 'no-name' })
    const aliases: string[] = []
    if (rawUnit.aliases !== undefined) {
      const list = Array.isArray(rawUnit.aliases) ? rawUnit.aliases.map(textOf) : [undefined]
      if (list.some((a) => a === undefined)) {
        problems.push({ place, kind: 'aliases-not-list' })
      }
      for (const alias of list) if (alias !== undefined) aliases.push(alias)
    }
    const target = count(rawUnit, 'target', place)
    const points = count(rawUnit, 'points', place)
    const children = rawUnit.units ?? []
    if (!Array.isArray(children)) problems.push({ place, kind: 'children-not-list' })

    let unit: Unit | undefined
    const twin = name === undefined ? undefined : unitNames.get(normalizeName(name))
    if (twin !== undefined) {
      problems.push({ place, kind: 'name-twice', name: name!, ...sameName(twin, name!) })
    } else if (name !== undefined) {
      unitNames.set(normalizeName(name), name)
      unit = {
        name,
        aliases,
        target,
        points,
        parent: parent?.name,
        children: [],
        depth: parent ? parent.depth + 1 : 0,
      }
      units.set(name, unit)
      claim(name, name, place)
      for (const alias of aliases) claim(alias, name, place)
      if (parent) parent.children.push(name)
      else topLevel.push(name)
    }
    // Children are checked even under a bad entry, so one start-up shows every problem.
    if (Array.isArray(children)) {
      // Under an entry with no name, its children say where it is: units[2] (under 盘龙分局).
      const here = name ?? `units[${index}]${under ? ` (under ${under})` : ''}`
      children.forEach((child, i) => visit(child, i, unit, here))
    }
  }
  if (!Array.isArray(raw.units) || raw.units.length === 0) {
    problems.push({ place: { at: 'key', key: 'units' }, kind: 'no-units' })
  } else raw.units.forEach((entry, i) => visit(entry, i, undefined, ''))

  // Derived short forms never override a written name and are dropped where two units would share one.
  const derivedOwners = new Map<string, string[]>()
  for (const unit of units.values()) {
    for (const short of derivedNames(unit.name).map(normalizeName)) {
      if (names.has(short)) continue
      derivedOwners.set(short, [...(derivedOwners.get(short) ?? []), unit.name])
    }
  }
  for (const [short, owners] of derivedOwners) {
    if (owners.length === 1) names.set(short, owners[0]!)
  }

  /** The canonical unit a room names, or undefined after saying what is wrong. */
  const knownNames = [...names.keys()]
  const resolve = (
    written: unknown,
    place: ProblemPlace,
    field: 'unit' | 'units entry',
  ): string | undefined => {
    const name = textOf(written)
    if (name === undefined) {
      problems.push({ place, kind: 'not-unit-name', field, written: JSON.stringify(written) })
      return undefined
    }
    const unit = names.get(normalizeName(name))
    if (unit === undefined) {
      const key = normalizeName(name)
      const meant = nearest(key, knownNames, Math.floor(key.length / 3))
      problems.push({ place, kind: 'unit-unknown', name, ...(meant ? { meant } : {}) })
    }
    return unit
  }

  const rooms: RoomBinding[] = []
  const topics = new Set<string>()
  const rawRooms = raw.rooms ?? []
  if (!Array.isArray(rawRooms))
    problems.push({ place: { at: 'key', key: 'rooms' }, kind: 'rooms-not-list' })
  else {
    rawRooms.forEach((rawRoom: unknown, i) => {
      if (!isEntry(rawRoom)) {
        problems.push({ place: { at: 'room-entry', index: i }, kind: 'room-not-mapping' })
        return
      }
      const topic = textOf(rawRoom.topic)
      const place: ProblemPlace = topic ? { at: 'room', topic } : { at: 'room-entry', index: i }
      problems.push(...unknownKeys(rawRoom, ROOM_KEYS, place))
      if (topic === undefined) problems.push({ place, kind: 'no-topic' })
      else if (topics.has(topic)) problems.push({ place, kind: 'topic-twice' })
      else topics.add(topic)
      const role = roomRoles.find((r) => r === rawRoom.role)
      if (role === undefined) {
        const meant =
          typeof rawRoom.role === 'string'
            ? nearest(rawRoom.role.toLowerCase(), roomRoles, 2)
            : undefined
        problems.push({ place, kind: 'bad-role', ...(meant ? { meant } : {}) })
      }
      const unit = rawRoom.unit === undefined ? undefined : resolve(rawRoom.unit, place, 'unit')
      let listed: string[] | undefined
      if (rawRoom.units !== undefined) {
        if (rawRoom.unit !== undefined) {
          problems.push({ place, kind: 'unit-and-units' })
        } else if (role !== undefined && role !== 'liaison') {
          problems.push({ place, kind: 'units-for-role', role })
        }
        if (!Array.isArray(rawRoom.units) || rawRoom.units.length === 0) {
          problems.push({ place, kind: 'room-units-not-list' })
        } else {
          listed = []
          for (const written of rawRoom.units) {
            const resolved = resolve(written, place, 'units entry')
            if (resolved !== undefined && !listed.includes(resolved)) listed.push(resolved)
          }
        }
      }
      if (topic === undefined || role === undefined) return
      rooms.push({
        topic,
        role,
        ...(unit !== undefined ? { unit } : {}),
        ...(listed !== undefined ? { units: listed } : {}),
      })
    })
  }

  if (problems.length > 0) throw new RosterError(source, problems)
  return {
    timezone: timezone as string,
    units,
    topLevel,
    rooms: [...rooms],
    names,
  }
}
