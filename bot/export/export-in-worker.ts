import { Worker } from 'node:worker_threads'
import type { Day } from '../../src/time/zoned.js'
import { ExportTooLargeError, type WorkbookProgress } from '../../templates/export/workbook.js'
import type { ExportFiles, ExportJob } from './write-export.js'

/** What the worker answers a job: its files, the day too large, or another error's words. */
export type WorkerAnswer =
  | { written: ExportFiles }
  | { tooLarge: { bytes: number; maxBytes: number; day: Day } }
  | { failed: { message: string; stack?: string } }

/** What the worker posts: progress as the workbook is written, then its answer. */
export type WorkerMessage = WorkerAnswer | { progress: { written: number; total: number } }

const here = import.meta.url
/** Run from TypeScript (tsx in development, vitest), or from a JavaScript build. */
const fromSource = here.endsWith('.ts')
const entry = new URL(`./export-worker.${fromSource ? 'ts' : 'js'}`, here)

/**
 * How long an idle worker is kept: a second export soon after the first (a week, then the whole
 * period) skips loading the workbook writer again; then its memory goes back.
 */
const idleWorkerMs = 60_000

/**
 * A small young generation: the export makes short-lived rows by the hundred thousand, and V8's
 * default lets tens of MB of them wait for collection; this keeps the process some 25 MB
 * lower for some 10% more time (npm run bench).
 */
const resourceLimits = { maxYoungGenerationSizeMb: 6 }

/**
 * A worker thread on the entry. From source, the thread first registers tsx's loader: a
 * worker does not inherit the `--import tsx` hooks of its parent for its own entry (Node 20).
 */
function startWorker(): Worker {
  if (!fromSource) return new Worker(entry, { resourceLimits })
  const tsx = JSON.stringify(import.meta.resolve('tsx/esm/api'))
  const boot = `import(${tsx}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry.href)}) })`
  return new Worker(boot, { eval: true, resourceLimits })
}

function settle(answer: WorkerAnswer): ExportFiles {
  if ('written' in answer) return answer.written
  if ('tooLarge' in answer) {
    const { bytes, maxBytes, day } = answer.tooLarge
    throw new ExportTooLargeError(bytes, maxBytes, day)
  }
  throw Object.assign(new Error(answer.failed.message), { stack: answer.failed.stack })
}

let worker: Worker | undefined
let idleTimer: NodeJS.Timeout | undefined
/** Exports run one after another: two at once would double the memory for no gain in time. */
let queue: Promise<unknown> = Promise.resolve()

function runOnWorker(job: ExportJob, onProgress?: WorkbookProgress): Promise<ExportFiles> {
  clearTimeout(idleTimer)
  const current = worker ?? startWorker()
  worker = current
  // Referenced while it works (a CLI waits for it), not while it idles.
  current.ref()
  return new Promise<WorkerAnswer>((resolve, reject) => {
    const onExit = (code: number) => {
      if (worker === current) worker = undefined
      reject(new Error(`the export worker stopped (exit code ${code})`))
    }
    const onMessage = (message: WorkerMessage) => {
      if ('progress' in message) {
        onProgress?.(message.progress.written, message.progress.total)
        return
      }
      current.off('error', reject)
      current.off('exit', onExit)
      current.off('message', onMessage)
      resolve(message)
    }
    current.once('error', reject)
    current.once('exit', onExit)
    current.on('message', onMessage)
    current.postMessage(job)
  })
    .then(settle)
    .finally(() => {
      if (worker !== current) return
      current.unref()
      idleTimer = setTimeout(() => {
        if (worker === current) worker = undefined
        void current.terminate()
      }, idleWorkerMs)
      idleTimer.unref()
    })
}

/**
 * Writes an export (writeExport) in a worker thread, so the bot's event loop goes on answering
 * meanwhile: the store is read and the workbook streamed to its files there. Throws
 * ExportTooLargeError when a single day does not fit in `maxBytes`. `onProgress` is told how
 * far the workbook is as the worker writes it.
 * @example const { files } = await exportInWorker({ dbFile, roster, schedule, period, dir, maxBytes })
 */
export function exportInWorker(
  job: ExportJob,
  onProgress?: WorkbookProgress,
): Promise<ExportFiles> {
  const result = queue.then(() => runOnWorker(job, onProgress))
  queue = result.catch(() => undefined)
  return result
}
