import { extname, join } from 'node:path'
import type { Message, Room, Wechaty, WechatyPlugin } from 'wechaty'
import { listBindings, refreshRooms, updateBinding } from '../db/bindings.js'
import { closeDb, openDb } from '../db/client.js'
import type { OutboxSettings } from '../jobs/outbox.js'
import { createJobs, type Jobs } from '../jobs/start-jobs.js'
import { generatedDir } from '../jobs/tasks/bulletin-charts.js'
import { defaultSchedule, type Schedule } from '../src/schedule/schedule.js'
import { loadTemplates } from '../templates/load-templates.js'
import { reResolveBindings } from './bindings.js'
import { createCommandLimiter } from './commands/rate-limit.js'
import type { BotDeps, SaveMedia } from './context.js'
import { handleInbound } from './handle-inbound.js'
import { loadRoster } from './load-roster.js'
import { createLogger } from './logger.js'
import type { Logger } from '../src/logger.js'
import { deliver } from './wechaty/deliver.js'
import { toInbound } from './wechaty/to-inbound.js'

export interface RedbandOptions {
  /** Path of the roster YAML. */
  roster: string
  /** Path of the SQLite store; created and migrated when missing. */
  db: string
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
  now?: () => number
}

/** The plugin, plus what its host needs to shut it down cleanly and to watch it. */
export type RedbandPlugin = WechatyPlugin & {
  /** Resolves once installed and its jobs started. */
  ready(): Promise<Jobs>
  /** Stops schedules and workers and closes the store. */
  close(): Promise<void>
}

/** Whether the bot was logged in before the plugin was installed (installed before start: no puppet yet). */
function alreadyLoggedIn(bot: Wechaty): boolean {
  try {
    void bot.puppet
  } catch {
    return false
  }
  return bot.isLoggedIn
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
export function Redband(options: RedbandOptions): RedbandPlugin {
  const log = options.logger ?? createLogger(process.env.LOG_LEVEL)
  const roster = loadRoster(options.roster)
  const templates = loadTemplates(options.templatesDir)
  const schedule = options.schedule ?? defaultSchedule
  const now = options.now ?? Date.now
  const evidenceDir = options.evidenceDir ?? 'data/evidence'
  const charts = options.charts ?? true
  let installed: { uninstall: () => Promise<void> } | undefined
  let resolveReady: (jobs: Jobs) => void
  const ready = new Promise<Jobs>((resolve) => (resolveReady = resolve))

  async function close(): Promise<void> {
    const current = installed
    installed = undefined
    await current?.uninstall()
  }

  const plugin = (bot: Wechaty) => {
    const db = openDb(options.db)
    refreshRooms(db, roster)
    let loggedInSince: number | null = null
    const jobs = createJobs({
      db,
      roster,
      templates,
      log,
      schedule,
      redisUrl: options.redisUrl,
      queuePrefix: options.queuePrefix,
      outbox: options.outbox,
      now,
      deliver: (row) => deliver(bot, row),
      chartsDir: charts ? generatedDir(evidenceDir, 'charts') : undefined,
    })
    const deps: BotDeps = {
      db,
      roster,
      schedule,
      templates,
      log,
      now,
      startedAt: now(),
      evidenceDir,
      charts,
      send: (items) => jobs.outbox.enqueue(items),
      later: jobs.later,
      admins: new Set(options.admins ?? []),
      commandLimiter: createCommandLimiter(options.commandsPerMinute ?? 6),
      status: async () => ({ loggedInSince, queue: await jobs.outbox.queueCounts() }),
    }
    const onMessage = async (msg: Message) => {
      if (msg.self()) return
      try {
        const inbound = await toInbound(msg)
        if (inbound) await handleInbound(deps, inbound, mediaSaver(msg))
      } catch (error) {
        log.error({ err: error, msgId: msg.id }, 'could not read the message from WeChat')
      }
    }
    const onLogin = () => {
      loggedInSince = now()
      jobs.outbox.setLoggedIn(true)
      void reResolveBindings(bot, db, roster, log)
    }
    const onLogout = () => {
      loggedInSince = null
      jobs.outbox.setLoggedIn(false)
    }
    const onTopic = (room: Room, topic: string, oldTopic: string) => {
      const bound = listBindings(db).find((b) => b.roomId === room.id || b.topic === oldTopic)
      if (!bound) return
      updateBinding(db, bound.roomId, { roomId: room.id, topic })
      refreshRooms(db, roster)
      log.info({ room: topic, was: oldTopic }, 'bound room renamed')
    }
    bot.on('message', onMessage)
    bot.on('login', onLogin)
    bot.on('logout', onLogout)
    bot.on('room-topic', onTopic)
    if (alreadyLoggedIn(bot)) onLogin()
    const started = jobs.start().then(
      () => resolveReady(jobs),
      (error: unknown) => log.error({ err: error }, 'redband could not start its jobs'),
    )
    log.info(
      { roster: options.roster, db: options.db, units: roster.units.size },
      'redband installed',
    )
    const uninstall = async () => {
      bot.off('message', onMessage)
      bot.off('login', onLogin)
      bot.off('logout', onLogout)
      bot.off('room-topic', onTopic)
      await started
      await jobs.close()
      closeDb(db)
    }
    installed = { uninstall }
    return () => void close()
  }
  return Object.assign(plugin, { ready: () => ready, close })
}
