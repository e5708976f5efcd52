import { createInterface } from 'node:readline'
import type { Readable, Writable } from 'node:stream'

/** Where a CLI command reads and writes; tests pass their own streams. */
export interface CliIo {
  stdin: Readable
  stdout: Writable
  stderr: Writable
  env: Record<string, string | undefined>
}

/** A usage mistake: printed to stderr with exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError'
}

export function lines(input: Readable): AsyncIterable<string> {
  return createInterface({ input, crlfDelay: Infinity })
}

export function print(out: Writable, text: string): void {
  out.write(text.endsWith('\n') ? text : `${text}\n`)
}
