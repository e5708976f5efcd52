import { pino } from 'pino'
import type { Logger } from '../src/logger.js'

/** The process logger; everything else receives it (or a child) as a parameter. */
export function createLogger(level: string = 'info'): Logger {
  return pino({ level, base: undefined })
}
