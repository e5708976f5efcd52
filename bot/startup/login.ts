import { ConfigError } from '../../src/config/read-config.js'
import type { Logger } from '../../src/logger.js'
import { firstLine, networkProblem } from './network-problem.js'
import { StartupError } from './startup-error.js'

export interface LoginSettings {
  /** Give up once logging in has failed this long (counted from the first failure). */
  giveUpAfterMs: number
  /** The wait before the second attempt; it doubles with each failure. */
  firstRetryMs: number
  /** The longest wait between two attempts. */
  maxRetryMs: number
  /** An attempt with no QR code, no login and no error this long has failed too (a silent hang). */
  attemptTimeoutMs: number
}

export const defaultLoginSettings: LoginSettings = {
  giveUpAfterMs: 15 * 60_000,
  firstRetryMs: 5_000,
  maxRetryMs: 2 * 60_000,
  attemptTimeoutMs: 2 * 60_000,
}

/**
 * REDBAND_LOGIN_GIVE_UP_MIN (minutes, a fraction allowed) over the defaults.
 * @example readLoginSettings({ REDBAND_LOGIN_GIVE_UP_MIN: '30' }).giveUpAfterMs // 1_800_000
 */
export function readLoginSettings(
  env: Record<string, string | undefined> = process.env,
): LoginSettings {
  const raw = env.REDBAND_LOGIN_GIVE_UP_MIN
  if (raw === undefined || raw.trim() === '') return defaultLoginSettings
  const minutes = Number(raw)
  if (!Number.isFinite(minutes) || minutes <= 0) {
    throw new ConfigError([
      `REDBAND_LOGIN_GIVE_UP_MIN: "${raw}" is not a number of minutes above 0; write e.g. 15`,
    ])
  }
  return { ...defaultLoginSettings, giveUpAfterMs: minutes * 60_000 }
}

/** What the watch needs of the bot: Wechaty satisfies it; tests pass an event emitter. */
export interface PuppetHost {
  start(): Promise<void>
  /** The only way to end a puppet's own tight retry loop. */
  stop(): Promise<void>
  on(event: 'scan' | 'login' | 'logout', listener: () => void): unknown
  on(event: 'error', listener: (error: Error) => void): unknown
}

export interface LoginWatchOptions extends Partial<LoginSettings> {
  log: Logger
  /** Logging in failed for good; the host should stop. */
  onGiveUp: (error: StartupError) => void
}

export interface LoginWatch {
  /** Starts the bot; resolves once its start() has settled (logged in or not). */
  start(): Promise<void>
  /**
   * The attempt failed for a reason the puppet could not report as an error event (a library
   * that throws where nobody catches); ignored when not logging in.
   */
  failed(reason: string): void
  /** Stops watching and cancels a pending retry (shutting down). */
  close(): void
}

type State = 'idle' | 'trying' | 'scanning' | 'online' | 'waiting' | 'closed'

/** Other errors in one attempt, with no QR code between them, that count as a failed attempt. */
const ODD_ERRORS_PER_ATTEMPT = 3
/** The same puppet error is logged once a minute at most. */
const REPEAT_LOG_MS = 60_000

/**
 * Watches a puppet log in. A puppet that cannot reach WeChat (no network, a proxy or firewall,
 * a refused token) gets one log line per attempt, is stopped (wechat4u otherwise retries in a
 * tight loop, hundreds of errors a minute), and is started again after a doubling wait; once
 * logging in has failed for `giveUpAfterMs`, onGiveUp says what to check. A QR code waiting to
 * be scanned is progress, not failure; so is being logged in, when network trouble is the
 * puppet's to ride out and is logged once a minute.
 * @example
 * const login = watchLogin(bot, { log, onGiveUp: (error) => exit(error.message) })
 * await login.start() // instead of bot.start()
 */
export function watchLogin(bot: PuppetHost, options: LoginWatchOptions): LoginWatch {
  const log = options.log
  const giveUpAfterMs = options.giveUpAfterMs ?? defaultLoginSettings.giveUpAfterMs
  const firstRetryMs = options.firstRetryMs ?? defaultLoginSettings.firstRetryMs
  const maxRetryMs = options.maxRetryMs ?? defaultLoginSettings.maxRetryMs
  const attemptTimeoutMs = options.attemptTimeoutMs ?? defaultLoginSettings.attemptTimeoutMs
  let state: State = 'idle'
  let failingSince: number | undefined
  let failures = 0
  let lastReason = ''
  let oddErrors = 0
  let retryTimer: ReturnType<typeof setTimeout> | undefined
  let silenceTimer: ReturnType<typeof setTimeout> | undefined
  const loggedAt = new Map<string, number>()

  /** Logs a line unless the same one went out less than a minute ago (then at debug). */
  function logRepeated(level: 'warn' | 'error', key: string, fields: object, msg: string): void {
    const now = Date.now()
    if (now - (loggedAt.get(key) ?? -Infinity) < REPEAT_LOG_MS) {
      log.debug(fields, `${msg} (repeated)`)
      return
    }
    if (loggedAt.size > 100) loggedAt.clear()
    loggedAt.set(key, now)
    log[level](fields, msg)
  }

  function progress(next: State): void {
    clearTimeout(silenceTimer)
    state = next
    failingSince = undefined
    failures = 0
    oddErrors = 0
  }

  async function attempt(): Promise<void> {
    state = 'trying'
    oddErrors = 0
    silenceTimer = setTimeout(() => {
      if (state === 'trying') fail(`no QR code and no login within ${span(attemptTimeoutMs)}`)
    }, attemptTimeoutMs)
    try {
      await bot.start()
    } catch (error) {
      if (state !== 'trying' && state !== 'scanning') return
      const reason = networkProblem(error)
      if (reason) fail(reason)
      else giveUp(`the WeChat puppet could not start: ${firstLine(error)}`)
    }
  }

  function fail(reason: string): void {
    clearTimeout(silenceTimer)
    const now = Date.now()
    failingSince ??= now
    failures++
    lastReason = reason
    if (now - failingSince >= giveUpAfterMs) {
      giveUp(
        `could not log in to WeChat for ${span(giveUpAfterMs)} (${failures} attempts; the last: ` +
          `${reason}). Check this machine's network, proxy and firewall, or the puppet's token, ` +
          'then start again; REDBAND_LOGIN_GIVE_UP_MIN sets how long to keep trying',
      )
      return
    }
    const waitMs = Math.min(
      firstRetryMs * 2 ** (failures - 1),
      maxRetryMs,
      failingSince + giveUpAfterMs - now,
    )
    state = 'waiting'
    log.warn(
      { attempt: failures, reason, retryInMs: waitMs },
      `WeChat login failed (attempt ${failures}): ${reason}; retrying in ${span(waitMs)}`,
    )
    const stopped = bot
      .stop()
      .catch((error: unknown) => log.debug({ err: error }, 'puppet stop after a failed login'))
    retryTimer = setTimeout(() => {
      retryTimer = undefined
      void stopped.then(() => (state === 'waiting' ? attempt() : undefined))
    }, waitMs)
  }

  function giveUp(text: string): void {
    state = 'closed'
    clearTimeout(retryTimer)
    clearTimeout(silenceTimer)
    log.error({ attempts: failures, reason: lastReason || undefined }, 'WeChat login given up')
    options.onGiveUp(new StartupError(text))
  }

  bot.on('scan', () => {
    // A QR code is shown: the network works, and waiting for a person is no failure.
    if (state === 'trying' || state === 'scanning' || state === 'online') progress('scanning')
  })
  bot.on('login', () => {
    if (state !== 'closed' && state !== 'waiting') progress('online')
  })
  bot.on('logout', () => {
    // The puppet looks for a new login by itself (wechat4u shows a new QR code).
    if (state === 'online') progress('trying')
  })
  bot.on('error', (error) => {
    if (state === 'idle' || state === 'waiting' || state === 'closed') {
      // From a puppet stopped for a retry, still unwinding.
      log.debug({ err: error }, 'puppet error while stopped')
      return
    }
    const reason = networkProblem(error)
    if (state === 'online') {
      if (reason) logRepeated('warn', reason, { reason }, `WeChat connection trouble: ${reason}`)
      else logRepeated('error', firstLine(error), { err: error }, 'WeChat puppet error')
      return
    }
    if (reason) {
      fail(reason)
      return
    }
    logRepeated('error', firstLine(error), { err: error }, 'WeChat puppet error while logging in')
    if (++oddErrors >= ODD_ERRORS_PER_ATTEMPT) fail(firstLine(error))
  })

  return {
    start() {
      if (state !== 'idle') return Promise.resolve()
      return attempt()
    },

    failed(reason) {
      if (state === 'trying' || state === 'scanning') fail(reason)
    },

    close() {
      state = 'closed'
      clearTimeout(retryTimer)
      clearTimeout(silenceTimer)
    },
  }
}

/** 5 s, 90 s, 15 min: how long, for an operator. */
function span(ms: number): string {
  return ms < 120_000 ? `${Math.round(ms / 1000)} s` : `${Math.round(ms / 60_000)} min`
}
