import type { ParseResult } from '../parse/types.js'

export type Figures = Extract<ParseResult, { kind: 'report' | 'unplaced' }>

/** Adds the units of `figures` that lie outside `scope` to `outside`, in the order they come. */
function addOutside(
  figures: readonly { unit?: string }[] | undefined,
  scope: ReadonlySet<string>,
  outside: Set<string>,
): void {
  // A plain loop: this runs for every report a replay reads, and most name no unit outside.
  for (const { unit } of figures ?? [])
    if (unit !== undefined && !scope.has(unit)) outside.add(unit)
}

/**
 * A message's figures split by a room's scope: those for units the room may report for, and the
 * units named outside it (nothing is recorded for those; the liaison is told where they belong).
 * A figure written wrong for a unit of another room is not asked about here either.
 * @example withinScope(parsed, new Set(['龙城派出所'])) // { figures: …, outside: ['保安集团'] }
 */
export function withinScope(
  parsed: Figures,
  scope: ReadonlySet<string>,
): { figures: Figures; outside: string[] } {
  // The units the figures name outside the scope (a malformed figure names one only when it said which).
  const outsideUnits = new Set<string>()
  if (parsed.kind === 'report') {
    addOutside(parsed.records, scope, outsideUnits)
    addOutside(parsed.activities, scope, outsideUnits)
  }
  addOutside(parsed.held, scope, outsideUnits)
  addOutside(parsed.malformed, scope, outsideUnits)
  const outside = [...outsideUnits]
  // The usual case, a liaison reporting their own units, keeps the result as it is.
  if (outside.length === 0) return { figures: parsed, outside }
  const keep = <T extends { unit?: string }>(figures: T[]): T[] =>
    figures.filter((f) => f.unit === undefined || scope.has(f.unit))
  const rest = {
    held: keep(parsed.held),
    ...(parsed.malformed ? { malformed: keep(parsed.malformed) } : {}),
  }
  if (parsed.kind === 'unplaced') return { figures: { ...parsed, ...rest }, outside }
  const records = keep(parsed.records)
  const activities = keep(parsed.activities)
  return { figures: { ...parsed, records, activities, ...rest }, outside }
}
