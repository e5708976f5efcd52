import { existsSync } from 'node:fs'
import { basename, dirname, extname } from 'node:path'
import { parseArgs } from 'node:util'
import { closeDb, openDb } from '../../db/client.js'
import { eventPeriod, type Period } from '../../db/ranking-queries.js'
import { readConfig } from '../../src/config/read-config.js'
import { isDay, localDay, type Day } from '../../src/time/zoned.js'
import { ExportTooLargeError } from '../../templates/export/workbook.js'
import { wechatFileLimitBytes } from '../commands/export.js'
import { exportInWorker } from '../export/export-in-worker.js'
import { loadRoster } from '../load-roster.js'
import { print, UsageError, type CliIo } from './io.js'

function dayOption(name: string, value: string | undefined): Day | undefined {
  if (value !== undefined && !isDay(value))
    throw new UsageError(`--${name} ${value} is not a date such as 2026-10-12`)
  return value
}

/**
 * `export --db FILE --roster FILE [--from DATE] [--to DATE] --out FILE.xlsx [--max-mb N]`: the
 * figures of a period as an Excel file. One of --from and --to alone is that day; neither is the
 * security period (REDBAND_EVENT_START/END, else the days with data). An export above --max-mb
 * (default 25, WeChat's limit) is split by days into FILE_<from>_<to>.xlsx files.
 */
export async function exportCommand(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      db: { type: 'string' },
      roster: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      out: { type: 'string' },
      'max-mb': { type: 'string' },
    },
  })
  if (!values.db || !values.roster || !values.out)
    throw new UsageError('export needs --db FILE, --roster FILE and --out FILE.xlsx')
  if (extname(values.out).toLowerCase() !== '.xlsx')
    throw new UsageError(`--out ${values.out} should name an .xlsx file`)
  const from = dayOption('from', values.from)
  const to = dayOption('to', values.to)
  const maxMb = values['max-mb'] === undefined ? undefined : Number(values['max-mb'])
  if (maxMb !== undefined && !(maxMb > 0))
    throw new UsageError(`--max-mb ${values['max-mb']} is not a size in megabytes such as 25`)
  const roster = loadRoster(values.roster)
  if (!existsSync(values.db)) {
    print(io.stderr, `no store at ${values.db}: run the bot or ingest a chat export into it first`)
    return 1
  }
  const db = openDb(values.db)
  try {
    const { schedule } = readConfig(io.env)
    let period: Period | undefined
    if (from !== undefined || to !== undefined) period = { from: from ?? to!, to: to ?? from! }
    else period = eventPeriod(db, schedule, localDay(Date.now(), roster.timezone))
    if (period && period.from > period.to)
      throw new UsageError(`--from ${period.from} is after --to ${period.to}`)
    const written =
      period &&
      (await exportInWorker({
        dbFile: values.db,
        roster,
        schedule,
        period,
        dir: dirname(values.out),
        maxBytes: maxMb === undefined ? wechatFileLimitBytes : Math.round(maxMb * 1024 * 1024),
        names: { single: basename(values.out), stem: basename(values.out, extname(values.out)) },
      }))
    if (!period || !written || written.files.length === 0) {
      print(
        io.stderr,
        period
          ? `no data from ${period.from} to ${period.to}: nothing was written`
          : 'no data and no security period: nothing was written',
      )
      return 1
    }
    const { files, bytes } = written
    files.forEach((file, i) => print(io.stdout, `${file}\t${bytes[i]} bytes`))
    if (files.length > 1)
      print(
        io.stderr,
        `the export was larger than the limit, so it was split into ${files.length} files`,
      )
    return 0
  } catch (error) {
    if (!(error instanceof ExportTooLargeError)) throw error
    print(
      io.stderr,
      `the export of ${error.day} alone is ${error.bytes} bytes, over the ${error.maxBytes}-byte limit: nothing was written`,
    )
    return 1
  } finally {
    closeDb(db)
  }
}
