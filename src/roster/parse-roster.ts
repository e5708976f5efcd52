import { parse as parseYaml } from 'yaml'
import { z } from 'zod'
import type { Roster, RoomBinding, Unit } from './roster.js'

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

interface UnitEntry {
  name: string
  aliases?: string[]
  target?: number
  points?: number
  units?: UnitEntry[]
}

const unitEntry: z.ZodType<UnitEntry> = z.lazy(() =>
  z.object({
    name: z.string().trim().min(1),
    aliases: z.array(z.string().trim().min(1)).optional(),
    target: z.number().int().nonnegative().optional(),
    points: z.number().int().nonnegative().optional(),
    units: z.array(unitEntry).optional(),
  }),
)

const rosterFile = z.object({
  timezone: z.string().default('Asia/Shanghai'),
  units: z.array(unitEntry).min(1),
  rooms: z
    .array(
      z.object({
        topic: z.string().trim().min(1),
        unit: z.string().trim().min(1).optional(),
        role: z.enum(['liaison', 'command', 'inspection'], {
          error: 'role must be one of liaison, command, inspection',
        }),
      }),
    )
    .default([]),
})

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
 * Parses and validates a roster file's text. Throws RosterError naming every bad entry.
 * @example parseRoster(readFileSync('roster.example.yaml', 'utf8'), 'roster.example.yaml')
 */
export function parseRoster(text: string, source = 'roster'): Roster {
  let raw: unknown
  try {
    raw = parseYaml(text)
  } catch (error) {
    throw new RosterError(source, [`YAML does not parse: ${(error as Error).message}`])
  }
  const parsed = rosterFile.safeParse(raw)
  if (!parsed.success) {
    throw new RosterError(
      source,
      parsed.error.issues.map((issue) => `${issue.path.join('.') || '(top)'}: ${issue.message}`),
    )
  }
  const file = parsed.data
  const problems: string[] = []
  if (!isValidTimeZone(file.timezone)) {
    problems.push(`timezone: "${file.timezone}" is not an IANA time zone such as Asia/Shanghai`)
  }

  const units = new Map<string, Unit>()
  const names = new Map<string, string>()
  const claim = (written: string, unit: string, where: string) => {
    const owner = names.get(written)
    if (owner !== undefined && owner !== unit) {
      problems.push(
        `${where}: "${written}" is already a name or alias of ${owner}; names must be unique`,
      )
    } else {
      names.set(written, unit)
    }
  }
  const topLevel: string[] = []
  const visit = (entry: UnitEntry, where: string, parent: Unit | undefined) => {
    const label = `${where} (${entry.name})`
    if (units.has(entry.name)) {
      problems.push(`${label}: unit name "${entry.name}" appears twice`)
      return
    }
    const unit: Unit = {
      name: entry.name,
      aliases: entry.aliases ?? [],
      target: entry.target,
      points: entry.points,
      parent: parent?.name,
      children: [],
      depth: parent ? parent.depth + 1 : 0,
    }
    units.set(unit.name, unit)
    claim(unit.name, unit.name, label)
    for (const alias of unit.aliases) claim(alias, unit.name, label)
    if (parent) parent.children.push(unit.name)
    else topLevel.push(unit.name)
    entry.units?.forEach((child, i) => visit(child, `${where}.units[${i}]`, unit))
  }
  file.units.forEach((entry, i) => visit(entry, `units[${i}]`, undefined))

  // Derived short forms never override a written name and are dropped where two units would share one.
  const derivedOwners = new Map<string, string[]>()
  for (const unit of units.values()) {
    for (const short of derivedNames(unit.name)) {
      if (names.has(short)) continue
      derivedOwners.set(short, [...(derivedOwners.get(short) ?? []), unit.name])
    }
  }
  for (const [short, owners] of derivedOwners) {
    if (owners.length === 1) names.set(short, owners[0]!)
  }

  const rooms: RoomBinding[] = []
  const topics = new Set<string>()
  file.rooms.forEach((room, i) => {
    const label = `rooms[${i}] (${room.topic})`
    if (topics.has(room.topic)) problems.push(`${label}: topic appears twice`)
    topics.add(room.topic)
    let unit: string | undefined
    if (room.unit !== undefined) {
      unit = names.get(room.unit)
      if (unit === undefined) problems.push(`${label}: unit "${room.unit}" is not in the roster`)
    }
    rooms.push({ topic: room.topic, role: room.role, ...(unit ? { unit } : {}) })
  })

  if (problems.length > 0) throw new RosterError(source, problems)
  return { timezone: file.timezone, units, topLevel, rooms: [...rooms], fileRooms: rooms, names }
}
