// The CLI as operators run it: the built package's `redband` (dist/, built by `npm run bench`),
// each run a process of its own, so its time includes start-up and its memory is its own.
import { execFile } from 'node:child_process'
import { existsSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import type { Inbound } from '../../src/inbound.js'
import { exampleRosterFile } from '../helpers/fixtures.js'
import { tempDir } from '../helpers/temp.js'

const bin = fileURLToPath(new URL('../../dist/bot/cli/bin.js', import.meta.url))

/** Runs the built CLI; resolves to its wall time in ms and its peak memory in MB. */
async function runBuilt(args: string[]): Promise<{ ms: number; peakMb: number }> {
  if (!existsSync(bin)) throw new Error(`${bin} is missing: run npm run build first`)
  // The child reports its own peak: /usr/bin/time is not on every machine.
  const probe = `process.on('exit', () => process.stderr.write('\\npeak-kb ' + process.resourceUsage().maxRSS))`
  const start = performance.now()
  const { stderr } = await promisify(execFile)(
    process.execPath,
    ['--import', `data:text/javascript,${encodeURIComponent(probe)}`, bin, ...args],
    { timeout: 120_000, maxBuffer: 16 * 2 ** 20, env: { ...process.env, NO_COLOR: '1' } },
  )
  const ms = performance.now() - start
  const peakKb = Number(/peak-kb (\d+)/.exec(stderr)?.[1])
  return { ms, peakMb: peakKb / 1024 }
}

/** `redband ingest FILE`: messages a second over the whole run, start-up included. */
export async function cliIngestPerSecond(messages: Inbound[]): Promise<number> {
  const dir = tempDir('redband-bench-')
  const file = join(dir, 'export.jsonl')
  const lines = messages.map((m) =>
    JSON.stringify({
      id: m.id,
      time: new Date(m.sentAt).toISOString(),
      room: m.roomTopic,
      sender: m.senderName,
      text: m.text,
    }),
  )
  writeFileSync(file, `${lines.join('\n')}\n`)
  const rates: number[] = []
  for (let run = 0; run < 3; run++) {
    const db = join(dir, `cli-ingest-${run}.db`)
    const { ms } = await runBuilt(['ingest', file, '--db', db, '--roster', exampleRosterFile])
    rates.push(messages.length / (ms / 1000))
  }
  rmSync(dir, { recursive: true, force: true })
  return rates.sort((a, b) => a - b)[1]!
}

/** `redband export` of a store and roster: the peak memory of the process, in MB (median of 3). */
export async function cliExportPeakMb(args: {
  db: string
  roster: string
  from: string
  to: string
  out: string
}): Promise<number> {
  const peaks: number[] = []
  for (let run = 0; run < 3; run++) {
    const { peakMb } = await runBuilt([
      'export',
      '--db',
      args.db,
      '--roster',
      args.roster,
      '--from',
      args.from,
      '--to',
      args.to,
      '--out',
      args.out,
    ])
    peaks.push(peakMb)
  }
  return peaks.sort((a, b) => a - b)[1]!
}
