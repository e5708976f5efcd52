/** A chart's words as a template renders them: one `key: text` a line. */
export type ChartWords<K extends string> = Record<K, string>

/**
 * Reads the words a chart template rendered (`title: 红袖标工作情况（10月12日）` a line),
 * naming the template and the key when one the chart needs is missing.
 */
export function readChartWords<K extends string>(
  template: string,
  text: string,
  keys: readonly K[],
): ChartWords<K> {
  const found = new Map<string, string>()
  for (const line of text.split('\n')) {
    const at = line.indexOf(':')
    if (at > 0) found.set(line.slice(0, at).trim(), line.slice(at + 1).trim())
  }
  const words = {} as ChartWords<K>
  for (const key of keys) {
    const value = found.get(key)
    if (value === undefined) throw new Error(`${template}.hbs has no line "${key}: …"`)
    words[key] = value
  }
  return words
}
