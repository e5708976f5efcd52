import { eventPeriod, type Period } from '../../db/ranking-queries.js'
import { parseDayArg } from '../../src/time/parse-day-arg.js'
import { addDays, type Day } from '../../src/time/zoned.js'
import { megabytes, periodLabel } from '../../templates/export/export-views.js'
import { ExportTooLargeError } from '../../templates/export/workbook.js'
import { exportInWorker } from '../export/export-in-worker.js'
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
      const noData = () =>
        ctx.reply(
          templates.render('period-no-data', {
            period: label,
            chart: false,
            trend: false,
            export: true,
            ranking: false,
          }),
        )
      if (!period) return noData()
      let files: string[]
      try {
        // In a worker thread: receipts go on while a month of figures is read and written.
        ;({ files } = await exportInWorker({
          dbFile: db.$client.name,
          roster,
          schedule,
          period,
          dir: generatedDir(evidenceDir, 'exports'),
          maxBytes: options.maxBytes ?? wechatFileLimitBytes,
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
      if (files.length === 0) return noData()
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
