import type { Logger } from '../../src/logger.js'

/**
 * wechat4u's puppet restarts wechat4u from its own logout handler, which also runs when the
 * puppet is stopped, after the instance is gone: an unawaited TypeError on every stop, so at
 * every login retry. Harmless, and known.
 */
function isWechat4uStopNoise(reason: unknown): boolean {
  return (
    reason instanceof TypeError &&
    reason.message.includes("reading 'start'") &&
    (reason.stack ?? '').includes('wechaty-puppet-wechat4u')
  )
}

/**
 * wechaty-puppet-service finds its server through wechaty-token, which throws (an unawaited
 * TypeError, every few seconds) where it means to report that the token's server was not found.
 */
function isTokenNotFound(reason: unknown): boolean {
  return reason instanceof TypeError && (reason.stack ?? '').includes('reportResolutionError')
}

export interface StrayErrorHandlers {
  /** An uncaught exception: the process is in an unknown state and should stop. */
  onFatal(error: unknown): void
  /** A puppet failed to log in in a way it could not report (see isTokenNotFound). */
  onLoginFailed(reason: string): void
}

export interface StrayErrors {
  /**
   * Removes the uncaught-exception handlers added since (wechat4u adds one that prints every
   * uncaught exception with console.log and carries on as if nothing happened). Call it once
   * the puppet is loaded.
   */
  reclaim(): void
}

/**
 * The process's last resort: an uncaught exception is fatal; an unhandled rejection is logged
 * with its stack and the bot carries on (its messages are in the store either way), save the
 * puppets' known ones: wechat4u's noise when it stops, wechaty-token's way of saying a token
 * has no server.
 */
export function handleStrayErrors(log: Logger, handlers: StrayErrorHandlers): StrayErrors {
  const before = new Set(process.listeners('uncaughtException'))
  const onUncaught = (error: Error) => handlers.onFatal(error)
  process.on('uncaughtException', onUncaught)
  process.on('unhandledRejection', (reason: unknown) => {
    if (isWechat4uStopNoise(reason)) {
      log.debug({ err: reason }, 'wechat4u stopped (its logout handler found no instance)')
    } else if (isTokenNotFound(reason)) {
      log.debug({ err: reason }, 'wechaty-token found no server for the token')
      handlers.onLoginFailed(
        'no puppet service found for WECHATY_PUPPET_SERVICE_TOKEN (an unknown token, or the ' +
          'discovery service out of reach)',
      )
    } else {
      log.error(
        { err: reason },
        'unhandled promise rejection (a bug: please report it with this stack)',
      )
    }
  })
  return {
    reclaim() {
      for (const listener of process.listeners('uncaughtException')) {
        if (listener !== onUncaught && !before.has(listener)) {
          process.off('uncaughtException', listener)
        }
      }
    },
  }
}
