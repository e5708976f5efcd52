// The worker thread of exports (exportInWorker): the workbook's progress as it is written, then
// each job's files, the day too large to send, or an error's words go back as messages (an
// Error loses its fields on the way).
import { parentPort } from 'node:worker_threads'
import { ExportTooLargeError } from '../../templates/export/workbook.js'
import { writeExport, type ExportJob } from './write-export.js'
import type { WorkerAnswer, WorkerMessage } from './export-in-worker.js'

async function answer(job: ExportJob): Promise<WorkerAnswer> {
  try {
    return {
      written: await writeExport(job, (written, total) =>
        parentPort!.postMessage({ progress: { written, total } } satisfies WorkerMessage),
      ),
    }
  } catch (error) {
    if (error instanceof ExportTooLargeError)
      return { tooLarge: { bytes: error.bytes, maxBytes: error.maxBytes, day: error.day } }
    const { message, stack } = error instanceof Error ? error : new Error(String(error))
    return { failed: { message, stack } }
  }
}

parentPort!.on('message', (job: ExportJob) => {
  void answer(job).then((reply) => parentPort!.postMessage(reply))
})
