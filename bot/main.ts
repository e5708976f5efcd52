import { existsSync } from 'node:fs'
import type { Wechaty } from 'wechaty'
import { checkRedis } from '../jobs/queue/check-redis.js'
import type { Logger } from '../src/logger.js'
import { createLogger } from './logger.js'
import type { RedbandPlugin } from './plugin.js'
import { fatalText } from './startup/fatal-text.js'
import { watchLogin, type LoginWatch } from './startup/login.js'
import { readStartSettings } from './startup/read-start-settings.js'
import { stopPuppet } from './startup/stop-puppet.js'
import { handleStrayErrors } from './startup/stray-errors.js'

// `npm start`: a bot on the puppet named by WECHATY_PUPPET (Wechaty reads it, and its token, from the environment).
if (existsSync('.env')) process.loadEnvFile('.env')

/** What has been started so far, for shutting down from any point of start-up. */
const running: {
  log?: Logger
  redband?: RedbandPlugin
  bot?: Wechaty
  login?: LoginWatch
  wasLoggedIn: boolean
} = { wasLoggedIn: false }

let stopping = false
/**
 * Stop taking messages, let the send in hand finish (the rest stay pending in the store for the
 * next start), close the queues, Redis and SQLite, and stop the puppet without logging out, so
 * the next start may need no new scan. Then exit: a puppet's stray timer must not keep a
 * stopped bot alive.
 */
async function shutdown(code: number, why: string): Promise<void> {
  if (stopping) return
  stopping = true
  const { log, redband, bot, login } = running
  login?.close()
  if (redband || bot) {
    log?.info({ why }, 'shutting down')
    setTimeout(() => {
      log?.error('shutdown took over 20 s; exiting anyway (pending sends stay in the store)')
      process.exit(1)
    }, 20_000).unref()
    try {
      await redband?.close()
      // Loaded with the rest at start: under tsx a module loaded while shutting down needs its
      // compiler, which a Ctrl-C (sent to the whole process group) has stopped as well.
      if (bot) await stopPuppet(bot, log)
      else log?.info('stopped cleanly')
    } catch (error) {
      log?.error({ err: error }, 'error while shutting down')
      code ||= 1
    }
  }
  process.exit(code)
}

/** A known problem in its own words, anything else with its stack; then stop, exit code 1. */
function fail(error: unknown): void {
  if (stopping) return
  process.stderr.write(`${fatalText(error, running.wasLoggedIn)}\n`)
  void shutdown(1, 'fatal error')
}

process.once('SIGINT', () => void shutdown(0, 'SIGINT'))
process.once('SIGTERM', () => void shutdown(0, 'SIGTERM'))

try {
  const { config, login: loginSettings, wechatyLogLevel } = readStartSettings()
  const log = createLogger(config.logLevel)
  running.log = log
  const strayErrors = handleStrayErrors(log, {
    onFatal: fail,
    onLoginFailed: (reason) => running.login?.failed(reason),
  })
  // Once running, the queues wait for a lost Redis; at start, one that is not there is an error.
  if (config.redisUrl) await checkRedis(config.redisUrl)
  // Wechaty and the plugin take seconds to load: a bad setting has been told before that.
  // wechaty-token logs through brolog's shared instance, which reads its level once, on load.
  process.env.BROLOG_LEVEL ??= wechatyLogLevel
  const { WechatyBuilder } = await import('wechaty')
  const { showLoginQr } = await import('./startup/show-qr.js')
  const { Redband } = await import('./plugin.js')
  const { routeWechatyLog } = await import('./startup/route-wechaty-log.js')
  const { prepareFolders } = await import('./startup/prepare-folders.js')
  routeWechatyLog(log, wechatyLogLevel)
  prepareFolders(config.evidenceDir)
  // The plugin reads the same REDBAND_* settings itself, as it does in any host.
  const redband = Redband({ logger: log })
  // Its jobs failing to start (Redis gone since the check) leaves a bot that answers nobody.
  redband.ready().catch(fail)

  const bot = WechatyBuilder.build({ name: 'redband' })
  running.redband = redband
  // `kill -HUP`: read the roster file again; the plugin logs what changed, or why it kept the old.
  process.on('SIGHUP', () => {
    try {
      redband.reloadRoster()
    } catch (error) {
      log.error({ err: error }, 'could not reload the roster')
    }
  })
  bot.use(redband)
  const login = watchLogin(bot, { ...loginSettings, log, onGiveUp: fail })
  running.login = login
  bot.on('puppet', () => strayErrors.reclaim())
  showLoginQr(bot)
  bot.on('login', (user) => {
    running.wasLoggedIn = true
    log.info({ user: user.name() }, 'logged in')
  })
  bot.on('logout', (user) => log.warn({ user: user.name() }, 'logged out'))
  running.bot = bot
  await login.start()
} catch (error) {
  fail(error)
}
