import { basename, dirname, extname } from 'node:path'
import { eventPeriod, type Period } from '../../db/ranking-queries.js'
import { readConfig } from '../../src/config/read-config.js'
import { daysBetween, localDay } from '../../src/time/zoned.js'
import { cliWords } from '../../templates/cli/cli-words.js'
import { ExportTooLargeError } from '../../templates/export/workbook.js'
import { wechatFileLimitBytes } from '../commands/export.js'
import { writeExportFrom } from '../export/write-export.js'
import { dayOption } from './dates.js'
import { CliProblem, print, UsageError, type CliIo } from './io.js'
import { perSecond, progressBar } from './progress.js'
import { dbFileOf, rosterOf, withStore } from './store.js'

export interface ExportOptions {
  db?: string
  roster?: string
  from?: string
  to?: string
  out?: string
  maxMb?: string
}

/**
 * `export [--db FILE] [--roster FILE] [--from DATE] [--to DATE] --out FILE.xlsx [--max-mb N]`: the
 * figures of a period as an Excel file. One of --from and --to alone is that day; neither is the
 * security period (REDBAND_EVENT_START/END, else the days with data). An export above --max-mb
 * (default 25, WeChat's limit) is split by days into FILE_<from>_<to>.xlsx files.
 */
export async function exportCommand(options: ExportOptions, io: CliIo): Promise<number> {
  const file = dbFileOf(options, io)
  const { out } = options
  if (!out) throw new UsageError(cliWords.needs('--out 文件.xlsx'))
  if (extname(out).toLowerCase() !== '.xlsx') throw new UsageError(cliWords.badXlsx(out))
  const maxMb = options.maxMb === undefined ? undefined : Number(options.maxMb)
  if (maxMb !== undefined && !(maxMb > 0)) throw new UsageError(cliWords.badSize(options.maxMb!))
  const roster = rosterOf(options, io)
  const from = dayOption('--from', options.from, roster.timezone)
  const to = dayOption('--to', options.to, roster.timezone)
  const { schedule } = readConfig(io.env)
  const started = performance.now()
  // One connection reads the period and the export: each opening runs the migrations' check.
  const written = await withStore(
    file,
    async (db) => {
      const period: Period | undefined =
        from !== undefined || to !== undefined
          ? { from: from ?? to!, to: to ?? from! }
          : eventPeriod(db, schedule, localDay(Date.now(), roster.timezone))
      if (period && period.from > period.to)
        throw new UsageError(cliWords.fromAfterTo(period.from, period.to))
      if (!period) throw new CliProblem(cliWords.export.noPeriod)
      const days = daysBetween(period.from, period.to).length
      const bar = progressBar(io, cliWords.export.progress, days, { rate: 0 })
      try {
        // Built on this thread: a CLI has nothing else to answer (the bot uses a worker), and a
        // second thread would cost its own heap and its own copy of the workbook writer.
        const files = await writeExportFrom(
          db,
          {
            roster,
            schedule,
            period,
            dir: dirname(out),
            maxBytes: maxMb === undefined ? wechatFileLimitBytes : Math.round(maxMb * 1024 * 1024),
            names: { single: basename(out), stem: basename(out, extname(out)) },
          },
          // The bar counts days: the rows written, as the share of the period's days they stand for.
          (written, total) => {
            const done = Math.floor((days * written) / Math.max(1, total))
            bar.update(done, { rate: perSecond(done, started) })
          },
        )
        bar.update(days, { rate: perSecond(days, started) })
        return { ...files, period }
      } catch (error) {
        if (!(error instanceof ExportTooLargeError)) throw error
        throw new CliProblem(cliWords.export.tooLarge(error.day, error.bytes, error.maxBytes))
      } finally {
        bar.stop()
      }
    },
    { hint: cliWords.noStoreHint.data },
  )
  const { period } = written
  if (written.files.length === 0)
    throw new CliProblem(cliWords.export.noData(period.from, period.to))
  const { files, bytes } = written
  files.forEach((f, i) => print(io.stdout, cliWords.export.file(f, bytes[i]!)))
  if (files.length > 1) print(io.stderr, cliWords.export.split(files.length))
  const seconds = ((performance.now() - started) / 1000).toFixed(1)
  const total = bytes.reduce((sum, n) => sum + n, 0)
  print(io.stdout, cliWords.export.summary(files.length, total, seconds))
  return 0
}
