import { readdirSync, readFileSync } from 'node:fs'
import { afterAll, describe, expect, it } from 'vitest'
import { describeExplanation } from '../../../src/parse/explain.js'
import { explainMessage, parseMessage } from '../../../src/parse/parse-message.js'
import type { ParseResult } from '../../../src/parse/types.js'
import { parseRoster } from '../../../src/roster/parse-roster.js'
import { singleUnitOf } from '../../../src/roster/room-units.js'
import type { Roster } from '../../../src/roster/roster.js'

/**
 * Labelled messages (test/fixtures/corpus/README.md): every line must yield exactly its expected
 * [unit, count] headcount records; a line marked `ask` or `suggest` must be flagged as a report
 * not read (so the liaison is asked), and chatter must stay silent. A failing line prints what the
 * parser saw of it (`redband parse --explain`); the run ends with each family's exact-match rate
 * and false records.
 */
const fixture = (name: string) => new URL(`../../fixtures/${name}`, import.meta.url)
const rosterOf = (name: string) => parseRoster(readFileSync(fixture(name), 'utf8'), name)
const corpusRoster = rosterOf('roster.corpus.yaml')
const exampleRoster = parseRoster(
  readFileSync(new URL('../../../roster.example.yaml', import.meta.url), 'utf8'),
  'roster.example.yaml',
)

interface Labelled {
  room: string
  text: string
  expect: Array<[string, number]>
  ask?: boolean
  suggest?: string
  note?: string
}

function load(name: string): Labelled[] {
  return readFileSync(fixture(name), 'utf8')
    .split('\n')
    .filter((line) => line.trim().length > 0)
    .map((line) => JSON.parse(line) as Labelled)
}

type Pair = [string, number]
const byUnit = (a: Pair, b: Pair) => a[0].localeCompare(b[0]) || a[1] - b[1]
const same = (a: Pair, b: Pair) => a[0] === b[0] && a[1] === b[1]

interface Verdict {
  /** What is wrong with the reading; empty when it is right. */
  problems: string[]
  /** Records the line does not expect. */
  falseRecords: number
}

/** Reads a line in its room and says what is wrong, if anything. */
function judge(
  line: Labelled,
  roster: Roster,
  asks: boolean,
): { verdict: Verdict; roomUnit?: string } {
  const room = roster.rooms.find((r) => r.topic === line.room)
  if (!room) throw new Error(`room ${line.room} is not in the roster`)
  // Only liaison rooms are read for reports; elsewhere nothing may be recorded, and no one asked.
  const liaison = room.role === 'liaison'
  const roomUnit = liaison ? singleUnitOf(room) : undefined
  const result = parseMessage(line.text, roster, { roomUnit })
  const records: Pair[] =
    result.kind === 'report' ? result.records.map((r) => [r.unit, r.count]) : []
  const problems: string[] = []
  const falseRecords = records.filter((r) => !line.expect.some((e) => same(e, r))).length
  const got = [...records].sort(byUnit)
  const want = [...line.expect].sort(byUnit)
  if (JSON.stringify(got) !== JSON.stringify(want))
    problems.push(`records ${JSON.stringify(got)}, expected ${JSON.stringify(want)}`)
  if (asks && liaison && line.expect.length === 0) problems.push(...askProblems(line, result))
  return { verdict: { problems, falseRecords }, ...(roomUnit ? { roomUnit } : {}) }
}

/**
 * A line marked ask gets a question: an unread report, or a figure the bot already asks about (no
 * unit in a shared room, not a plain number). One marked suggest is a misspelt unit. Anything
 * else with no record asks nothing: no unread, no figure left unplaced.
 */
function askProblems(line: Labelled, result: ParseResult): string[] {
  const unread = result.kind === 'chatter' ? result.unread : undefined
  if (line.suggest !== undefined) {
    return unread?.misspelt?.unit === line.suggest
      ? []
      : [`should ask about ${line.suggest}, got ${JSON.stringify(result)}`]
  }
  if (line.ask) {
    const asks = unread !== undefined || (result.kind === 'unplaced' && result.held.length === 0)
    return asks ? [] : [`should ask, got ${JSON.stringify(result)}`]
  }
  // Activity counts (巡逻40次) are read as such: a receipt, not a question.
  const silent = result.kind !== 'unplaced' && unread === undefined
  return silent ? [] : [`should stay silent, got ${JSON.stringify(result)}`]
}

/** What the parser saw of a line, shown when it fails. */
function trace(line: Labelled, roster: Roster, roomUnit: string | undefined): string {
  const lines = describeExplanation(explainMessage(line.text, roster, { roomUnit }))
  return [`${line.room}「${line.text}」${line.note ? ` (${line.note})` : ''}`, ...lines].join(
    '\n  ',
  )
}

const families = readdirSync(fixture('corpus'))
  .filter((file) => file.endsWith('.jsonl'))
  .sort()
  .map((file) => ({
    name: `corpus/${file}`,
    roster: corpusRoster,
    lines: load(`corpus/${file}`),
    asks: true,
  }))
const suites = [
  ...families,
  // The first labelled messages, on the example roster: headcounts only (they predate ask).
  ...['messages.sample.jsonl', 'messages.unseen.jsonl'].map((name) => ({
    name,
    roster: exampleRoster,
    lines: load(name),
    asks: false,
  })),
]

const summary: string[] = []
afterAll(() => {
  console.log(
    ['family                              lines   exact  false records', ...summary].join('\n'),
  )
})

describe.each(suites)('$name', ({ name, roster, lines, asks }) => {
  const verdicts = lines.map((line) => judge(line, roster, asks))
  const exact = verdicts.filter((v) => v.verdict.problems.length === 0).length
  const falseRecords = verdicts.reduce((sum, v) => sum + v.verdict.falseRecords, 0)
  summary.push(
    `${name.padEnd(34)} ${String(lines.length).padStart(5)} ${((100 * exact) / lines.length).toFixed(1).padStart(6)}% ${String(falseRecords).padStart(6)}`,
  )

  it('reads every line exactly, with no false record', () => {
    expect(lines.length).toBeGreaterThan(30)
    expect({ exact, falseRecords }).toEqual({ exact: lines.length, falseRecords: 0 })
  })

  it.each(lines.map((line, i) => [line.text, i] as const))('%j', (_text, i) => {
    const line = lines[i]!
    const { verdict, roomUnit } = verdicts[i]!
    expect(verdict.problems, trace(line, roster, roomUnit)).toEqual([])
  })
})
