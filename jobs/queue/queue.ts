/**
 * One small queue interface with two implementations: BullMQ on Redis (several processes
 * share the work) and an embedded runner on SQLite (one process, nothing to install).
 * Both are at-least-once: a handler may see a job again after a crash, so handlers are
 * idempotent by the job's deterministic id.
 */

export interface QueueJob<T> {
  /**
   * Deterministic id given at add time: not empty, no ':' in it and not a bare integer
   * (BullMQ reserves both); see assertJobId.
   */
  id: string
  /** What kind of work, for logs and routing. */
  name: string
  data: T
  /** 1 on the first try. */
  attempt: number
}

export interface AddOptions {
  /** Run no earlier than this many ms from now. */
  delayMs?: number
  /** Tries in all, first included. Default 1. */
  attempts?: number
  /** Backoff before retry n is backoffMs × 2^(n-1). Default 1000. */
  backoffMs?: number
}

export interface NewJob<T> {
  id: string
  name: string
  data: T
  options?: AddOptions
}

export interface ProcessOptions {
  /** Minimum gap between the starts of two jobs, across every process sharing the queue. */
  minGapMs?: number
  /** A random extra wait of up to this many ms after each job, so sends do not look machine-timed. */
  jitterMs?: number
}

export interface QueueCounts {
  waiting: number
  active: number
  delayed: number
  failed: number
}

export type JobHandler<T> = (job: QueueJob<T>) => Promise<void>

export interface JobQueue<T> {
  readonly name: string
  /** Adds a job. Resolves false when a job with this id is already known (waiting, running or done). */
  add(job: NewJob<T>): Promise<boolean>
  /** Adds many jobs in one round trip; resolves to how many were new. */
  addBulk(jobs: NewJob<T>[]): Promise<number>
  /**
   * Starts processing, one job at a time in this process. A handler that throws is retried with
   * backoff until its attempts run out (PermanentJobError: at once), then reported to onFailed.
   */
  process(handler: JobHandler<T>, options?: ProcessOptions): void
  /**
   * Lets this process run up to `turns` jobs at once (default 1): the core, whose sends wait on
   * several WeChat accounts, runs one per account. Only BullMQ can; the embedded runner refuses.
   */
  setConcurrency(turns: number): void
  /** Stops taking new jobs; resolves once the job in hand (if any) has finished. */
  pause(): Promise<void>
  resume(): void
  counts(): Promise<QueueCounts>
  /** Called when a job has failed for good. */
  onFailed(listener: (job: QueueJob<T>, error: Error) => void): void
  /**
   * Called with false when the queue loses its backend (Redis), true when it is back. The
   * embedded queue lives in the store and never calls it.
   */
  onConnection(listener: (connected: boolean) => void): void
  /** Stops processing (the job in hand finishes or is handed back) and releases connections. */
  close(): Promise<void>
}

/** A failure no retry can mend: the job fails at once. */
export class PermanentJobError extends Error {
  override name = 'PermanentJobError'
}

/**
 * Throws on an id BullMQ would refuse (both queues check it, so a bad id fails the same way
 * whichever queue carries the work).
 * @example assertJobId('brief-2026-10-12-r1') // ok; 'a:b' and '42' throw
 */
export function assertJobId(id: string): void {
  if (id === '' || id.includes(':') || `${parseInt(id, 10)}` === id) {
    throw new Error(`job id ${JSON.stringify(id)} must not be empty, hold ':' or be an integer`)
  }
}
