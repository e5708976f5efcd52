import Table from 'cli-table3'
import { describeExplanation } from '../../src/parse/explain.js'
import { explainMessage, parseMessage } from '../../src/parse/parse-message.js'
import type { ParseResult } from '../../src/parse/types.js'
import { roomByTopic } from '../../src/roster/queries.js'
import { singleUnitOf } from '../../src/roster/room-units.js'
import { cliWords } from '../../templates/cli/cli-words.js'
import { parseSummary } from '../../templates/cli/parse-view.js'
import { loadRoster } from '../load-roster.js'
import { lines, print, tableStyle, type CliIo } from './io.js'

/** One input line: plain text, or {"room": topic, "text": ...} so the room's unit applies. */
function readInput(line: string): { room?: string; text: string } {
  if (line.trimStart().startsWith('{')) {
    try {
      const value = JSON.parse(line) as { room?: unknown; text?: unknown }
      if (typeof value.text === 'string') {
        return { text: value.text, ...(typeof value.room === 'string' ? { room: value.room } : {}) }
      }
    } catch {
      // Not JSON after all: read it as text.
    }
  }
  return { text: line }
}

function toJson(result: ParseResult): object {
  switch (result.kind) {
    case 'command':
      return { kind: result.kind, records: [], command: result.command }
    case 'chatter':
      return { kind: result.kind, records: [], ...(result.unread ? { unread: result.unread } : {}) }
    default:
      return { ...result, records: result.kind === 'report' ? result.records : [] }
  }
}

/**
 * `parse [--roster FILE] [--json | --explain]`: what the parser understands of each stdin line;
 * with --explain, the tokens and the rule that kept or dropped each figure.
 */
export async function parseCommand(
  values: { roster?: string; json?: boolean; explain?: boolean },
  io: CliIo,
): Promise<number> {
  // Trying the parser needs no roster of one's own: the example's units will do.
  const roster = loadRoster(values.roster ?? io.env.REDBAND_ROSTER ?? 'roster.example.yaml')
  const table = new Table({
    head: cliWords.parse.head,
    wordWrap: true,
    colWidths: [10, 28, 48],
    style: tableStyle(io),
  })
  for await (const line of lines(io.stdin)) {
    if (line.trim() === '') continue
    const input = readInput(line)
    const roomUnit = input.room ? singleUnitOf(roomByTopic(roster, input.room)) : undefined
    if (values.explain) {
      const where = input.room ? `  (${input.room})` : ''
      print(io.stdout, `── ${input.text.replace(/\n/g, '⏎')}${where}`)
      for (const text of describeExplanation(explainMessage(input.text, roster, { roomUnit }))) {
        print(io.stdout, `   ${text}`)
      }
      continue
    }
    const result = parseMessage(input.text, roster, { roomUnit })
    if (values.json) print(io.stdout, JSON.stringify(toJson(result)))
    else table.push([cliWords.parse.kinds[result.kind], parseSummary(result), input.text])
  }
  if (!values.json && !values.explain) print(io.stdout, table.toString())
  return 0
}
