import { once } from 'node:events'
import { startCore } from '../core/core.js'
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
  const core = startCore({
    env: io.env,
    ...(options.db ? { db: options.db } : {}),
    ...(options.roster ? { roster: options.roster } : {}),
  })
  const reload = () => void core.runtime.reloadRoster()
  process.on('SIGHUP', reload)
  try {
    await core.ready
    io.stderr.write('redband core 已启动，等待各网关的消息（Ctrl+C 停止）\n')
    await Promise.race([once(process, 'SIGINT'), once(process, 'SIGTERM')])
    return 0
  } finally {
    process.off('SIGHUP', reload)
    await core.close()
  }
}
