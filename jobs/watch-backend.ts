import type { Logger } from '../src/logger.js'
import type { JobQueue } from './queue/queue.js'

export interface WatchBackendOptions {
  queue: JobQueue<unknown>
  log: Logger
  now: () => number
  /** A loss shorter than this (a Redis restart, a blip) is not worth telling anyone. */
  tellAfterMs: number
  /** The backend has been away `tellAfterMs`: tell the people who must know. */
  onLost: (lostAt: number) => Promise<void>
  /** It is back after onLost was called. */
  onBack: (lostAt: number) => Promise<void>
}

/**
 * Watches the queue's backend (Redis): a loss that lasts is logged at error and told once
 * (onLost), and its end too (onBack). Messages keep being stored meanwhile, and the outbox
 * sends what waited once the queue is back. Returns the stopper.
 */
export function watchBackend(options: WatchBackendOptions): () => void {
  const { log } = options
  let lostAt: number | undefined
  let told = false
  let timer: ReturnType<typeof setTimeout> | undefined
  let stopped = false
  const safely = (what: string, work: () => Promise<void>) =>
    void work().catch((error: unknown) => log.error({ err: error }, what))
  options.queue.onConnection((connected) => {
    if (stopped) return
    if (!connected) {
      lostAt ??= options.now()
      log.warn('lost the connection to Redis: messages are still stored; sends wait for it')
      clearTimeout(timer)
      timer = setTimeout(() => {
        told = true
        log.error(
          { downMs: options.now() - lostAt! },
          'Redis is still away: the command rooms are told; replies and bulletins wait for it',
        )
        safely('could not tell the command rooms that Redis is away', () => options.onLost(lostAt!))
      }, options.tellAfterMs)
      timer.unref?.()
      return
    }
    clearTimeout(timer)
    if (lostAt === undefined) return
    const since = lostAt
    lostAt = undefined
    log.info({ downMs: options.now() - since }, 'Redis is back: what waited is being sent')
    if (told)
      safely('could not tell the command rooms that Redis is back', () => options.onBack(since))
    told = false
  })
  return () => {
    stopped = true
    clearTimeout(timer)
  }
}
