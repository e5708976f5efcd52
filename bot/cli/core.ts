import { once } from 'node:events'
import { existsSync, readFileSync } from 'node:fs'
import { parseEnv } from 'node:util'
import { readConfig } from '../../src/config/read-config.js'
import { startCore } from '../core/core.js'
import { createLogger } from '../logger.js'
import { handleStrayErrors } from '../startup/stray-errors.js'
import type { CliIo } from './io.js'

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
  const log = createLogger(readConfig(env).logLevel)
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
    await core.close()
  }
}
