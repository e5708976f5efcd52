import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { exportDataOf, hasExportData, type ExportData } from '../../db/export-queries.js'
import { eventPeriod, type Period } from '../../db/ranking-queries.js'
import type { Roster } from '../../src/roster/roster.js'
import { parseDayArg } from '../../src/time/parse-day-arg.js'
import { addDays, type Day } from '../../src/time/zoned.js'
import { megabytes, periodLabel } from '../../templates/export/export-views.js'
import { ExportTooLargeError, exportParts } from '../../templates/export/workbook.js'
import { generatedDir } from '../../jobs/tasks/bulletin-charts.js'
import { fileItems } from './charts.js'
import type { Command } from './command.js'

/** The largest file WeChat takes; an export above it is split by days, or refused for one day. */
export const wechatFileLimitBytes = 25 * 1024 * 1024

/** What a #导出 argument asks for. */
export type ExportRequest =
  | { kind: 'period'; period: Period }
  | { kind: 'event' }
  | { kind: 'bad'; written: string; future: boolean }

const weekWords = ['本周', '这周', '本星期']
const eventWords = ['全程', '全部', '活动期间', '整个活动']

/**
 * The period a #导出 argument names, relative to `today`: a day as #工作通报 reads it (empty is
 * today), 本周 (Monday to today), or 全程 (the security period).
 * @example exportRequest('本周', '2026-10-15') // { kind: 'period', period: { from: '2026-10-12', to: '2026-10-15' } }
 */
export function exportRequest(rest: string, today: Day): ExportRequest {
  const written = rest.trim()
  if (weekWords.includes(written)) {
    const weekday = new Date(`${today}T00:00:00Z`).getUTCDay()
    return { kind: 'period', period: { from: addDays(today, -((weekday + 6) % 7)), to: today } }
  }
  if (eventWords.includes(written)) return { kind: 'event' }
  const day = parseDayArg(written, today)
  if (day !== undefined && day <= today) return { kind: 'period', period: { from: day, to: day } }
  return { kind: 'bad', written, future: day !== undefined }
}

/** The file name of an export: 红袖标数据_2026-10-12.xlsx, or _2026-10-06_2026-10-12 for several days. */
export function exportFileName(from: Day, to: Day): string {
  return `红袖标数据_${from === to ? from : `${from}_${to}`}.xlsx`
}

export interface WriteExportOptions {
  roster: Roster
  /** The folder the files are written to. */
  dir: string
  /** Largest file; default wechatFileLimitBytes. */
  maxBytes?: number
  /**
   * File names: `single` for an export that fits in one file, `part` for each part of a split
   * one; default exportFileName of the whole period, and of each part's days.
   */
  names?: { single: string; part: (from: Day, to: Day) => string }
  /** Told as each file is written, for a progress bar. */
  onPart?: (part: { from: Day; to: Day }) => void
}

/**
 * Writes an export as .xlsx files of at most `maxBytes` each: one when it fits, else split by
 * days. Throws ExportTooLargeError when a single day does not fit.
 * @example const { files } = await writeExportFiles(exportDataOf(db, roster, schedule, period), { roster, dir })
 */
export async function writeExportFiles(
  data: ExportData,
  options: WriteExportOptions,
): Promise<{ files: string[]; bytes: number[] }> {
  const parts = await exportParts(data, {
    roster: options.roster,
    maxBytes: options.maxBytes ?? wechatFileLimitBytes,
  })
  await mkdir(options.dir, { recursive: true })
  const files: string[] = []
  for (const part of parts) {
    const { names } = options
    const name =
      parts.length === 1
        ? (names?.single ?? exportFileName(part.from, part.to))
        : (names?.part ?? exportFileName)(part.from, part.to)
    const file = join(options.dir, name)
    await writeFile(file, part.buffer)
    files.push(file)
    options.onPart?.(part)
  }
  return { files, bytes: parts.map((p) => p.buffer.length) }
}

/**
 * #导出 [日期|本周|全程] with a file size limit: the figures of a day, the week or the whole
 * security period as Excel files sent into the command room.
 */
export function exportCommandWith(options: { maxBytes?: number } = {}): Command {
  return {
    name: '导出',
    roles: ['commander'],
    async run(ctx, command) {
      const { db, roster, schedule, templates, evidenceDir } = ctx.deps
      const request = exportRequest(command.rest, ctx.day)
      if (request.kind === 'bad') {
        const { written, future } = request
        await ctx.reply(templates.render('export-form', { written, future }))
        return
      }
      const period = request.kind === 'period' ? request.period : eventPeriod(db, schedule, ctx.day)
      const label = period ? periodLabel(period.from, period.to) : ''
      const data = period && exportDataOf(db, roster, schedule, period)
      if (!period || !data || !hasExportData(data)) {
        await ctx.reply(
          templates.render('period-no-data', {
            period: label,
            chart: false,
            trend: false,
            export: true,
            ranking: false,
          }),
        )
        return
      }
      let files: string[]
      try {
        ;({ files } = await writeExportFiles(data, {
          roster,
          dir: generatedDir(evidenceDir, 'exports'),
          maxBytes: options.maxBytes,
        }))
      } catch (error) {
        if (!(error instanceof ExportTooLargeError)) throw error
        ctx.log.warn({ bytes: error.bytes, day: error.day }, 'export too large for WeChat')
        await ctx.reply(
          templates.render('export-too-large', {
            period: periodLabel(error.day, error.day),
            size: megabytes(error.bytes),
            limit: megabytes(error.maxBytes).replace(/\.0$/, ''),
          }),
        )
        return
      }
      ctx.log.info({ period, files }, 'export')
      await ctx.reply(
        templates.render('export-ready', {
          period: label,
          parts: files.length,
          split: files.length > 1,
        }),
      )
      await ctx.deps.send(fileItems(ctx, files, `export ${period.from}..${period.to}`))
    },
  }
}

/** #导出 [日期|本周|全程], split above WeChat's file limit (wechatFileLimitBytes). */
export const dataExportCommand: Command = exportCommandWith()
