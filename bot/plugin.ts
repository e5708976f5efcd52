import { extname, join } from 'node:path'
import type { Message, Wechaty, WechatyPlugin } from 'wechaty'
import type { Jobs } from '../jobs/start-jobs.js'
import type { AccountState, SaveMedia } from './context.js'
import { loginAlerts } from './login-alerts.js'
import type { RosterReload } from './reload-roster.js'
import { startRuntime, type Runtime } from './runtime.js'
import { runtimeSettings, type RedbandOptions } from './runtime-settings.js'
import { watchRooms } from './rooms/watch-rooms.js'
import { restoreFastStringMethods } from './startup/fast-string-methods.js'
import { deliver } from './wechaty/deliver.js'
import { isLoggedIn } from './wechaty/logged-in.js'
import { toInbound } from './wechaty/to-inbound.js'

export type { RedbandOptions } from './runtime-settings.js'

/** The plugin, plus what its host needs to shut it down cleanly and to watch it. */
export type RedbandPlugin = WechatyPlugin & {
  /** Resolves once installed and its jobs started; rejects when they cannot start (Redis unreachable). */
  ready(): Promise<Jobs>
  /** Stops schedules and workers and closes the store. */
  close(): Promise<void>
  /** The command-centre page's address once it listens; undefined when it is off or could not listen. */
  pageUrl(): Promise<string | undefined>
  /** Reads the roster file again (as #重载名册 and SIGHUP do); a bad one is refused, the old kept. */
  reloadRoster(): RosterReload
}

function mediaSaver(msg: Message): SaveMedia {
  return async (dir, baseName) => {
    const box = await msg.toFileBox()
    const name = baseName + (extname(box.name) || '.jpg')
    await box.toFile(join(dir, name), true)
    return name
  }
}

/**
 * The redband Wechaty plugin: reads headcounts in liaison rooms into the store and answers with
 * receipts, runs the day's schedule, and sends everything through one rate-limited outbox.
 * Roster and templates are checked here, so a bad one stops start-up.
 * @example bot.use(Redband({ roster: 'roster.yaml', db: 'data/redband.db' }))
 */
export function Redband(options: RedbandOptions = {}): RedbandPlugin {
  const { config, settings } = runtimeSettings(options)
  const { log, now } = settings
  let runtime: Runtime | undefined
  let uninstall: (() => Promise<void>) | undefined
  let resolveReady: (jobs: Jobs) => void
  let rejectReady: (error: unknown) => void
  const ready = new Promise<Jobs>((resolve, reject) => {
    resolveReady = resolve
    rejectReady = reject
  })
  // Logged where it happens; a host that never asks for ready() is not crashed by it.
  ready.catch(() => {})

  async function close(): Promise<void> {
    const current = uninstall
    uninstall = undefined
    await current?.()
  }

  const plugin = (bot: Wechaty) => {
    restoreFastStringMethods()
    let loggedInSince: number | null = null
    const account = (): AccountState => ({
      account: 'wechat',
      name: loggedInSince !== null && isLoggedIn(bot) ? bot.currentUser.name() : null,
      loggedInSince,
      live: loggedInSince !== null,
      rooms: null,
      sentToday: null,
      throttledToday: null,
      silentSince: null,
    })
    const run = startRuntime(settings, {
      deliver: (row) => deliver(bot, row),
      accounts: () => [account()],
    })
    runtime = run
    const { jobs, intake } = run
    const logins = loginAlerts({
      alerter: settings.alerter,
      templates: settings.templates,
      timezone: run.deps.roster.timezone,
      now,
      afterMs: config.alertLogoutAfterMs,
    })
    const onMessage = async (msg: Message) => {
      if (msg.self()) return
      try {
        const inbound = await toInbound(msg)
        if (inbound) await intake.accept(inbound, mediaSaver(msg))
      } catch (error) {
        log.error({ err: error, msgId: msg.id }, 'could not read the message from WeChat')
      }
    }
    const onLogin = () => {
      loggedInSince = now()
      jobs.outbox.setLoggedIn(true)
      logins.loggedIn()
    }
    const onLogout = () => {
      loggedInSince = null
      jobs.outbox.setLoggedIn(false)
      logins.loggedOut()
    }
    bot.on('message', onMessage)
    bot.on('login', onLogin)
    bot.on('logout', onLogout)
    if (isLoggedIn(bot)) onLogin()
    const unwatchRooms = watchRooms(bot, run.rooms, {
      log,
      ...(options.roomListSettleMs !== undefined ? { settleMs: options.roomListSettleMs } : {}),
    })
    run.started.then(
      () => resolveReady(jobs),
      (error: unknown) => rejectReady(error),
    )
    uninstall = async () => {
      bot.off('message', onMessage)
      bot.off('login', onLogin)
      bot.off('logout', onLogout)
      logins.stop()
      unwatchRooms()
      await run.close()
    }
    return () => void close()
  }
  const reloadWhenInstalled = (): RosterReload => {
    if (runtime && uninstall) return runtime.reloadRoster()
    log.warn(
      { roster: settings.rosterFile },
      'roster not reloaded: the plugin is not installed yet',
    )
    return { ok: false, file: settings.rosterFile, problems: ['the plugin is not installed yet'] }
  }
  return Object.assign(plugin, {
    ready: () => ready,
    close,
    pageUrl: async () => runtime?.pageUrl(),
    reloadRoster: reloadWhenInstalled,
  })
}
