import { createWriteStream } from 'node:fs'
import { mkdir, rm, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { finished } from 'node:stream/promises'
import { closeDb, openDb, type Db } from '../../db/client.js'
import { exportDataOf, hasExportData, type ExportData } from '../../db/export-queries.js'
import type { Period } from '../../db/ranking-queries.js'
import type { Roster } from '../../src/roster/roster.js'
import type { Schedule } from '../../src/schedule/schedule.js'
import type { Day } from '../../src/time/zoned.js'
import {
  ExportTooLargeError,
  sliceExport,
  writeWorkbook,
  type WorkbookProgress,
} from '../../templates/export/workbook.js'

/** The stem of an export's file names when none is given. */
const exportStem = '红袖标数据'

/**
 * The file name of an export: 红袖标数据_2026-10-12.xlsx, or _2026-10-06_2026-10-12 for several days.
 * @example exportFileName('2026-10-06', '2026-10-12', 'week') // 'week_2026-10-06_2026-10-12.xlsx'
 */
export function exportFileName(from: Day, to: Day, stem = exportStem): string {
  return `${stem}_${from === to ? from : `${from}_${to}`}.xlsx`
}

/**
 * An export to write: plain data, so that it crosses to a worker thread as it is. The worker
 * opens the store itself (reading a month of figures is the slow half of an export).
 */
export interface ExportJob {
  /** The SQLite store's file. */
  dbFile: string
  roster: Roster
  schedule: Schedule
  period: Period
  /** The folder the files are written to. */
  dir: string
  /** Largest file; a larger export is split by days. */
  maxBytes: number
  /**
   * `single` names an export that fits in one file, each part of a split one is
   * exportFileName(its days, `stem`); default stem exportStem, single exportFileName(period).
   */
  names?: { single?: string; stem?: string }
}

/** The files an export wrote and their sizes; none when the period holds no data. */
export interface ExportFiles {
  files: string[]
  bytes: number[]
}

async function writeFile(
  data: ExportData,
  file: string,
  roster: Roster,
  onProgress?: WorkbookProgress,
): Promise<number> {
  const stream = createWriteStream(file)
  await writeWorkbook(data, stream, { roster, onProgress })
  stream.end()
  await finished(stream)
  return (await stat(file)).size
}

/**
 * Writes `data` whole when it fits, else in halves by days until each fits. Progress is of the
 * file being written: a split export reports each part from its start.
 */
async function writeParts(
  data: ExportData,
  job: Omit<ExportJob, 'dbFile'>,
  whole: boolean,
  onProgress?: WorkbookProgress,
): Promise<ExportFiles> {
  const { from, to } = data.period
  const stem = job.names?.stem ?? exportStem
  const name = whole
    ? (job.names?.single ?? exportFileName(from, to, stem))
    : exportFileName(from, to, stem)
  const file = join(job.dir, name)
  const size = await writeFile(data, file, job.roster, onProgress)
  if (size <= job.maxBytes) return { files: [file], bytes: [size] }
  await rm(file)
  const days = data.days.map((d) => d.day)
  if (days.length <= 1) throw new ExportTooLargeError(size, job.maxBytes, from)
  const middle = Math.ceil(days.length / 2)
  const first = await writeParts(sliceExport(data, from, days[middle - 1]!), job, false, onProgress)
  const second = await writeParts(sliceExport(data, days[middle]!, to), job, false, onProgress)
  return { files: [...first.files, ...second.files], bytes: [...first.bytes, ...second.bytes] }
}

/**
 * Reads a period from the store and writes it as .xlsx files of at most `maxBytes` each, in
 * this thread (exportInWorker runs it in a worker). Throws ExportTooLargeError when a single
 * day does not fit.
 * @example const { files } = await writeExport({ dbFile, roster, schedule, period, dir, maxBytes })
 */
export async function writeExport(
  job: ExportJob,
  onProgress?: WorkbookProgress,
): Promise<ExportFiles> {
  // A worker's connection of its own would find an empty store and export nothing.
  if (job.dbFile === ':memory:')
    throw new Error('an export reads the store from its file, not :memory:')
  const db = openDb(job.dbFile)
  try {
    return await writeExportFrom(db, job, onProgress)
  } finally {
    closeDb(db)
  }
}

/** writeExport from a store already open (the CLI's, which read the period from it). */
export async function writeExportFrom(
  db: Db,
  job: Omit<ExportJob, 'dbFile'>,
  onProgress?: WorkbookProgress,
): Promise<ExportFiles> {
  const data = exportDataOf(db, job.roster, job.schedule, job.period)
  if (!hasExportData(data)) return { files: [], bytes: [] }
  await mkdir(job.dir, { recursive: true })
  return await writeParts(data, job, true, onProgress)
}
