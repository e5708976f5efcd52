import type { Roster } from '../../src/roster/roster.js'
import { cliWords } from '../../templates/cli/cli-words.js'
import { roomLabel } from '../../templates/room-label.js'
import { loadRoster } from '../load-roster.js'
import { print, type CliIo } from './io.js'
import { rosterFileOf } from './store.js'

function describe(roster: Roster, name: string): string {
  const unit = roster.units.get(name)!
  const facts = [
    unit.aliases.length > 0 ? `又名 ${unit.aliases.join('、')}` : '',
    unit.target !== undefined ? `目标 ${unit.target}` : '',
    unit.points !== undefined ? `点位 ${unit.points}` : '',
    unit.children.length === 0 ? '每日上报' : '',
  ].filter(Boolean)
  return facts.length > 0 ? `${name}（${facts.join('，')}）` : name
}

/** Draws the unit tree with box characters, children under their parent. */
export function rosterTree(roster: Roster): string {
  const out: string[] = []
  const walk = (name: string, prefix: string, childPrefix: string) => {
    out.push(prefix + describe(roster, name))
    const children = roster.units.get(name)!.children
    children.forEach((child, i) => {
      const last = i === children.length - 1
      walk(child, childPrefix + (last ? '└─ ' : '├─ '), childPrefix + (last ? '   ' : '│  '))
    })
  }
  for (const top of roster.topLevel) walk(top, '', '')
  return out.join('\n')
}

/** `roster check [FILE]`: validates a roster (FILE, else REDBAND_ROSTER) and prints its tree and rooms. */
export async function rosterCheckCommand(
  file: string | undefined,
  _options: object,
  io: CliIo,
): Promise<number> {
  const rosterFile = rosterFileOf({ roster: file }, io)
  const roster = loadRoster(rosterFile)
  print(io.stdout, `${cliWords.roster.ok(rosterFile, roster.units.size, roster.timezone)}\n`)
  print(io.stdout, rosterTree(roster))
  print(io.stdout, `\n${cliWords.roster.rooms}`)
  for (const room of roster.rooms) print(io.stdout, `  ${room.topic} → ${roomLabel(room)}`)
  return 0
}
