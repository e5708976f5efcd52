import { RedisUnreachableError } from '../../jobs/queue/check-redis.js'
import { ConfigError } from '../../src/config/read-config.js'
import { RosterError } from '../../src/roster/parse-roster.js'
import { TemplateError } from '../../templates/load-templates.js'
import { StartupError } from './startup-error.js'

/** Errors that already say what is wrong and what to do: a stack would only bury the sentence. */
const knownProblems = [ConfigError, RosterError, TemplateError, RedisUnreachableError, StartupError]

/** Whether the error is a known problem, shown as its own words. */
export function isKnownProblem(error: unknown): error is Error {
  return knownProblems.some((kind) => error instanceof kind)
}

/**
 * What the operator reads on the terminal when redband stops: a known problem's sentences, or
 * an unexpected error with its stack. Bilingual, like the QR prompt.
 * @example fatalText(new StartupError('…'), false) // 'redband 无法启动 (cannot start): …'
 */
export function fatalText(error: unknown, wasRunning: boolean): string {
  const head = wasRunning ? 'redband 已停止 (stopped)' : 'redband 无法启动 (cannot start)'
  if (isKnownProblem(error)) return `${head}: ${error.message}`
  const detail = error instanceof Error ? (error.stack ?? error.message) : String(error)
  return `${head}, on an unexpected error:\n${detail}`
}
