import { readFileSync } from 'node:fs'
import { parseRoster, RosterError } from '../src/roster/parse-roster.js'
import type { Roster } from '../src/roster/roster.js'

/** Reads and validates a roster file; a missing file is a RosterError that says so. */
export function loadRoster(file: string): Roster {
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (error) {
    const why = (error as NodeJS.ErrnoException).code ?? (error as Error).message
    throw new RosterError(file, [{ place: { at: 'file' }, kind: 'unreadable', why }])
  }
  return parseRoster(text, file)
}
