import type { ParseResult } from '../../src/parse/types.js'
import { activityText } from '../report-views.js'

/** What the parser understood of one message, one line per figure, for `parse`'s table. */
export function parseSummary(result: ParseResult): string {
  switch (result.kind) {
    case 'command':
      return `#${result.command.name} ${result.command.args.join(' ')}`.trim()
    case 'chatter':
      return result.unread
        ? `待核：${result.unread.misspelt ? `${result.unread.misspelt.written}→${result.unread.misspelt.unit}？` : result.unread.why}`
        : ''
    case 'report':
    case 'unplaced': {
      const parts = [
        ...(result.kind === 'report' ? result.records : []).map(
          (r) =>
            `${r.unit} ${r.count}${r.approx ? '余' : ''}人${r.points !== undefined ? ` 点位${r.points}` : ''}`,
        ),
        ...(result.kind === 'report' ? result.activities : []).map(
          (a) => `${a.unit} ${activityText(a)}`,
        ),
        ...result.held.map((h) => `待确认 ${h.unit} ${h.count}人`),
        ...result.unknown.map((u) => `未知单位 ${u.written} ${u.count}`),
        ...(result.malformed ?? []).map((m) => `格式不对 ${m.written}`),
        ...(result.kind === 'unplaced' && result.missingUnit ? ['缺单位'] : []),
      ]
      return parts.join('\n')
    }
  }
}
