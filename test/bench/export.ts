import { execFile } from 'node:child_process'
import { rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { closeDb, openDb } from '../../db/client.js'
import { addDays } from '../../src/time/zoned.js'
import { tempDir } from '../helpers/temp.js'
import { cliExportPeakMb } from './cli.js'
import { largeRoster, largeRosterYaml, writeHistory } from './large-day.js'

/**
 * The export's figures: times of each run (the first starts the worker), the process's peak
 * memory and its memory before, and the longest stall of its event loop in each run and idle.
 */
export interface ExportBench {
  times: number[]
  files: number
  /** The built CLI's peak memory exporting the same (a process that only exports). */
  cliPeakMb: number
  /** What the exports added to the memory of a process like the bot's. */
  addedMb: number
  blocks: number[]
  idleBlock: number
}

/** 300 leaf units, as export-run.ts builds its roster. */
const exportBenchSize = [3, 10, 10] as const
export const exportBenchRoster = () => largeRoster(...exportBenchSize)

/**
 * A 300-unit × 30-day export: three times in the worker of a process like the bot's
 * (export-run.ts: times, event-loop stalls, memory added), then by the built CLI (its peak memory).
 */
export async function exportBench(): Promise<ExportBench> {
  const dir = tempDir('redband-bench-')
  const dbFile = join(dir, 'export.db')
  const last = '2026-10-30'
  const first = addDays(last, -29)
  const db = openDb(dbFile)
  writeHistory(db, exportBenchRoster(), first, last)
  closeDb(db)
  const rosterFile = join(dir, 'roster.yaml')
  writeFileSync(rosterFile, largeRosterYaml(...exportBenchSize))
  const runner = fileURLToPath(new URL('./export-run.ts', import.meta.url))
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--import', 'tsx', runner, dbFile, join(dir, 'exports'), first, last],
    { timeout: 120_000 },
  )
  const inBot = JSON.parse(stdout) as Omit<ExportBench, 'cliPeakMb' | 'addedMb'> & {
    peakMb: number
    startMb: number
  }
  const cliPeakMb = await cliExportPeakMb({
    db: dbFile,
    roster: rosterFile,
    from: first,
    to: last,
    out: join(dir, 'cli', 'export.xlsx'),
  })
  rmSync(dir, { recursive: true, force: true })
  const { peakMb, startMb, ...figures } = inBot
  return { ...figures, cliPeakMb, addedMb: peakMb - startMb }
}
