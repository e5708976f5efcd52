import type { OutboxSettings } from '../jobs/outbox.js'
import { createAlerter } from '../jobs/alert-webhooks.js'
import { readConfig, type Config } from '../src/config/read-config.js'
import type { Logger } from '../src/logger.js'
import type { Schedule } from '../src/schedule/schedule.js'
import { withWebOptions } from '../src/web/web-settings.js'
import { loadTemplates } from '../templates/load-templates.js'
import { createLogger } from './logger.js'
import type { RuntimeSettings } from './runtime.js'

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

/**
 * The settings a running bot (plugin or core) starts with: each option given, else the
 * environment's. Roster and templates are checked by the runtime and here, so a bad one stops
 * start-up.
 */
export function runtimeSettings(options: RedbandOptions): {
  config: Config
  settings: RuntimeSettings
} {
  const config = readConfig(options.env ?? process.env)
  const log = options.logger ?? createLogger(config.logLevel)
  const now = options.now ?? Date.now
  return {
    config,
    settings: {
      log,
      rosterFile: options.roster ?? config.rosterFile,
      dbFile: options.db ?? config.dbFile,
      templates: loadTemplates(options.templatesDir ?? config.templatesDir),
      schedule: options.schedule ?? config.schedule,
      now,
      evidenceDir: options.evidenceDir ?? config.evidenceDir,
      charts: options.charts ?? config.charts,
      redisUrl: options.redisUrl ?? config.redisUrl,
      queuePrefix: options.queuePrefix ?? config.queuePrefix,
      outbox: { ...config.outbox, ...options.outbox },
      admins: options.admins ?? config.admins,
      commandsPerMinute: options.commandsPerMinute ?? config.commandsPerMinute,
      web: withWebOptions(config.web, options),
      // The second channel, for when WeChat itself (or Redis) is what fails.
      alerter: createAlerter({ webhooks: config.alertWebhooks, log, now }),
      keepFilesDays: config.keepFilesDays,
    },
  }
}
