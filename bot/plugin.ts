import { EventEmitter } from 'node:events'
import { extname, join } from 'node:path'
import type { Message, Wechaty, WechatyPlugin } from 'wechaty'
import { liveBusyTimeoutMs } from '../db/busy.js'
import { closeDb, openDb, setBusyTimeout } from '../db/client.js'
import { defaultOutboxSettings, type OutboxSettings } from '../jobs/outbox.js'
import { createAlerter } from '../jobs/alert-webhooks.js'
import { checkRedis } from '../jobs/queue/check-redis.js'
import { createJobs, type Jobs } from '../jobs/start-jobs.js'
import { generatedDir } from '../jobs/tasks/bulletin-charts.js'
import { readConfig } from '../src/config/read-config.js'
import { liveRoster } from '../src/roster/live-roster.js'
import type { Schedule } from '../src/schedule/schedule.js'
import { loadTemplates } from '../templates/load-templates.js'
import { createCommandLimiter } from './commands/rate-limit.js'
import type { BotDeps, SaveMedia } from './context.js'
import { journalPathOf } from './inbound-journal.js'
import { createIntake } from './intake.js'
import { loadRoster } from './load-roster.js'
import { reloadRoster, staleBindings, type RosterReload } from './reload-roster.js'
import { restoreFastStringMethods } from './startup/fast-string-methods.js'
import { createLogger } from './logger.js'
import { loginAlerts } from './login-alerts.js'
import { liveRooms } from './room-directory.js'
import { createRoomGate } from './rooms/room-gate.js'
import { tellHeld, tellReached } from './rooms/tell-held.js'
import { watchRooms } from './rooms/watch-rooms.js'
import type { Logger } from '../src/logger.js'
import { deliver } from './wechaty/deliver.js'
import { isLoggedIn } from './wechaty/logged-in.js'
import { toInbound } from './wechaty/to-inbound.js'
import { handledEvent, servePage } from './web/serve-page.js'
import { withWebOptions } from '../src/web/web-settings.js'

/**
 * What the plugin is told. Every option left out is read from the environment, as `npm start`
 * reads it (REDBAND_ROSTER, REDBAND_DB, … ; see README and .env.example): options override.
 */
export interface RedbandOptions {
  /** The environment settings are read from; default process.env. */
  env?: Record<string, string | undefined>
  /** Path of the roster YAML (REDBAND_ROSTER). */
  roster?: string
  /** Path of the SQLite store, created and migrated when missing (REDBAND_DB). */
  db?: string
  /** Folder for evidence photos; default data/evidence. */
  evidenceDir?: string
  /** Folder of edited templates; default the shipped ones. */
  templatesDir?: string
  logger?: Logger
  /** The day's moments; default 07:30 reminder, 09:00 deadline, 09:30 escalation, 20:00 bulletins. */
  schedule?: Schedule
  /** BullMQ on this Redis when set; the embedded runner when not. */
  redisUrl?: string
  /** Redis key prefix (default redband). */
  queuePrefix?: string
  /** Gap, jitter, daily cap, staleness and retries of sends. */
  outbox?: Partial<OutboxSettings>
  /** WeChat ids or account handles (微信号) of the admins; never nicknames. */
  admins?: string[]
  /** Commands one person may give a minute; default 6. */
  commandsPerMinute?: number
  /** Charts with the evening bulletins and on #图表/#趋势; default on. */
  charts?: boolean
  /** How long after a login the room list counts as complete if the protocol never says so. */
  roomListSettleMs?: number
  /** Where the command-centre page listens, host:port or off (REDBAND_HTTP); port 0: any free one. */
  http?: string
  /** The address people open the page at, behind a reverse proxy (REDBAND_PUBLIC_URL). */
  publicUrl?: string
  now?: () => number
}

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
  const config = readConfig(options.env ?? process.env)
  const log = options.logger ?? createLogger(config.logLevel)
  const rosterFile = options.roster ?? config.rosterFile
  const dbFile = options.db ?? config.dbFile
  // Everything holds this one roster; a reload replaces what it reads, in this one place.
  const live = liveRoster(loadRoster(rosterFile))
  const roster = live.roster
  const templates = loadTemplates(options.templatesDir ?? config.templatesDir)
  const schedule = options.schedule ?? config.schedule
  const now = options.now ?? Date.now
  const evidenceDir = options.evidenceDir ?? config.evidenceDir
  const charts = options.charts ?? config.charts
  const redisUrl = options.redisUrl ?? config.redisUrl
  const web = withWebOptions(config.web, options)
  let pageUrl: () => Promise<string | undefined> = async () => undefined
  let installed: { uninstall: () => Promise<void>; reload: () => RosterReload } | undefined
  let resolveReady: (jobs: Jobs) => void
  let rejectReady: (error: unknown) => void
  const ready = new Promise<Jobs>((resolve, reject) => {
    resolveReady = resolve
    rejectReady = reject
  })
  // Logged where it happens; a host that never asks for ready() is not crashed by it.
  ready.catch(() => {})

  async function close(): Promise<void> {
    const current = installed
    installed = undefined
    await current?.uninstall()
  }

  const plugin = (bot: Wechaty) => {
    restoreFastStringMethods()
    // Start-up writes (migrations, the outbox handed back, today's moments) may wait for a lock;
    // once running, nothing blocks the event loop: writes are retried on a timer instead.
    const db = openDb(dbFile)
    // A binding whose roster room or unit was taken out of the roster is not in force: say so.
    staleBindings(roster, db, log)
    const reload = () => reloadRoster(rosterFile, live, db, log)
    let loggedInSince: number | null = null
    const outboxSettings = { ...config.outbox, ...options.outbox }
    // The second channel, for when WeChat itself (or Redis) is what fails.
    const alerter = createAlerter({ webhooks: config.alertWebhooks, log, now })
    const logins = loginAlerts({
      alerter,
      templates,
      timezone: roster.timezone,
      now,
      afterMs: config.alertLogoutAfterMs,
    })
    const jobs = createJobs({
      alerter,
      db,
      roster,
      templates,
      log,
      schedule,
      redisUrl,
      queuePrefix: options.queuePrefix,
      outbox: outboxSettings,
      now,
      deliver: (row) => deliver(bot, row),
      chartsDir: charts ? generatedDir(evidenceDir, 'charts') : undefined,
      cleanup: {
        dirs: [generatedDir(evidenceDir, 'charts'), generatedDir(evidenceDir, 'exports')],
        keepDays: config.keepFilesDays,
      },
      onHeld: (row) => tellHeld(deps, row, alerter),
      onReached: (row, heldAs) => tellReached(deps, row, heldAs, alerter),
    })
    const gate = createRoomGate(log)
    // The page hears of each handled message without the inbound path knowing of the page.
    const handled = new EventEmitter()
    // Rows moved to a newly bound room have no turn of their own yet: every pending row gets one.
    const retryHeld = () =>
      void jobs.outbox
        .requeue()
        .catch((error: unknown) => log.warn({ err: error }, 'could not try held messages again'))
    const deps: BotDeps = {
      db,
      roster,
      rooms: liveRooms(db, roster),
      roomGate: gate,
      retryHeld,
      schedule,
      templates,
      log,
      now,
      startedAt: now(),
      evidenceDir,
      charts,
      send: (items) => jobs.outbox.enqueue(items),
      later: jobs.later,
      admins: new Set(options.admins ?? config.admins),
      commandLimiter: createCommandLimiter(options.commandsPerMinute ?? config.commandsPerMinute),
      status: async () => ({ loggedInSince, queue: await jobs.outbox.queueCounts() }),
      onHandled: (inbound) => handled.emit(handledEvent, inbound),
      signInLink: (role, by) => page.link(role, by),
      reloadRoster: reload,
    }
    const page = servePage({
      deps,
      web,
      bot,
      jobs,
      redis: Boolean(redisUrl),
      loggedInSince: () => loggedInSince,
      handled,
    })
    pageUrl = page.url
    const intake = createIntake(deps, { journal: journalPathOf(dbFile) })
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
    const unwatchRooms = watchRooms(
      bot,
      { ...deps, onMoved: retryHeld },
      {
        gate,
        handleAgain: (inbound, saveMedia) => intake.again(inbound, saveMedia),
        ...(options.roomListSettleMs !== undefined ? { settleMs: options.roomListSettleMs } : {}),
      },
    )
    // What a stop cut short (stored, never handled to the end) is handled now, while fresh.
    void intake
      .recover(now() - (outboxSettings.staleAfterMs ?? defaultOutboxSettings.staleAfterMs))
      .catch((error: unknown) =>
        log.error({ err: error }, 'could not handle again what a stop cut short'),
      )
    const started = (redisUrl ? checkRedis(redisUrl) : Promise.resolve())
      .then(() => jobs.start())
      .then(
        () => {
          setBusyTimeout(db, liveBusyTimeoutMs)
          resolveReady(jobs)
        },
        (error: unknown) => {
          log.error({ err: error }, 'redband could not start its jobs')
          rejectReady(error)
        },
      )
    log.info({ roster: rosterFile, db: dbFile, units: roster.units.size }, 'redband installed')
    const uninstall = async () => {
      bot.off('message', onMessage)
      bot.off('login', onLogin)
      bot.off('logout', onLogout)
      logins.stop()
      unwatchRooms()
      await page.close()
      await intake.close()
      await started
      await jobs.close()
      closeDb(db)
    }
    installed = { uninstall, reload }
    return () => void close()
  }
  const reloadWhenInstalled = (): RosterReload => {
    if (installed) return installed.reload()
    log.warn({ roster: rosterFile }, 'roster not reloaded: the plugin is not installed yet')
    return { ok: false, file: rosterFile, problems: ['the plugin is not installed yet'] }
  }
  return Object.assign(plugin, {
    ready: () => ready,
    close,
    pageUrl: () => pageUrl(),
    reloadRoster: reloadWhenInstalled,
  })
}
