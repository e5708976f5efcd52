import { EventEmitter } from 'node:events'
import { liveBusyTimeoutMs } from '../db/busy.js'
import { closeDb, openDb, setBusyTimeout } from '../db/client.js'
import type { OutboxRow } from '../db/outbox.js'
import type { Alerter } from '../jobs/alert-webhooks.js'
import { defaultOutboxSettings, type OutboxSettings } from '../jobs/outbox.js'
import { checkRedis } from '../jobs/queue/check-redis.js'
import { createJobs, type Jobs } from '../jobs/start-jobs.js'
import { generatedDir } from '../jobs/tasks/bulletin-charts.js'
import type { Logger } from '../src/logger.js'
import { liveRoster, type LiveRoster } from '../src/roster/live-roster.js'
import type { Schedule } from '../src/schedule/schedule.js'
import type { WebConfig } from '../src/web/web-settings.js'
import type { Templates } from '../templates/load-templates.js'
import { createCommandLimiter } from './commands/rate-limit.js'
import type { AccountState, BotDeps } from './context.js'
import { journalPathOf } from './inbound-journal.js'
import { createIntake, type Intake } from './intake.js'
import { loadRoster } from './load-roster.js'
import { reloadRoster, staleBindings, type RosterReload } from './reload-roster.js'
import { liveRooms } from './room-directory.js'
import { roomEvents, type RoomEvents } from './rooms/room-events.js'
import { createRoomGate } from './rooms/room-gate.js'
import { tellHeld, tellReached } from './rooms/tell-held.js'
import { handledEvent, servePage } from './web/serve-page.js'

/** Everything a running bot is set up with, read from options and the environment. */
export interface RuntimeSettings {
  log: Logger
  rosterFile: string
  dbFile: string
  templates: Templates
  schedule: Schedule
  now: () => number
  evidenceDir: string
  charts: boolean
  redisUrl: string | undefined
  queuePrefix: string
  outbox: Partial<OutboxSettings>
  admins: string[]
  commandsPerMinute: number
  web: WebConfig
  alerter: Alerter
  keepFilesDays: number
  /**
   * Messages sent before this are history (a puppet replaying old ones after a login): stored,
   * not answered. Default: the start. The core, whose gateways queue what came while it was
   * stopped, takes what is still fresh.
   */
  handleSince?: number
}

/** How the bot reaches WeChat: one account in this process (the plugin), or gateways (the core). */
export interface WeChatSide {
  /** Puts an outbox message into WeChat; throws RoomUnreachableError when no account can find the room. */
  deliver(row: OutboxRow): Promise<void>
  /** The accounts, for #状态 and the page. */
  accounts(): AccountState[]
}

export interface Runtime {
  deps: BotDeps
  jobs: Jobs
  intake: Intake
  /** What WeChat tells of rooms goes here. */
  rooms: RoomEvents
  /** Resolves once the jobs have started; rejects when they cannot (Redis unreachable). */
  started: Promise<void>
  pageUrl(): Promise<string | undefined>
  reloadRoster(): RosterReload
  close(): Promise<void>
}

/**
 * The bot apart from WeChat: the store, the roster, the jobs and their outbox, the intake of
 * messages, the rooms' bookkeeping and the page. The plugin runs it beside one Wechaty; the
 * core runs it beside gateways.
 */
export function startRuntime(settings: RuntimeSettings, side: WeChatSide): Runtime {
  const { log, rosterFile, dbFile, templates, schedule, now, evidenceDir, alerter } = settings
  // Everything holds this one roster; a reload replaces what it reads, in this one place.
  const live: LiveRoster = liveRoster(loadRoster(rosterFile))
  const roster = live.roster
  // Start-up writes (migrations, the outbox handed back, today's moments) may wait for a lock;
  // once running, nothing blocks the event loop: writes are retried on a timer instead.
  const db = openDb(dbFile)
  // A binding whose roster room or unit was taken out of the roster is not in force: say so.
  staleBindings(roster, db, log)
  const jobs = createJobs({
    alerter,
    db,
    roster,
    templates,
    log,
    schedule,
    redisUrl: settings.redisUrl,
    queuePrefix: settings.queuePrefix,
    outbox: settings.outbox,
    now,
    deliver: (row) => side.deliver(row),
    chartsDir: settings.charts ? generatedDir(evidenceDir, 'charts') : undefined,
    cleanup: {
      dirs: [generatedDir(evidenceDir, 'charts'), generatedDir(evidenceDir, 'exports')],
      keepDays: settings.keepFilesDays,
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
  const accountsNow = () => side.accounts()
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
    startedAt: settings.handleSince ?? now(),
    evidenceDir,
    charts: settings.charts,
    send: (items) => jobs.outbox.enqueue(items),
    later: jobs.later,
    admins: new Set(settings.admins),
    commandLimiter: createCommandLimiter(settings.commandsPerMinute),
    status: async () => {
      const accounts = accountsNow()
      const since = accounts.flatMap((a) => (a.live && a.loggedInSince ? [a.loggedInSince] : []))
      return {
        loggedInSince: since.length ? Math.min(...since) : null,
        queue: await jobs.outbox.queueCounts(),
        accounts,
      }
    },
    onHandled: (inbound) => handled.emit(handledEvent, inbound),
    signInLink: (role, by) => page.link(role, by),
    reloadRoster: () => reload(),
  }
  const reload = () => reloadRoster(rosterFile, live, db, log)
  const page = servePage({
    deps,
    web: settings.web,
    jobs,
    redis: Boolean(settings.redisUrl),
    accounts: accountsNow,
    handled,
  })
  const intake = createIntake(deps, {
    journal: journalPathOf(dbFile),
    groupSends: () => jobs.outbox.grouped(),
  })
  const rooms = roomEvents(
    { ...deps, onMoved: retryHeld },
    { gate, handleAgain: (inbound, saveMedia) => intake.again(inbound, saveMedia) },
  )
  // What a stop cut short (stored, never handled to the end) is handled now, while fresh.
  const staleAfterMs = settings.outbox.staleAfterMs ?? defaultOutboxSettings.staleAfterMs
  void intake
    .recover(now() - staleAfterMs)
    .catch((error: unknown) =>
      log.error({ err: error }, 'could not handle again what a stop cut short'),
    )
  const started = (settings.redisUrl ? checkRedis(settings.redisUrl) : Promise.resolve())
    .then(() => jobs.start())
    .then(
      () => setBusyTimeout(db, liveBusyTimeoutMs),
      (error: unknown) => {
        log.error({ err: error }, 'redband could not start its jobs')
        throw error
      },
    )
  // Logged where it happens; a host that never asks is not crashed by it.
  started.catch(() => {})
  log.info({ roster: rosterFile, db: dbFile, units: roster.units.size }, 'redband installed')
  return {
    deps,
    jobs,
    intake,
    rooms,
    started,
    pageUrl: () => page.url(),
    reloadRoster: reload,
    async close() {
      await page.close()
      await intake.close()
      await started.catch(() => {})
      await jobs.close()
      closeDb(db)
    },
  }
}
