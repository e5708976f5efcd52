import type { Logger } from '../src/logger.js'

/**
 * The live bot's busy timeout: a write that finds the store locked (by `redband ingest`, a
 * backup, a second process) gives up after this long instead of freezing the event loop, and is
 * retried on a timer (retryBusy).
 */
export const liveBusyTimeoutMs = 5

/** Whether SQLite refused because another connection holds the lock (SQLITE_BUSY and its extended codes). */
export function isBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code
  return typeof code === 'string' && code.startsWith('SQLITE_BUSY')
}

export interface RetryBusyOptions {
  log: Logger
  /** What is being done, for the log. */
  what: string
  /** Tries in all, the first included. Default 6. */
  tries?: number
  /** Wait before the first retry; doubles each time, with jitter. Default 10 ms. */
  baseMs?: number
  /** Longest wait between two tries. Default 500 ms. */
  maxMs?: number
}

/**
 * Runs `fn` (synchronous better-sqlite3 work, or async work made of it) and, while SQLite says
 * the store is locked, runs it again after a timer: the event loop stays free between tries.
 * Any other error is thrown at once; after the last try the busy error is thrown.
 * @example const stored = await retryBusy(() => storeMessage(db, inbound, now), { log, what: 'store' })
 */
export async function retryBusy<T>(
  fn: () => T | Promise<T>,
  options: RetryBusyOptions,
): Promise<T> {
  const tries = options.tries ?? 6
  const baseMs = options.baseMs ?? 10
  const maxMs = options.maxMs ?? 500
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn()
    } catch (error) {
      if (!isBusy(error) || attempt >= tries) throw error
      // Jitter, so two waiting writers do not come back at the same instant.
      const waitMs = Math.min(maxMs, baseMs * 2 ** (attempt - 1)) * (0.5 + Math.random())
      options.log.debug({ what: options.what, attempt, waitMs }, 'store locked; trying again')
      await new Promise((resolve) => setTimeout(resolve, waitMs))
    }
  }
}
