import type { ParseResult } from '../parse/types.js'

export type Figures = Extract<ParseResult, { kind: 'report' | 'unplaced' }>

/**
 * A message's figures split by a room's scope: those for units the room may report for, and the
 * units named outside it (nothing is recorded for those; the liaison is told where they belong).
 * @example withinScope(parsed, new Set(['龙城派出所'])) // { figures: …, outside: ['保安集团'] }
 */
export function withinScope(
  parsed: Figures,
  scope: ReadonlySet<string>,
): { figures: Figures; outside: string[] } {
  const inside = (f: { unit: string }) => scope.has(f.unit)
  const outside = new Set<string>()
  const keep = <T extends { unit: string }>(figures: T[]): T[] =>
    figures.filter((f) => inside(f) || (outside.add(f.unit), false))
  const held = keep(parsed.held)
  // A figure written wrong for a unit of another room is not asked about here: it is not ours.
  const malformed = parsed.malformed?.filter(
    (m) => m.unit === undefined || inside({ unit: m.unit }) || (outside.add(m.unit), false),
  )
  const rest = { held, ...(malformed ? { malformed } : {}) }
  if (parsed.kind === 'unplaced') return { figures: { ...parsed, ...rest }, outside: [...outside] }
  const records = keep(parsed.records)
  const activities = keep(parsed.activities)
  return { figures: { ...parsed, records, activities, ...rest }, outside: [...outside] }
}
