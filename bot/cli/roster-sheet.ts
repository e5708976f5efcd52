import { existsSync } from 'node:fs'
import { basename, dirname, extname, join } from 'node:path'
import { parseRoster, RosterError } from '../../src/roster/parse-roster.js'
import { rosterFileOfSheets, RosterSheetError } from '../../src/roster/roster-file-of-sheets.js'
import { rosterSheets, type RosterSheets } from '../../src/roster/roster-sheet.js'
import { rosterYaml } from '../../src/roster/roster-yaml.js'
import { cliWords } from '../../templates/cli/cli-words.js'
import { rosterProblemWords } from '../../templates/roster-problem-words.js'
import { loadRoster } from '../load-roster.js'
import { readRosterSheets, writeRosterWorkbook, writeWhole } from '../roster-sheet-files.js'
import { CliProblem, print, UsageError, type CliIo } from './io.js'
import { rosterFileOf } from './store.js'

const sheetKinds = ['.xlsx', '.csv']

export interface RosterImportOptions {
  out?: string
  rooms?: string
  timezone: string
}

/**
 * `roster import FILE.xlsx|FILE.csv [--rooms FILE.csv] [--timezone ZONE] [--out roster.yaml]`:
 * a validated roster YAML from a sheet of units (and rooms), to --out or stdout. Any bad row is
 * named by its number and nothing is written.
 */
export async function rosterImportCommand(
  file: string,
  values: RosterImportOptions,
  io: CliIo,
): Promise<number> {
  if (!sheetKinds.includes(extname(file).toLowerCase()))
    throw new UsageError(cliWords.roster.sheetKinds)
  if (values.rooms !== undefined && extname(file).toLowerCase() !== '.csv')
    throw new UsageError(cliWords.roster.roomsOnlyCsv)
  for (const input of [file, values.rooms])
    if (input !== undefined && !existsSync(input))
      throw new CliProblem(cliWords.roster.noFile(input))
  let sheets: RosterSheets
  try {
    sheets = await readRosterSheets(file, values.rooms)
  } catch (error) {
    // Not a workbook, or a CSV with a quote left open: the reader's words say where.
    throw new CliProblem(cliWords.roster.unreadable(file, values.rooms, (error as Error).message))
  }
  let text: string
  try {
    const roster = rosterFileOfSheets(sheets, {
      timezone: values.timezone,
      ...(values.rooms ? { roomsLabel: `${basename(values.rooms)} ` } : {}),
    })
    text = rosterYaml(roster)
    // The sheet's checks mirror the roster's; the roster's own word is the last.
    parseRoster(text, values.out ?? 'roster')
  } catch (error) {
    if (!(error instanceof RosterSheetError || error instanceof RosterError)) throw error
    const problems =
      error instanceof RosterError ? error.details.map(rosterProblemWords) : error.problems
    throw new CliProblem(cliWords.roster.bad(file, problems))
  }
  if (values.out === undefined) {
    io.stdout.write(text)
    return 0
  }
  await writeWhole(values.out, text)
  print(io.stdout, cliWords.roster.written(values.out))
  return 0
}

/** `roster export [--roster FILE] [--out FILE.xlsx]`: the roster as a workbook, sheets 单位 and 群. */
export async function rosterExportCommand(
  values: { roster?: string; out?: string },
  io: CliIo,
): Promise<number> {
  const file = rosterFileOf(values, io)
  const out = values.out ?? join(dirname(file), `${basename(file, extname(file))}.xlsx`)
  if (extname(out).toLowerCase() !== '.xlsx') throw new UsageError(cliWords.roster.notXlsx(out))
  const roster = loadRoster(file)
  await writeRosterWorkbook(rosterSheets(roster), out)
  print(io.stdout, cliWords.roster.exported(out, roster.units.size, roster.rooms.length))
  return 0
}
