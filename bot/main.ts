import { existsSync } from 'node:fs'
import QRCode from 'qrcode'
import { ScanStatus, WechatyBuilder } from 'wechaty'
import { readConfig } from '../src/config/read-config.js'
import { createLogger } from './logger.js'
import { Redband } from './plugin.js'

// `npm start`: a bot on the puppet named by WECHATY_PUPPET (Wechaty reads it, and its token, from the environment).
if (existsSync('.env')) process.loadEnvFile('.env')
const config = readConfig()
const log = createLogger(config.logLevel)

const redband = Redband({
  roster: config.rosterFile,
  db: config.dbFile,
  evidenceDir: config.evidenceDir,
  templatesDir: config.templatesDir,
  logger: log,
  schedule: config.schedule,
  redisUrl: config.redisUrl,
  outbox: config.outbox,
  admins: config.admins,
  commandsPerMinute: config.commandsPerMinute,
  charts: config.charts,
})
const bot = WechatyBuilder.build({ name: 'redband' })
bot.use(redband)
bot.on('scan', async (qrcode, status) => {
  if (status !== ScanStatus.Waiting && status !== ScanStatus.Timeout) return
  console.log(await QRCode.toString(qrcode, { type: 'terminal', small: true }))
  console.log('用微信扫描上面的二维码登录 (scan with the bot account’s WeChat)')
})
bot.on('login', (user) => log.info({ user: user.name() }, 'logged in'))
bot.on('logout', (user) => log.warn({ user: user.name() }, 'logged out'))
bot.on('error', (error) => log.error({ err: error }, 'wechaty error'))

/**
 * SIGINT/SIGTERM: stop taking messages, let the send in hand finish (the rest stay pending in
 * the store for the next start), close the queues, Redis and SQLite, and stop the puppet without
 * logging out, so the next start may need no new scan.
 */
let stopping = false
async function shutdown(signal: string): Promise<void> {
  if (stopping) return
  stopping = true
  log.info({ signal }, 'shutting down')
  const deadline = setTimeout(() => {
    log.error('shutdown took over 20 s; exiting anyway (pending sends stay in the store)')
    process.exit(1)
  }, 20_000)
  deadline.unref()
  try {
    await redband.close()
    await bot.stop()
    log.info('stopped cleanly')
  } catch (error) {
    log.error({ err: error }, 'error while shutting down')
    process.exitCode = 1
  }
}
process.once('SIGINT', () => void shutdown('SIGINT'))
process.once('SIGTERM', () => void shutdown('SIGTERM'))

await bot.start()
