import { ConfigError, readConfig, type Config } from '../../src/config/read-config.js'
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

/**
 * Everything `npm start` reads from the environment, every bad value named in one ConfigError
 * rather than one round per reader.
 */
export function readStartSettings(
  env: Record<string, string | undefined> = process.env,
): StartSettings {
  const problems: string[] = []
  function read<T>(reader: (env: Record<string, string | undefined>) => T): T | undefined {
    try {
      return reader(env)
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error
      problems.push(...error.problems)
      return undefined
    }
  }
  const config = read(readConfig)
  const login = read(readLoginSettings)
  const wechatyLogLevel = read(readWechatyLogLevel)
  if (!config || !login || !wechatyLogLevel) throw new ConfigError(problems)
  return { config, login, wechatyLogLevel }
}
