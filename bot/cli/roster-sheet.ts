import { existsSync } from 'node:fs'
import { rename, writeFile } from 'node:fs/promises'
import { basename, dirname, extname, join } from 'node:path'
import { parseArgs } from 'node:util'
import { parseRoster, RosterError } from '../../src/roster/parse-roster.js'
import { rosterFileOfSheets, RosterSheetError } from '../../src/roster/roster-file-of-sheets.js'
import { rosterSheets, type RosterSheets } from '../../src/roster/roster-sheet.js'
import { rosterYaml } from '../../src/roster/roster-yaml.js'
import { loadRoster } from '../load-roster.js'
import { readRosterSheets, writeRosterWorkbook } from '../roster-sheet-files.js'
import { print, UsageError, type CliIo } from './io.js'
import { rosterCheckCommand } from './roster-check.js'

const sheetKinds = ['.xlsx', '.csv']

/**
 * `roster import FILE.xlsx|FILE.csv [--rooms FILE.csv] [--timezone ZONE] [--out roster.yaml]`:
 * a validated roster YAML from a sheet of units (and rooms), to --out or stdout. Any bad row is
 * named by its number and nothing is written.
 */
async function importRoster(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      out: { type: 'string' },
      rooms: { type: 'string' },
      timezone: { type: 'string', default: 'Asia/Shanghai' },
    },
  })
  const [file] = positionals
  if (!file || !sheetKinds.includes(extname(file).toLowerCase()))
    throw new UsageError('roster import needs a FILE.xlsx or FILE.csv')
  if (values.rooms !== undefined && extname(file).toLowerCase() !== '.csv')
    throw new UsageError('--rooms is for a CSV of units; a workbook has its rooms in sheet 群')
  for (const input of [file, values.rooms])
    if (input !== undefined && !existsSync(input)) {
      print(io.stderr, `没有文件 ${input}`)
      return 1
    }
  let sheets: RosterSheets
  try {
    sheets = await readRosterSheets(file, values.rooms)
  } catch (error) {
    // Not a workbook, or a CSV with a quote left open: the reader's words say where.
    print(
      io.stderr,
      `读不了 ${file}${values.rooms ? ` 或 ${values.rooms}` : ''}：${(error as Error).message}`,
    )
    return 1
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
    print(io.stderr, `${file} 有误，未写入名册：`)
    for (const problem of error.problems) print(io.stderr, `  ${problem}`)
    return 1
  }
  if (values.out === undefined) {
    io.stdout.write(text)
    return 0
  }
  const partial = `${values.out}.partial`
  await writeFile(partial, text)
  await rename(partial, values.out)
  print(io.stdout, `已写入 ${values.out}`)
  return 0
}

/** `roster export [--roster FILE] [--out FILE.xlsx]`: the roster as a workbook, sheets 单位 and 群. */
async function exportRoster(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { roster: { type: 'string' }, out: { type: 'string' } },
  })
  const file = values.roster ?? io.env.REDBAND_ROSTER
  if (!file) throw new UsageError('roster export needs --roster FILE (or REDBAND_ROSTER)')
  const out = values.out ?? join(dirname(file), `${basename(file, extname(file))}.xlsx`)
  if (extname(out).toLowerCase() !== '.xlsx')
    throw new UsageError(`--out ${out} should name an .xlsx file`)
  const roster = loadRoster(file)
  await writeRosterWorkbook(rosterSheets(roster), out)
  print(io.stdout, `已写入 ${out}：${roster.units.size} 个单位，${roster.rooms.length} 个群`)
  return 0
}

/** `roster check | import | export`: the roster as a tree, from a sheet, or as a sheet. */
export async function rosterSheetCommand(argv: string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = argv
  if (sub === 'import') return importRoster(rest, io)
  if (sub === 'export') return exportRoster(rest, io)
  return rosterCheckCommand(argv, io)
}
