/**
 * The logger every layer is handed (pino's satisfies it). Declared here, on the lowest floor,
 * so that db/, jobs/ and bot/ can all take one while imports only run downward; the pino
 * instance itself is made at the top (bot/logger.ts).
 */
export interface LogFn {
  (obj: object, msg?: string): void
  (msg: string): void
}

export interface Logger {
  fatal: LogFn
  error: LogFn
  warn: LogFn
  info: LogFn
  debug: LogFn
  trace: LogFn
  /** A logger whose every line also carries these fields (a room, a message id, a job). */
  child(bindings: Record<string, unknown>): Logger
}
