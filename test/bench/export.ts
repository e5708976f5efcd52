import { execFile } from 'node:child_process'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { closeDb, openDb } from '../../db/client.js'
import { addDays } from '../../src/time/zoned.js'
import { tempDir } from '../helpers/temp.js'
import { largeRoster, writeHistory } from './large-day.js'

/**
 * The export's figures: times of each run (the first starts the worker), the process's peak
 * memory and its memory before, and the longest stall of its event loop in each run and idle.
 */
export interface ExportBench {
  times: number[]
  files: number
  peakMb: number
  startMb: number
  blocks: number[]
  idleBlock: number
}

/** 300 leaf units, as export-run.ts builds its roster. */
export const exportBenchRoster = () => largeRoster(3, 10, 10)

/**
 * A 300-unit × 30-day export, three times in a process of its own (export-run.ts) so that its
 * peak memory is the export's and not the other figures'.
 */
export async function exportBench(): Promise<ExportBench> {
  const dir = tempDir('redband-bench-')
  const dbFile = join(dir, 'export.db')
  const last = '2026-10-30'
  const first = addDays(last, -29)
  const db = openDb(dbFile)
  writeHistory(db, exportBenchRoster(), first, last)
  closeDb(db)
  const runner = fileURLToPath(new URL('./export-run.ts', import.meta.url))
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--import', 'tsx', runner, dbFile, join(dir, 'exports'), first, last],
    { timeout: 120_000 },
  )
  return JSON.parse(stdout) as ExportBench
}
