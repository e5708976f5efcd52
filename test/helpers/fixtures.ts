import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { parseRoster } from '../../src/roster/parse-roster.js'
import type { Roster } from '../../src/roster/roster.js'

export const exampleRosterFile = fileURLToPath(
  new URL('../../roster.example.yaml', import.meta.url),
)

export function fixturePath(name: string): string {
  return fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url))
}

/** The example roster the README and the demo use. */
export function exampleRoster(): Roster {
  return parseRoster(readFileSync(exampleRosterFile, 'utf8'), exampleRosterFile)
}

/** JSON lines of a fixture file. */
export function readJsonLines<T>(name: string): T[] {
  return readFileSync(fixturePath(name), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as T)
}
