// A process that only exports (export.ts runs it): 300 leaf units × 30 days, written in the
// export's worker thread three times (the first starts the worker), with the process's peak
// memory and the longest stall of its event loop during each export, with the same figures
// before any export for comparison. Prints JSON.
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { exportInWorker } from '../../bot/export/export-in-worker.js'
import { defaultSchedule } from '../../src/schedule/schedule.js'
import { exportBenchRoster } from './export.js'

const [dbFile, dir, from, to] = process.argv.slice(2) as [string, string, string, string]
const roster = exportBenchRoster()
const loop = monitorEventLoopDelay({ resolution: 10 })
// The noise floor: the longest stall of this idle loop over two seconds, and memory before.
loop.enable()
await new Promise((resolve) => setTimeout(resolve, 2000))
loop.disable()
const idleBlock = loop.max / 1e6
const startMb = process.memoryUsage().rss / 2 ** 20
const times: number[] = []
const blocks: number[] = []
let files = 0
for (let run = 0; run < 3; run++) {
  loop.reset()
  loop.enable()
  const start = performance.now()
  const written = await exportInWorker({
    dbFile,
    roster,
    schedule: { ...defaultSchedule, event: {} },
    period: { from, to },
    dir,
    maxBytes: 25 * 1024 * 1024,
  })
  times.push(performance.now() - start)
  loop.disable()
  blocks.push(loop.max / 1e6)
  files = written.files.length
}
console.log(
  JSON.stringify({
    times,
    files,
    peakMb: process.resourceUsage().maxRSS / 1024,
    startMb,
    blocks,
    idleBlock,
  }),
)
