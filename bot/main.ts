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

await bot.start()
