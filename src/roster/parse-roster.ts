import { closest, distance } from 'fastest-levenshtein'
import { parse as parseYaml } from 'yaml'
import { normalizeName } from '../parse/normalize.js'
import { roomRoles, type Roster, type RoomBinding, type Unit } from './roster.js'

/** A roster that cannot be used; `problems` name each bad entry and say what to fix. */
export class RosterError extends Error {
  constructor(
    readonly source: string,
    readonly problems: string[],
  ) {
    super(`roster ${source} is not usable:\n- ${problems.join('\n- ')}`)
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

/** ; did you mean X? — or nothing when no known word is close. */
function didYouMean(word: string, known: readonly string[], slips: number): string {
  const near = nearest(word, known, slips)
  return near === undefined ? '' : `; did you mean ${near}?`
}

/** One sentence per key the entry should not have, naming the key it was likely meant to be. */
function unknownKeys(entry: Entry, known: readonly string[]): string[] {
  return Object.keys(entry)
    .filter((key) => !known.includes(key))
    .map((key) => {
      const hint = didYouMean(key.toLowerCase(), known, 2)
      return `unknown key ${key}${hint || `; the keys are ${known.join(', ')}`}`
    })
}

/** Says how two names written differently are one (ＡＢＣ派出所, ABC派出所); nothing when written alike. */
function sameName(before: string, now: string): string {
  return before === now ? '' : ` (as ${before}: names are read as messages are, ＡＢＣ as ABC)`
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
  let raw: unknown
  try {
    raw = parseYaml(text)
  } catch (error) {
    throw new RosterError(source, [`YAML does not parse: ${(error as Error).message}`])
  }
  if (!isEntry(raw)) {
    throw new RosterError(source, [
      'the roster is a mapping with timezone:, units: and rooms:, such as units: [{ name: 东华派出所 }]',
    ])
  }
  const problems: string[] = unknownKeys(raw, TOP_KEYS)

  const timezone = raw.timezone ?? 'Asia/Shanghai'
  if (typeof timezone !== 'string' || !isValidTimeZone(timezone)) {
    problems.push(`timezone: "${String(timezone)}" is not an IANA time zone such as Asia/Shanghai`)
  }

  const units = new Map<string, Unit>()
  /** Unit names by normalised form, as the file wrote them. */
  const unitNames = new Map<string, string>()
  /** Every name and alias, by normalised form, with its unit and how the file wrote it. */
  const claimed = new Map<string, { unit: string; written: string }>()
  const names = new Map<string, string>()
  const claim = (written: string, unit: string, label: string) => {
    const key = normalizeName(written)
    const owner = claimed.get(key)
    if (owner === undefined) {
      claimed.set(key, { unit, written })
      names.set(key, unit)
    } else if (owner.unit !== unit) {
      problems.push(
        `${label}: "${written}" is already a name or alias of ${owner.unit}${sameName(owner.written, written)}; names must be unique`,
      )
    }
  }
  const count = (entry: Entry, key: 'target' | 'points', label: string): number | undefined => {
    const value = entry[key]
    if (value === undefined || (Number.isInteger(value) && (value as number) >= 0)) {
      return value as number | undefined
    }
    problems.push(`${label}: ${key} ${JSON.stringify(value)} is not a whole number 0 or more`)
    return undefined
  }

  const topLevel: string[] = []
  const visit = (rawUnit: unknown, where: string, parent: Unit | undefined, under: string) => {
    const context = under ? ` (under ${under})` : ''
    if (!isEntry(rawUnit)) {
      problems.push(
        `${where}${context}: a unit is a mapping such as { name: 东华派出所, target: 300 }`,
      )
      return
    }
    const name = textOf(rawUnit.name)
    const label = name ? `unit ${name}${context}` : `${where}${context}`
    for (const problem of unknownKeys(rawUnit, UNIT_KEYS)) problems.push(`${label}: ${problem}`)
    if (!name) problems.push(`${label}: name is missing; every unit needs one`)
    const aliases: string[] = []
    if (rawUnit.aliases !== undefined) {
      const list = Array.isArray(rawUnit.aliases) ? rawUnit.aliases.map(textOf) : [undefined]
      if (list.some((a) => a === undefined)) {
        problems.push(`${label}: aliases is a list of names, such as aliases: [东华所]`)
      }
      for (const alias of list) if (alias !== undefined) aliases.push(alias)
    }
    const target = count(rawUnit, 'target', label)
    const points = count(rawUnit, 'points', label)
    const children = rawUnit.units ?? []
    if (!Array.isArray(children)) problems.push(`${label}: units is a list of units under it`)

    let unit: Unit | undefined
    const twin = name === undefined ? undefined : unitNames.get(normalizeName(name))
    if (twin !== undefined) {
      problems.push(`${label}: unit name "${name}" appears twice${sameName(twin, name!)}`)
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
      claim(name, name, label)
      for (const alias of aliases) claim(alias, name, label)
      if (parent) parent.children.push(name)
      else topLevel.push(name)
    }
    // Children are checked even under a bad entry, so one start-up shows every problem.
    if (Array.isArray(children)) {
      children.forEach((child, i) =>
        visit(child, `units[${i}]`, unit, name ?? `${where}${context}`),
      )
    }
  }
  if (!Array.isArray(raw.units) || raw.units.length === 0) {
    problems.push('units: the roster needs a list of units, such as units: [{ name: 东华派出所 }]')
  } else raw.units.forEach((entry, i) => visit(entry, `units[${i}]`, undefined, ''))

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
  const resolve = (written: unknown, label: string, field: string): string | undefined => {
    const name = textOf(written)
    if (name === undefined) {
      problems.push(`${label}: ${field} ${JSON.stringify(written)} is not a unit name`)
      return undefined
    }
    const unit = names.get(normalizeName(name))
    if (unit === undefined) {
      const key = normalizeName(name)
      const hint = didYouMean(key, knownNames, Math.floor(key.length / 3))
      problems.push(`${label}: unit "${name}" is not in the roster${hint}`)
    }
    return unit
  }

  const rooms: RoomBinding[] = []
  const topics = new Set<string>()
  const rawRooms = raw.rooms ?? []
  if (!Array.isArray(rawRooms))
    problems.push(
      'rooms: the rooms are a list, such as rooms: [{ topic: 红袖标指挥部, role: command }]',
    )
  else {
    rawRooms.forEach((rawRoom: unknown, i) => {
      if (!isEntry(rawRoom)) {
        problems.push(
          `rooms[${i}]: a room is a mapping such as { topic: 红袖标指挥部, role: command }`,
        )
        return
      }
      const topic = textOf(rawRoom.topic)
      const label = topic ? `room ${topic}` : `rooms[${i}]`
      for (const problem of unknownKeys(rawRoom, ROOM_KEYS)) problems.push(`${label}: ${problem}`)
      if (topic === undefined) problems.push(`${label}: topic is missing; write the group's name`)
      else if (topics.has(topic)) problems.push(`${label}: topic appears twice`)
      else topics.add(topic)
      const role = roomRoles.find((r) => r === rawRoom.role)
      if (role === undefined) {
        const hint =
          typeof rawRoom.role === 'string'
            ? didYouMean(rawRoom.role.toLowerCase(), roomRoles, 2)
            : ''
        problems.push(`${label}: role must be one of ${roomRoles.join(', ')}${hint}`)
      }
      const unit = rawRoom.unit === undefined ? undefined : resolve(rawRoom.unit, label, 'unit')
      let listed: string[] | undefined
      if (rawRoom.units !== undefined) {
        if (rawRoom.unit !== undefined) {
          problems.push(
            `${label}: give unit (the room's own unit) or units (a shared room's), not both`,
          )
        } else if (role !== undefined && role !== 'liaison') {
          problems.push(
            `${label}: units is for a shared liaison room; a ${role} room reports for no unit`,
          )
        }
        if (!Array.isArray(rawRoom.units) || rawRoom.units.length === 0) {
          problems.push(
            `${label}: units is a list of the units the room reports for, such as units: [交警支队]`,
          )
        } else {
          listed = []
          for (const written of rawRoom.units) {
            const resolved = resolve(written, label, 'units entry')
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
