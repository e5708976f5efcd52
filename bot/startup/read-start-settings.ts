import { ConfigError, readConfig, type Config } from '../../src/config/read-config.js'
import { readGatewayConfig, type GatewayConfig } from '../../src/config/read-gateway-config.js'
import { readLoginSettings, type LoginSettings } from './login.js'

const wechatyLogLevels = ['silent', 'error', 'warn', 'info', 'verbose', 'silly'] as const
export type WechatyLogLevel = (typeof wechatyLogLevels)[number]

export interface StartSettings {
  config: Config
  login: LoginSettings
  wechatyLogLevel: WechatyLogLevel
}

/**
 * WECHATY_LOG, the level of Wechaty's own log; by default `error`: its warnings (a state switch
 * waiting, a watchdog reset) come with every login retry and say nothing an operator can act
 * on, while redband reports the login itself. WECHATY_LOG=verbose to debug a puppet.
 */
function readWechatyLogLevel(env: Record<string, string | undefined>): WechatyLogLevel {
  const level = (env.WECHATY_LOG || 'error').toLowerCase()
  if (!(wechatyLogLevels as readonly string[]).includes(level)) {
    throw new ConfigError([
      `WECHATY_LOG: "${env.WECHATY_LOG}" must be one of ${wechatyLogLevels.join(', ')}`,
    ])
  }
  return level as WechatyLogLevel
}

type Env = Record<string, string | undefined>
type Readers = Record<string, (env: Env) => unknown>

/** Runs every reader; every bad value of them all named in one ConfigError, not one round each. */
function readEvery<R extends Readers>(env: Env, readers: R): { [K in keyof R]: ReturnType<R[K]> } {
  const problems: string[] = []
  const read: Record<string, unknown> = {}
  for (const [name, reader] of Object.entries(readers)) {
    try {
      read[name] = reader(env)
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error
      problems.push(...error.problems)
    }
  }
  if (problems.length > 0) throw new ConfigError(problems)
  return read as { [K in keyof R]: ReturnType<R[K]> }
}

/** Everything `npm start` reads from the environment. */
export function readStartSettings(env: Env = process.env): StartSettings {
  return readEvery(env, {
    config: readConfig,
    login: readLoginSettings,
    wechatyLogLevel: readWechatyLogLevel,
  })
}

export interface GatewayStartSettings {
  config: GatewayConfig
  login: LoginSettings
  wechatyLogLevel: WechatyLogLevel
}

/** Everything `redband gateway` reads from the environment. */
export function readGatewayStartSettings(env: Env = process.env): GatewayStartSettings {
  return readEvery(env, {
    config: readGatewayConfig,
    login: readLoginSettings,
    wechatyLogLevel: readWechatyLogLevel,
  })
}
