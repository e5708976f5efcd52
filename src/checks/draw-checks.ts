import { uniformInt } from 'pure-rand/distribution/uniformInt'
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus'
import { clockOf, minutesOf, type InspectionSchedule } from '../schedule/schedule.js'

type Rng = ReturnType<typeof xoroshiro128plus>

/** A 32-bit seed from a text (a day, a message id): the same text always draws the same. */
function seedOf(text: string): number {
  let hash = 2166136261
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i)
    hash = Math.imul(hash, 16777619)
  }
  return hash >>> 0
}

/** Picks `count` distinct items at random (fewer when there are fewer). */
function pick<T>(rng: Rng, items: readonly T[], count: number): T[] {
  const pool = [...items]
  const chosen: T[] = []
  while (chosen.length < count && pool.length > 0) {
    chosen.push(pool.splice(uniformInt(rng, 0, pool.length - 1), 1)[0]!)
  }
  return chosen
}

/**
 * Units to check at random, favouring those checked least recently: the draw is among the
 * `count × 3` least recently checked (never checked first), seeded so it can be repeated.
 */
export function drawUnits(
  candidates: readonly string[],
  lastChecked: ReadonlyMap<string, number>,
  count: number,
  seed: string,
): string[] {
  const rng = xoroshiro128plus(seedOf(seed))
  const byStaleness = [...candidates].sort(
    (a, b) =>
      (lastChecked.get(a) ?? -Infinity) - (lastChecked.get(b) ?? -Infinity) || a.localeCompare(b),
  )
  return pick(rng, byStaleness.slice(0, Math.max(count * 3, count)), count)
}

export interface PlannedCheck {
  /** Local HH:mm the unit is asked. */
  time: string
  unit: string
}

/**
 * The day's random checks: times in working hours outside the display periods (leaving time to
 * answer before working hours end), units favouring the least recently checked. Seeded by the
 * day, so the draw is the same however often it is made.
 */
export function drawRandomChecks(
  day: string,
  inspection: InspectionSchedule,
  leaves: readonly string[],
  lastChecked: ReadonlyMap<string, number>,
): PlannedCheck[] {
  const rng = xoroshiro128plus(seedOf(`random-checks ${day}`))
  const first = minutesOf(inspection.workingHours.start) + 1
  const last = minutesOf(inspection.workingHours.end) - inspection.checkMinutes
  const inDisplay = (m: number) =>
    inspection.displayPeriods.some((p) => m >= minutesOf(p.start) && m < minutesOf(p.end))
  const minutes: number[] = []
  for (let m = first; m <= last; m++) if (!inDisplay(m)) minutes.push(m)
  const times = pick(rng, minutes, inspection.randomChecks).sort((a, b) => a - b)
  const units = drawUnits(leaves, lastChecked, times.length, `random-units ${day}`)
  return times.slice(0, units.length).map((m, i) => ({ time: clockOf(m), unit: units[i]! }))
}
