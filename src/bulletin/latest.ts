/**
 * The latest row per key: a unit's figure for a day is its latest report. Rows come oldest
 * first, so on a tie the later row is the newer.
 */
export function latestBy<T extends { reportedAt: number }>(
  rows: readonly T[],
  keyOf: (row: T) => string,
): Map<string, T> {
  const latest = new Map<string, T>()
  for (const row of rows) {
    const key = keyOf(row)
    const seen = latest.get(key)
    if (!seen || row.reportedAt >= seen.reportedAt) latest.set(key, row)
  }
  return latest
}
