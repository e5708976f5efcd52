import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { workBulletinOf } from '../../db/bulletin-queries.js'
import { parseNumber } from '../../src/numbers/parse-number.js'
import { hasTrendData, trendChartData } from '../../src/charts/chart-data.js'
import { addDays, chineseDate, daysBetween, type Day } from '../../src/time/zoned.js'
import { renderTrendChart } from '../../templates/charts/trend-chart.js'
import { generatedDir, type ChartDeps } from '../../jobs/tasks/bulletin-charts.js'
import { fileItems } from './charts.js'
import type { Command } from './command.js'

/** Days a trend covers unless asked otherwise, and at most. */
export const defaultTrendDays = 7
export const maxTrendDays = 31

/**
 * The number of days a #趋势 argument asks for: empty is 7; 7, 7天, 近7天, 七天, 14日 as
 * written; undefined when it is not a whole number of days from 1 to maxTrendDays.
 * @example trendDaysArg('近14天') // 14
 */
export function trendDaysArg(rest: string): number | undefined {
  const text = rest
    .trim()
    .replace(/^(最近|近)/, '')
    .replace(/[天日]$/, '')
    .trim()
  if (text === '') return defaultTrendDays
  const parsed = parseNumber(text)
  if (!parsed || parsed.approx || !Number.isInteger(parsed.value)) return undefined
  return parsed.value >= 1 && parsed.value <= maxTrendDays ? parsed.value : undefined
}

export interface TrendChartOptions {
  /** The last day of the trend. */
  to: Day
  days: number
  /** The folder the PNG is written to (generatedDir(evidenceDir, 'charts')). */
  dir: string
}

/**
 * The trend chart (daily total against target over the last `days` days up to `to`) written as
 * a PNG; no files when none of those days has a total.
 * @example const { files } = await renderTrendChartFile(deps, { to: '2026-10-12', days: 7, dir })
 */
export async function renderTrendChartFile(
  deps: ChartDeps,
  options: TrendChartOptions,
): Promise<{ files: string[] }> {
  const { db, roster, schedule, templates } = deps
  const from = addDays(options.to, -(options.days - 1))
  const data = trendChartData(
    daysBetween(from, options.to).map((day) => workBulletinOf(db, roster, schedule, day)),
  )
  if (!hasTrendData(data)) return { files: [] }
  const png = await renderTrendChart(templates, data)
  await mkdir(options.dir, { recursive: true })
  const file = join(options.dir, `红袖标趋势_${from}_${options.to}.png`)
  await writeFile(file, png)
  return { files: [file] }
}

/** #趋势 [7天]: the daily total against target over the last days, as a picture. */
export const trendCommand: Command = {
  name: '趋势',
  roles: ['commander'],
  async run(ctx, command) {
    if (ctx.deps.charts === false) {
      await ctx.reply(ctx.deps.templates.render('charts-off', {}))
      return
    }
    const { templates, evidenceDir } = ctx.deps
    const days = trendDaysArg(command.rest)
    if (days === undefined) {
      await ctx.reply(templates.render('trend-form', { written: command.rest, most: maxTrendDays }))
      return
    }
    let files: string[]
    try {
      ;({ files } = await renderTrendChartFile(ctx.deps, {
        to: ctx.day,
        days,
        dir: generatedDir(evidenceDir, 'charts'),
      }))
    } catch (error) {
      ctx.log.error({ err: error, days }, 'trend chart could not be drawn')
      await ctx.reply(templates.render('chart-failed', { trend: true }))
      return
    }
    if (files.length === 0) {
      await ctx.reply(
        templates.render('period-no-data', {
          period: `${chineseDate(addDays(ctx.day, -(days - 1)))}至${chineseDate(ctx.day)}`,
          chart: false,
          trend: true,
          export: false,
          ranking: false,
        }),
      )
      return
    }
    ctx.log.info({ days, files }, 'trend chart')
    await ctx.deps.send(fileItems(ctx, files, `trend chart ${days} days to ${ctx.day}`))
  },
}
