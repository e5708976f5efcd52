import type { Logger } from '../../src/logger.js'
import type { QueueJob } from './queue.js'

type FailedListener<T> = (job: QueueJob<T>, error: Error) => void

/**
 * Who hears of a job that failed for good: one log line with its id, name and error, then the
 * onFailed listeners (one that throws is logged and the others still hear). Both queues use it.
 */
export function failedJobs<T>(log: Logger) {
  const listeners: FailedListener<T>[] = []
  return {
    listen(listener: FailedListener<T>): void {
      listeners.push(listener)
    },
    report(job: QueueJob<T>, error: Error): void {
      log.error(
        { jobId: job.id, jobName: job.name, attempt: job.attempt, err: error },
        'job failed for good',
      )
      for (const listener of listeners) {
        try {
          listener(job, error)
        } catch (listenerError) {
          log.error({ err: listenerError, jobId: job.id }, 'onFailed listener threw')
        }
      }
    },
  }
}
