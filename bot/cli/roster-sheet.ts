import { existsSync } from 'node:fs'
import { basename, dirname, extname, join } from 'node:path'
import { parseRoster, RosterError } from '../../src/roster/parse-roster.js'
import { rosterFileOfSheets, RosterSheetError } from '../../src/roster/roster-file-of-sheets.js'
import { rosterSheets, type RosterSheets } from '../../src/roster/roster-sheet.js'
import { rosterYaml } from '../../src/roster/roster-yaml.js'
import { loadRoster } from '../load-roster.js'
import { readRosterSheets, writeRosterWorkbook, writeWhole } from '../roster-sheet-files.js'
import { print, UsageError, type CliIo } from './io.js'
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
    throw new UsageError('roster import 需要 .xlsx 或 .csv 文件')
  if (values.rooms !== undefined && extname(file).toLowerCase() !== '.csv')
    throw new UsageError('--rooms 只用于单位 CSV；工作簿的群在「群」工作表里')
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
  await writeWhole(values.out, text)
  print(io.stdout, `已写入 ${values.out}`)
  return 0
}

/** `roster export [--roster FILE] [--out FILE.xlsx]`: the roster as a workbook, sheets 单位 and 群. */
export async function rosterExportCommand(
  values: { roster?: string; out?: string },
  io: CliIo,
): Promise<number> {
  const file = rosterFileOf(values, io)
  const out = values.out ?? join(dirname(file), `${basename(file, extname(file))}.xlsx`)
  if (extname(out).toLowerCase() !== '.xlsx') throw new UsageError(`--out ${out} 应为 .xlsx 文件`)
  const roster = loadRoster(file)
  await writeRosterWorkbook(rosterSheets(roster), out)
  print(io.stdout, `已写入 ${out}：${roster.units.size} 个单位，${roster.rooms.length} 个群`)
  return 0
}
