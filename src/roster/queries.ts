import { distance } from 'fastest-levenshtein'
import { normalizeName } from '../parse/normalize.js'
import type { RoomBinding, Roster, Unit } from './roster.js'

/**
 * The canonical name for anything a unit may be written as, or undefined; read as messages are
 * (ＡＢＣ派出所 finds ABC派出所).
 */
export function resolveUnit(roster: Roster, written: string): string | undefined {
  return roster.names.get(normalizeName(written))
}

export function getUnit(roster: Roster, name: string): Unit {
  const unit = roster.units.get(name)
  if (!unit) throw new Error(`unit ${name} is not in the roster`)
  return unit
}

/** Leaf units: the ones expected to report every day. */
export function leafUnits(roster: Roster): Unit[] {
  return [...roster.units.values()].filter((u) => u.children.length === 0)
}

/** Whether a unit has stations (units below it); false for a unit not in the roster. */
export function hasStations(roster: Roster, unit: string): boolean {
  return (roster.units.get(unit)?.children.length ?? 0) > 0
}

/** The unit and everything below it, depth first. */
export function subtree(roster: Roster, name: string): Unit[] {
  const unit = getUnit(roster, name)
  return [unit, ...unit.children.flatMap((child) => subtree(roster, child))]
}

/** The unit's ancestors, nearest first. */
export function ancestors(roster: Roster, name: string): Unit[] {
  const chain: Unit[] = []
  for (let u = getUnit(roster, name).parent; u !== undefined; u = getUnit(roster, u).parent) {
    chain.push(getUnit(roster, u))
  }
  return chain
}

/** The top-level unit a unit belongs to (itself when it is top level). */
export function topLevelOf(roster: Roster, name: string): string {
  return ancestors(roster, name).at(-1)?.name ?? name
}

/** A unit's own value, else the sum of its children's (undefined when none of them has one). */
function ownOrChildren(
  roster: Roster,
  name: string,
  own: (unit: Unit) => number | undefined,
): number | undefined {
  const unit = getUnit(roster, name)
  const mine = own(unit)
  if (mine !== undefined) return mine
  const children = unit.children.map((c) => ownOrChildren(roster, c, own))
  if (children.every((v) => v === undefined)) return undefined
  return children.reduce<number>((sum, v) => sum + (v ?? 0), 0)
}

/** Target of a unit: its own, else the sum of its children's. */
export function targetOf(roster: Roster, name: string): number | undefined {
  return ownOrChildren(roster, name, (unit) => unit.target)
}

/** Planned points of a unit: its own, else the sum of its children's. */
export function pointsOf(roster: Roster, name: string): number | undefined {
  return ownOrChildren(roster, name, (unit) => unit.points)
}

/**
 * Canonical names of the units written most like `written`, closest first.
 * @example closestUnits(roster, '东花所') // ['东华派出所', ...]
 */
export function closestUnits(roster: Roster, written: string, limit = 3): string[] {
  const best = new Map<string, number>()
  for (const [name, unit] of roster.names) {
    const score = distance(written, name) / Math.max(written.length, name.length)
    if (score < (best.get(unit) ?? Infinity)) best.set(unit, score)
  }
  return [...best.entries()]
    .filter(([, score]) => score <= 0.6)
    .sort((a, b) => a[1] - b[1])
    .slice(0, limit)
    .map(([unit]) => unit)
}

/** The roster's binding for a room, by its topic. */
export function roomByTopic(roster: Roster, topic: string): RoomBinding | undefined {
  return roster.rooms.find((room) => room.topic === topic.trim())
}
