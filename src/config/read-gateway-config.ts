import { z } from 'zod'
import { accountIdPattern } from '../account-id.js'
import { count, logLevels, parseEnv, queuePrefix, redisUrl } from './read-config.js'

export interface GatewayConfig {
  /** The WeChat account this gateway logs into, as the core names it. */
  account: string
  redisUrl: string
  /** The deployment's Redis key prefix, the same as the core's. */
  queuePrefix: string
  /** The account's own safe rate: a gap between two sends, plus a random extra up to the jitter. */
  minGapMs: number
  jitterMs: number
  /** A photo over this is forwarded without its bytes. */
  mediaLimitBytes: number
  logLevel: (typeof logLevels)[number]
}

const MB = 1024 * 1024

/** A required variable whose absence is told with what to set. */
const required = (missing: string) =>
  z.string({ error: (issue) => (issue.input === undefined ? missing : 'must be text') })

const gatewaySchema = z.object({
  REDBAND_ACCOUNT: required(
    "required: set it to this gateway's account id, e.g. REDBAND_ACCOUNT=bot-1 (or pass --account)",
  ).regex(accountIdPattern, {
    error: 'must be 1 to 40 letters, digits, - or _, e.g. bot-1',
  }),
  REDIS_URL: required(
    "required for a gateway, which reaches the core only through Redis: set it to the core's Redis, e.g. redis://10.0.0.5:6379",
  ).pipe(redisUrl),
  REDBAND_QUEUE_PREFIX: queuePrefix,
  REDBAND_SEND_GAP_MS: count(2000),
  REDBAND_SEND_JITTER_MS: count(1000),
  REDBAND_MEDIA_LIMIT_MB: z.coerce
    .number({ error: 'must be a number of megabytes, e.g. 10' })
    .positive({ error: 'must be a number of megabytes above 0, e.g. 10' })
    .default(10),
  LOG_LEVEL: z.enum(logLevels, { error: `must be one of ${logLevels.join(', ')}` }).default('info'),
})

/**
 * What `redband gateway` reads from the environment (one env file per account), refusing bad
 * values with the fix named. The puppet and its token (WECHATY_PUPPET…) Wechaty reads itself.
 * @example readGatewayConfig({ REDBAND_ACCOUNT: 'bot-1', REDIS_URL: 'redis://127.0.0.1:6379' }).queuePrefix // 'redband'
 */
export function readGatewayConfig(
  env: Record<string, string | undefined> = process.env,
): GatewayConfig {
  const e = parseEnv(gatewaySchema, env)
  return {
    account: e.REDBAND_ACCOUNT,
    redisUrl: e.REDIS_URL,
    queuePrefix: e.REDBAND_QUEUE_PREFIX,
    minGapMs: e.REDBAND_SEND_GAP_MS,
    jitterMs: e.REDBAND_SEND_JITTER_MS,
    mediaLimitBytes: Math.round(e.REDBAND_MEDIA_LIMIT_MB * MB),
    logLevel: e.LOG_LEVEL,
  }
}
