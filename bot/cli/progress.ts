import cliProgress from 'cli-progress'
import { isTerminal, type CliIo } from './io.js'

/** A progress bar on the operator's terminal; does nothing where stderr is a pipe or a file. */
export interface Progress {
  /** How far the work is, of `total`, with the figures the format names (`{rate}`, …). */
  update(value: number, payload?: Record<string, string | number>): void
  stop(): void
}

/** No bar: where there is no terminal to draw it on. */
export const noProgress: Progress = { update: () => {}, stop: () => {} }

/**
 * A bar on stderr (stdout stays for results) when stderr is a terminal: `format` is
 * cli-progress's, with {bar}, {percentage}, {eta_formatted} and the payload's names.
 */
export function progressBar(
  io: CliIo,
  format: string,
  total: number,
  payload: Record<string, string | number>,
): Progress {
  if (!isTerminal(io.stderr)) return noProgress
  const bar = new cliProgress.SingleBar({
    format,
    stream: io.stderr,
    hideCursor: true,
    clearOnComplete: true,
    etaBuffer: 50,
    fps: 5,
  })
  bar.start(total, 0, payload)
  return {
    update: (value, figures) => bar.update(value, figures ?? {}),
    stop: () => bar.stop(),
  }
}

/** Per second, rounded, over the time since `startedAt` (performance.now()). */
export function perSecond(count: number, startedAt: number): number {
  const seconds = (performance.now() - startedAt) / 1000
  return seconds > 0 ? Math.round(count / seconds) : count
}
