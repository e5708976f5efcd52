import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { parseMessage } from '../../../src/parse/parse-message.js'
import { parseRoster } from '../../../src/roster/parse-roster.js'

/** Labelled messages: every line must yield exactly its expected [unit, count] headcount records. */
const roster = parseRoster(
  readFileSync(new URL('../../../roster.example.yaml', import.meta.url), 'utf8'),
  'roster.example.yaml',
)

interface Labelled {
  room: string
  text: string
  expect: Array<[string, number]>
}

function load(name: string): Labelled[] {
  const text = readFileSync(new URL(`../../fixtures/${name}`, import.meta.url), 'utf8')
  return text
    .split('\n')
    .filter((line) => line.trim().length > 0)
    .map((line) => JSON.parse(line) as Labelled)
}

function headcounts({ room, text }: Labelled): Array<[string, number]> {
  const binding = roster.rooms.find((r) => r.topic === room)
  if (!binding) throw new Error(`room ${room} is not in the roster`)
  const result = parseMessage(text, roster, { roomUnit: binding.unit })
  const read = result.kind === 'report' ? result.records : []
  return read.map((r): [string, number] => [r.unit, r.count])
}

const byUnit = (a: [string, number], b: [string, number]) => a[0].localeCompare(b[0]) || a[1] - b[1]

describe.each(['messages.sample.jsonl', 'messages.unseen.jsonl'])('%s', (file) => {
  const messages = load(file)

  it('has labelled messages', () => {
    expect(messages.length).toBeGreaterThan(30)
  })

  it.each(messages.map((m) => [m.text, m] as const))('%j', (_text, message) => {
    expect(headcounts(message).sort(byUnit)).toEqual([...message.expect].sort(byUnit))
  })
})
