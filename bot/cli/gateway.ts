import { existsSync } from 'node:fs'
import { heartbeatEveryMs, heartbeatLapseMs } from '../../jobs/accounts/protocol.js'
import { checkRedis, RedisUnreachableError } from '../../jobs/queue/check-redis.js'
import { createLogger } from '../logger.js'
import { fatalText } from '../startup/fatal-text.js'
import { readGatewayStartSettings } from '../startup/read-start-settings.js'
import { StartupError } from '../startup/startup-error.js'
import { handleStrayErrors } from '../startup/stray-errors.js'
import type { LoginWatch } from '../startup/login.js'
import type { CliIo } from './io.js'

export interface GatewayCommandOptions {
  /** Overrides REDBAND_ACCOUNT. */
  account?: string
}

/**
 * `redband gateway`: logs one WeChat account in (its puppet and token from WECHATY_PUPPET…, as
 * `npm start` reads them) and links it to the core over Redis, until SIGINT or SIGTERM. Every
 * account runs its own, with an env file of its own.
 */
export async function gatewayCommand(options: GatewayCommandOptions, io: CliIo): Promise<number> {
  if (existsSync('.env')) process.loadEnvFile('.env')
  const env = { ...io.env }
  if (options.account) env.REDBAND_ACCOUNT = options.account
  const { config, login: loginSettings, wechatyLogLevel } = readGatewayStartSettings(env)
  const log = createLogger(config.logLevel).child({ account: config.account })
  // A Redis that is not there at start is an error; once running, the link waits for it.
  await checkRedis(config.redisUrl).catch((error: unknown) => {
    if (!(error instanceof RedisUnreachableError)) throw error
    throw new StartupError(
      `Redis at ${error.url} is unreachable (${error.reason}); start it, or set REDIS_URL to ` +
        "the core's Redis: a gateway reaches the core only through it",
    )
  })

  let wasLoggedIn = false
  const running: { login?: LoginWatch } = {}
  let settle: (code: number) => void = () => {}
  const stopped = new Promise<number>((resolve) => (settle = resolve))
  const fail = (error: unknown) => {
    io.stderr.write(`${fatalText(error, wasLoggedIn)}\n`)
    settle(1)
  }
  const strayErrors = handleStrayErrors(log, {
    onFatal: fail,
    // A stray error may come before the login watch exists: nothing is logging in then.
    onLoginFailed: (reason) => running.login?.failed(reason),
  })
  process.once('SIGINT', () => settle(0))
  process.once('SIGTERM', () => settle(0))

  // wechaty-token logs through brolog's shared instance, which reads its level once, on load.
  process.env.BROLOG_LEVEL ??= wechatyLogLevel
  const { WechatyBuilder } = await import('wechaty')
  const { startGateway } = await import('../gateway/gateway.js')
  const { showLoginQr } = await import('../startup/show-qr.js')
  const { routeWechatyLog } = await import('../startup/route-wechaty-log.js')
  const { stopPuppet } = await import('../startup/stop-puppet.js')
  const { watchLogin } = await import('../startup/login.js')
  routeWechatyLog(log, wechatyLogLevel)
  // The name keeps each account's session (memory card) apart on a machine of several gateways.
  const bot = WechatyBuilder.build({ name: `redband-gateway-${config.account}` })
  const gateway = startGateway({
    bot,
    account: config.account,
    connection: config.redisUrl,
    prefix: config.queuePrefix,
    log,
    settings: {
      minGapMs: config.minGapMs,
      jitterMs: config.jitterMs,
      heartbeatEveryMs,
      heartbeatLapseMs,
      mediaLimitBytes: config.mediaLimitBytes,
    },
  })
  const login = watchLogin(bot, { ...loginSettings, log, onGiveUp: fail })
  running.login = login
  bot.on('puppet', () => strayErrors.reclaim())
  showLoginQr(bot)
  bot.on('login', (user) => {
    wasLoggedIn = true
    log.info({ user: user.name() }, 'logged in')
  })
  bot.on('logout', (user) => log.warn({ user: user.name() }, 'logged out'))
  login.start().catch(fail)

  let code = await stopped
  log.info('shutting down')
  const guard = setTimeout(() => {
    log.error('shutdown took over 20 s; exiting anyway (the core re-routes what was not sent)')
    process.exit(1)
  }, 20_000)
  login.close()
  try {
    await gateway.close()
    await stopPuppet(bot, log)
  } catch (error) {
    log.error({ err: error }, 'error while shutting down')
    code ||= 1
  }
  clearTimeout(guard)
  // A puppet's stray timer must not keep a stopped gateway alive.
  setTimeout(() => process.exit(code), 1000).unref()
  return code
}
