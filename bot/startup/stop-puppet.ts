import { setTimeout as sleep } from 'node:timers/promises'
import type { Wechaty } from 'wechaty'
import type { Logger } from '../../src/logger.js'

/**
 * Stops the puppet without logging out (the next start may need no new scan), waiting at most
 * 10 s: a puppet still connecting can take long to stop, and nothing of ours waits on it.
 */
export async function stopPuppet(bot: Wechaty, log: Logger | undefined): Promise<void> {
  const stopped = await Promise.race([
    bot.stop().then(() => true),
    sleep(10_000, false, { ref: false }),
  ])
  if (stopped) log?.info('stopped cleanly')
  else log?.warn('the WeChat puppet did not stop within 10 s; exiting anyway')
}
