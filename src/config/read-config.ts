import { z } from 'zod'
import {
  defaultInspection,
  defaultSchedule,
  normalizeClock,
  parsePeriod,
  type Period,
  type Schedule,
} from '../schedule/schedule.js'
import { isDay } from '../time/zoned.js'
import { alertWebhooks, type Webhook } from '../alerts/webhooks.js'
import { listenAddress, publicUrl, type WebConfig } from '../web/web-settings.js'

/** Configuration that cannot be used; each problem names the variable and the fix. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(
      `configuration is not usable:\n- ${problems.join('\n- ')}\nSee .env.example for every variable.`,
    )
    this.name = 'ConfigError'
  }
}

export const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const

/** A local time of day, or `off` to switch the moment off. */
const clockOrOff = (fallback: string | undefined) =>
  z
    .string()
    .default(fallback ?? 'off')
    .transform((value, ctx) => {
      if (value.trim().toLowerCase() === 'off') return undefined
      const clock = normalizeClock(value)
      if (clock === undefined) {
        ctx.addIssue({
          code: 'custom',
          message: `"${value}" is not a time; write HH:mm such as 09:00, or off`,
        })
        return z.NEVER
      }
      return clock
    })

const periodText = (periods: Period[]) => periods.map((p) => `${p.start}-${p.end}`).join(',')

/** Comma-separated HH:mm-HH:mm periods, or `off` for none. */
const periods = (fallback: Period[]) =>
  z
    .string()
    .default(periodText(fallback))
    .transform((value, ctx) => {
      if (value.trim().toLowerCase() === 'off') return []
      const parsed = value.split(/[,，]/).map((part) => parsePeriod(part))
      if (parsed.some((p) => p === undefined)) {
        ctx.addIssue({
          code: 'custom',
          message: `"${value}" is not a list of periods; write e.g. 08:00-09:00,17:00-18:00, or off`,
        })
        return z.NEVER
      }
      return parsed as Period[]
    })

const period = (fallback: Period) =>
  z
    .string()
    .default(periodText([fallback]))
    .transform((value, ctx) => {
      const parsed = parsePeriod(value)
      if (!parsed) {
        ctx.addIssue({
          code: 'custom',
          message: `"${value}" is not a period; write e.g. 08:00-20:00`,
        })
        return z.NEVER
      }
      return parsed
    })

/** A day the calendar has, written YYYY-MM-DD: 2026-02-30 is refused, not rolled into March. */
const day = z
  .string()
  .refine(isDay, {
    error: (issue) =>
      `"${String(issue.input)}" is not a calendar date; write a real day as YYYY-MM-DD, e.g. 2026-10-01`,
  })
  .optional()

/** A whole number of at least `min`, `fallback` when unset. */
export const count = (fallback: number, min = 0) =>
  z.coerce
    .number({ error: 'must be a whole number' })
    .int({ error: 'must be a whole number' })
    .min(min)
    .default(fallback)

/** The namespace of every Redis key: the core and all its gateways must share it. */
export const queuePrefix = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,40}$/, {
    error: 'must be letters, digits, - or _ (the same on the core and every gateway)',
  })
  .default('redband')

export const redisUrl = z
  .string()
  .regex(/^rediss?:\/\//, { error: 'must look like redis://127.0.0.1:6379' })

const envSchema = z
  .object({
    REDBAND_ROSTER: z.string().min(1).default('roster.example.yaml'),
    REDBAND_DB: z.string().min(1).default('data/redband.db'),
    REDBAND_EVIDENCE_DIR: z.string().min(1).default('data/evidence'),
    REDBAND_TEMPLATES: z.string().min(1).optional(),
    LOG_LEVEL: z
      .enum(logLevels, { error: `must be one of ${logLevels.join(', ')}` })
      .default('info'),
    REDIS_URL: redisUrl.optional(),
    REDBAND_QUEUE_PREFIX: queuePrefix,
    REDBAND_REMINDER_AT: clockOrOff(defaultSchedule.reminder),
    REDBAND_DEADLINE_AT: clockOrOff(defaultSchedule.deadline),
    REDBAND_ESCALATE_AT: clockOrOff(defaultSchedule.escalation),
    REDBAND_BULLETIN_AT: clockOrOff(defaultSchedule.bulletins),
    REDBAND_DISPLAY_PERIODS: periods(defaultInspection.displayPeriods),
    REDBAND_RANDOM_CHECKS: count(defaultInspection.randomChecks),
    REDBAND_WORKING_HOURS: period(defaultInspection.workingHours),
    REDBAND_CHECK_MINUTES: count(defaultInspection.checkMinutes, 1),
    REDBAND_EVENT_START: day,
    REDBAND_EVENT_END: day,
    REDBAND_SEND_GAP_MS: count(2000),
    REDBAND_SEND_JITTER_MS: count(1000),
    REDBAND_ROOM_DAILY_CAP: count(100, 1),
    REDBAND_STALE_AFTER_MIN: count(30, 1),
    REDBAND_SEND_ATTEMPTS: count(5, 1),
    REDBAND_ADMINS: z.string().default(''),
    REDBAND_COMMANDS_PER_MINUTE: count(6, 1),
    REDBAND_CHARTS: z.enum(['on', 'off'], { error: 'must be on or off' }).default('on'),
    REDBAND_KEEP_FILES_DAYS: count(30, 1),
    REDBAND_HTTP: listenAddress,
    REDBAND_PUBLIC_URL: publicUrl,
    REDBAND_METRICS_TOKEN: z
      .string()
      .min(16, { error: 'must be at least 16 characters' })
      .optional(),
    REDBAND_ALERT_WEBHOOKS: alertWebhooks,
    REDBAND_ALERT_LOGOUT_AFTER_MIN: count(5),
  })
  .refine(
    (e) =>
      !e.REDBAND_EVENT_START ||
      !e.REDBAND_EVENT_END ||
      e.REDBAND_EVENT_START <= e.REDBAND_EVENT_END,
    {
      path: ['REDBAND_EVENT_END'],
      error:
        'the security period ends before it starts; check REDBAND_EVENT_START and REDBAND_EVENT_END',
    },
  )

export interface OutboxConfig {
  minGapMs: number
  jitterMs: number
  roomDailyCap: number
  staleAfterMs: number
  attempts: number
}

export interface Config {
  rosterFile: string
  dbFile: string
  evidenceDir: string
  templatesDir?: string
  logLevel: (typeof logLevels)[number]
  /** With it, BullMQ on Redis carries jobs and sends; without it, the embedded runner does. */
  redisUrl?: string
  /** The namespace of every Redis key: the core and its gateways share it (REDBAND_QUEUE_PREFIX). */
  queuePrefix: string
  schedule: Schedule
  outbox: OutboxConfig
  /** WeChat ids or account handles (微信号) of the admins; never nicknames, which anyone can copy. */
  admins: string[]
  /** Commands one person may give a minute before the bot stops answering them for a while. */
  commandsPerMinute: number
  /** PNG charts with the evening bulletins, #图表 and #趋势. */
  charts: boolean
  /** Generated charts and exports older than this many days are removed every night. */
  keepFilesDays: number
  /** The command-centre page (指挥大屏). */
  web: WebConfig
  /** Where alerts go besides the command rooms (REDBAND_ALERT_WEBHOOKS). */
  alertWebhooks: Webhook[]
  /** A logout lasting this long is alerted (REDBAND_ALERT_LOGOUT_AFTER_MIN). */
  alertLogoutAfterMs: number
}

/** The environment through a schema; every problem, named by its variable, in one ConfigError. */
export function parseEnv<T>(schema: z.ZodType<T>, env: Record<string, string | undefined>): T {
  // An empty variable (FOO= in .env) means "not set".
  const present = Object.fromEntries(
    Object.entries(env).filter(([, v]) => v !== undefined && v !== ''),
  )
  const parsed = schema.safeParse(present)
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`),
    )
  }
  return parsed.data
}

/**
 * Turns the environment into typed configuration, refusing bad values with the fix named.
 * @example readConfig({ REDBAND_DEADLINE_AT: '08:45' }).schedule.deadline // '08:45'
 */
export function readConfig(env: Record<string, string | undefined> = process.env): Config {
  const e = parseEnv(envSchema, env)
  return {
    rosterFile: e.REDBAND_ROSTER,
    dbFile: e.REDBAND_DB,
    evidenceDir: e.REDBAND_EVIDENCE_DIR,
    templatesDir: e.REDBAND_TEMPLATES,
    logLevel: e.LOG_LEVEL,
    redisUrl: e.REDIS_URL,
    queuePrefix: e.REDBAND_QUEUE_PREFIX,
    schedule: {
      reminder: e.REDBAND_REMINDER_AT,
      deadline: e.REDBAND_DEADLINE_AT,
      escalation: e.REDBAND_ESCALATE_AT,
      bulletins: e.REDBAND_BULLETIN_AT,
      event: { start: e.REDBAND_EVENT_START, end: e.REDBAND_EVENT_END },
      inspection: {
        displayPeriods: e.REDBAND_DISPLAY_PERIODS,
        randomChecks: e.REDBAND_RANDOM_CHECKS,
        workingHours: e.REDBAND_WORKING_HOURS,
        checkMinutes: e.REDBAND_CHECK_MINUTES,
      },
    },
    outbox: {
      minGapMs: e.REDBAND_SEND_GAP_MS,
      jitterMs: e.REDBAND_SEND_JITTER_MS,
      roomDailyCap: e.REDBAND_ROOM_DAILY_CAP,
      staleAfterMs: e.REDBAND_STALE_AFTER_MIN * 60_000,
      attempts: e.REDBAND_SEND_ATTEMPTS,
    },
    admins: e.REDBAND_ADMINS.split(/[,，\s]+/).filter(Boolean),
    commandsPerMinute: e.REDBAND_COMMANDS_PER_MINUTE,
    charts: e.REDBAND_CHARTS === 'on',
    keepFilesDays: e.REDBAND_KEEP_FILES_DAYS,
    web: {
      listen: e.REDBAND_HTTP,
      publicUrl: e.REDBAND_PUBLIC_URL,
      metricsToken: e.REDBAND_METRICS_TOKEN,
    },
    alertWebhooks: e.REDBAND_ALERT_WEBHOOKS,
    alertLogoutAfterMs: e.REDBAND_ALERT_LOGOUT_AFTER_MIN * 60_000,
  }
}
