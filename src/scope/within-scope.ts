import type { ParseResult } from '../parse/types.js'

export type Figures = Extract<ParseResult, { kind: 'report' | 'unplaced' }>

/** Every unit a message's figures name (a malformed figure names one only when it said which). */
function unitsNamed(parsed: Figures): string[] {
  return [
    ...(parsed.kind === 'report' ? parsed.records : []),
    ...(parsed.kind === 'report' ? parsed.activities : []),
    ...parsed.held,
    ...(parsed.malformed ?? []),
  ].flatMap((f) => (f.unit === undefined ? [] : [f.unit]))
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
  const outside = [...new Set(unitsNamed(parsed).filter((unit) => !scope.has(unit)))]
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
