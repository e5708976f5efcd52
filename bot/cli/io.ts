import { createInterface } from 'node:readline'
import type { Readable, Writable } from 'node:stream'
import { StringDecoder } from 'node:string_decoder'

/** Where a CLI command reads and writes; tests pass their own streams. */
export interface CliIo {
  stdin: Readable
  stdout: Writable
  stderr: Writable
  env: Record<string, string | undefined>
}

/** A usage mistake: printed to stderr on one line with where to find the usage, exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError'
}

/** A problem the operator can fix, said in one sentence: printed to stderr, exit code 1. */
export class CliProblem extends Error {
  override name = 'CliProblem'
}

/** Whether a stream is a terminal; tests pass a stream with isTTY set to stand for one. */
export function isTerminal(stream: Readable | Writable): boolean {
  return (stream as { isTTY?: boolean }).isTTY === true
}

/** Colours only on a terminal, and never with NO_COLOR set (https://no-color.org). */
function hasColour(io: CliIo): boolean {
  return isTerminal(io.stdout) && !io.env.NO_COLOR
}

/** cli-table3's style: its default red heads and grey borders only where colours belong. */
export function tableStyle(io: CliIo, extra: { compact?: boolean } = {}) {
  return hasColour(io) ? extra : { head: [], border: [], ...extra }
}

export function lines(input: Readable): AsyncIterable<string> {
  return createInterface({ input, crlfDelay: Infinity })
}

/**
 * The lines of a stream in batches: each batch is every complete line the stream had buffered
 * (at least one), so a reader can act on what arrived without ever holding on while it waits for
 * more. A last line without a newline comes at the end.
 */
export async function* lineBatches(
  input: AsyncIterable<Buffer | string>,
): AsyncGenerator<string[]> {
  const decoder = new StringDecoder('utf8')
  let partial = ''
  for await (const chunk of input) {
    const parts = (partial + (typeof chunk === 'string' ? chunk : decoder.write(chunk))).split('\n')
    partial = parts.pop()!
    if (parts.length > 0) yield parts.map(withoutCr)
  }
  partial += decoder.end()
  if (partial !== '') yield [withoutCr(partial)]
}

function withoutCr(line: string): string {
  return line.endsWith('\r') ? line.slice(0, -1) : line
}

export function print(out: Writable, text: string): void {
  out.write(text.endsWith('\n') ? text : `${text}\n`)
}
