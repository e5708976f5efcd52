import { Writable } from 'node:stream'
import { pino, type Logger } from 'pino'

/** A logger whose lines are kept as parsed objects, for tests that assert what an operator reads. */
export function memoryLogger(level = 'info'): {
  log: Logger
  lines: Array<Record<string, unknown>>
} {
  const lines: Array<Record<string, unknown>> = []
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n')) if (line) lines.push(JSON.parse(line))
      done()
    },
  })
  return { log: pino({ level, base: undefined }, sink), lines }
}
