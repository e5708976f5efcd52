import { pino, type Logger } from 'pino'

export type { Logger }

/** The process logger; everything else receives it (or a child) as a parameter. */
export function createLogger(level: string = 'info'): Logger {
  return pino({ level, base: undefined })
}
