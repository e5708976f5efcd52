import { mkdir, writeFile } from 'node:fs/promises'
import { dirname, join, resolve } from 'node:path'
import type { Logger } from '../../src/logger.js'
import { workBulletinOf } from '../../db/bulletin-queries.js'
import type { Db } from '../../db/client.js'
import { inspectionBulletinOf } from '../../db/inspection-queries.js'
import { bulletinChartData, hasBulletinChartData } from '../../src/charts/chart-data.js'
import type { BoundRoom, Roster } from '../../src/roster/roster.js'
import type { Schedule } from '../../src/schedule/schedule.js'
import type { Day } from '../../src/time/zoned.js'
import { renderBulletinChart } from '../../templates/charts/bulletin-chart.js'
import type { Templates } from '../../templates/load-templates.js'
import type { OutboxItem } from '../outbox.js'
import { addressOf, itemKey } from './task.js'

/**
 * Where the bot writes the files it sends: beside the evidence folder, so with the default
 * store under data/ they go to data/charts and data/exports.
 * @example generatedDir('data/evidence', 'exports') // '/…/data/exports'
 */
export function generatedDir(evidenceDir: string, kind: 'charts' | 'exports'): string {
  return join(dirname(resolve(evidenceDir)), kind)
}

/** What drawing a chart reads. */
export interface ChartDeps {
  db: Db
  roster: Roster
  schedule: Schedule
  templates: Templates
}

export interface BulletinChartsOptions {
  /** The folder the PNG is written to (generatedDir(evidenceDir, 'charts')). */
  dir: string
  /** The local time the figures stand at, e.g. 20:00: said on the chart and in the file name. */
  asOf?: string
}

/**
 * The bulletin chart of a day (headcount against target and the inspection rates, per top-level
 * unit) written as a PNG; no files when the day has no figures at all. Throws when it cannot
 * be drawn: callers that also send text catch it (bulletinChartItems does).
 * @example const { files } = await renderBulletinCharts(deps, '2026-10-12', { dir, asOf: '20:00' })
 */
export async function renderBulletinCharts(
  deps: ChartDeps,
  day: Day,
  options: BulletinChartsOptions,
): Promise<{ files: string[] }> {
  const { db, roster, schedule, templates } = deps
  const data = bulletinChartData(
    workBulletinOf(db, roster, schedule, day),
    inspectionBulletinOf(db, roster, day),
  )
  if (!hasBulletinChartData(data)) return { files: [] }
  await mkdir(options.dir, { recursive: true })
  const png = await renderBulletinChart(templates, data, { asOf: options.asOf })
  const time = options.asOf ? `_${options.asOf.replace(':', '')}` : ''
  const file = join(options.dir, `红袖标图表_${day}${time}.png`)
  await writeFile(file, png)
  return { files: [file] }
}

export interface BulletinChartItemsOptions extends BulletinChartsOptions {
  /** The rooms to send it to. */
  rooms: BoundRoom[]
  /** The scheduled job's id: keys are `<jobId>-chart-<room>-<n>`, so a retried job sends once. */
  jobId: string
  /** The moment it is meant for. */
  dueAt?: number
}

/**
 * Outbox items that send a day's bulletin chart to rooms, for the scheduled bulletins: none
 * when the day has nothing to draw, and none when drawing fails (logged), so the text
 * bulletins never wait on, or fail with, the chart.
 */
export async function bulletinChartItems(
  deps: ChartDeps & { log: Logger },
  day: Day,
  options: BulletinChartItemsOptions,
): Promise<OutboxItem[]> {
  let files: string[]
  try {
    ;({ files } = await renderBulletinCharts(deps, day, options))
  } catch (error) {
    deps.log.error({ err: error, day }, 'bulletin chart could not be drawn; the text goes alone')
    return []
  }
  return options.rooms.flatMap((room) =>
    files.map((filePath, i) => ({
      key: itemKey(`${options.jobId}-chart`, room.id, i),
      ...addressOf(room),
      text: `bulletin chart ${day}`,
      filePath,
      lane: 'broadcast' as const,
      ...(options.dueAt !== undefined ? { dueAt: options.dueAt } : {}),
    })),
  )
}
