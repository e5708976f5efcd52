import { once } from 'node:events'
import { existsSync, readFileSync } from 'node:fs'
import { setTimeout as sleep } from 'node:timers/promises'
import { parseEnv } from 'node:util'
import { checkRedis, RedisUnreachableError } from '../../jobs/queue/check-redis.js'
import { readConfig } from '../../src/config/read-config.js'
import { startCore } from '../core/core.js'
import { createLogger } from '../logger.js'
import { StartupError } from '../startup/startup-error.js'
import { handleStrayErrors } from '../startup/stray-errors.js'
import type { CliIo } from './io.js'

/** How long a stopping core waits for its queues and store to close. */
const closeWithinMs = 20_000

/**
 * `core [--db FILE] [--roster FILE]`: the bot's core for a deployment with gateways (one per
 * WeChat account, `redband gateway`): the store, the schedule, the outbox and the page, over
 * the Redis of REDIS_URL. Runs until SIGINT or SIGTERM; SIGHUP reads the roster again.
 */
export async function coreCommand(
  options: { db?: string; roster?: string },
  io: CliIo,
): Promise<number> {
  // As `npm start` and `redband gateway` do: the folder's .env fills what the environment leaves unset.
  const env = existsSync('.env') ? { ...parseEnv(readFileSync('.env', 'utf8')), ...io.env } : io.env
  const config = readConfig(env)
  // As `npm start` does: a Redis that is not there at start is said at once, with nothing to close.
  if (config.redisUrl)
    await checkRedis(config.redisUrl).catch((error: unknown) => {
      if (!(error instanceof RedisUnreachableError)) throw error
      // The embedded queue is no way out here: the gateways reach the core only through Redis.
      throw new StartupError(
        `Redis at ${error.url} is unreachable (${error.reason}); start it: the core and its gateways talk only through Redis`,
      )
    })
  const log = createLogger(config.logLevel)
  // An uncaught exception stops the core (its state is unknown); a stray rejection is logged.
  let fatal: (error: unknown) => void = () => {}
  const failed = new Promise<number>((resolve) => {
    fatal = (error) => {
      log.fatal({ err: error }, 'redband core stops: an error nothing handled')
      resolve(1)
    }
  })
  handleStrayErrors(log, { onFatal: (error) => fatal(error), onLoginFailed: () => {} })
  const core = startCore({
    env,
    logger: log,
    ...(options.db ? { db: options.db } : {}),
    ...(options.roster ? { roster: options.roster } : {}),
  })
  const reload = () => void core.runtime.reloadRoster()
  process.on('SIGHUP', reload)
  try {
    await core.ready
    io.stderr.write('redband core 已启动，等待各网关的消息（Ctrl+C 停止）\n')
    return await Promise.race([
      once(process, 'SIGINT').then(() => 0),
      once(process, 'SIGTERM').then(() => 0),
      failed,
    ])
  } finally {
    process.off('SIGHUP', reload)
    // Closing waits for Redis; one lost meanwhile must not keep a stopping core alive.
    const closed = await Promise.race([
      core.close().then(() => true),
      sleep(closeWithinMs).then(() => false),
    ])
    if (!closed) log.error('the core did not close within 20 s; exiting anyway')
  }
}
