import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import type { Readable } from 'node:stream'
import { audit } from '../../db/audit.js'
import { readConfig } from '../../src/config/read-config.js'
import type { Inbound } from '../../src/inbound.js'
import { isDay } from '../../src/time/zoned.js'
import { cliWords } from '../../templates/cli/cli-words.js'
import { loadTemplates } from '../../templates/load-templates.js'
import type { BotDeps } from '../context.js'
import { ingest } from '../ingest.js'
import { loadRoster } from '../load-roster.js'
import { createLogger } from '../logger.js'
import { exportRooms } from '../room-directory.js'
import { CliProblem, isTerminal, lineBatches, print, type CliIo } from './io.js'
import { noProgress, perSecond, progressBar } from './progress.js'
import { cliActor, dbFileOf, rosterFileOf, withStore } from './store.js'

/** How much of an export file is read at a time (see ingestCommand). */
const fileChunkBytes = 2 ** 20

/** A line of an export that is not stored: the reason, to print with its line number. */
class RefusedLine extends Error {
  override name = 'RefusedLine'
}

const isoWithOffset =
  /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|([+-])(\d{2}):?(\d{2}))$/

/**
 * An instant written in ISO 8601 with its offset (`2026-10-12T08:03:00+08:00`, `…Z`), or
 * undefined: without an offset the wall-clock time could be any zone's, so it is not guessed.
 */
function instantWithOffset(text: string): number | undefined {
  const match = isoWithOffset.exec(text)
  if (!match) return undefined
  const [, day, hour, minute, second = '0', , offsetHours = '0', offsetMinutes = '0'] = match
  const realTime =
    isDay(day!) &&
    Number(hour) < 24 &&
    Number(minute) < 60 &&
    Number(second) < 60 &&
    Number(offsetHours) < 24 &&
    Number(offsetMinutes) < 60
  return realTime ? Date.parse(text) : undefined
}

function nonEmptyString(row: Record<string, unknown>, key: string): string {
  const value = row[key]
  if (typeof value !== 'string') throw new RefusedLine(cliWords.ingest.notString(key))
  if (value.trim() === '') throw new RefusedLine(cliWords.ingest.empty(key))
  return value
}

/**
 * A chat-export line `{"id","time","room","sender","text"}` as an inbound message; the topic
 * stands in for the room id. Throws RefusedLine saying what is wrong with it.
 */
function exportLineToInbound(line: string): Inbound {
  let row: unknown
  try {
    row = JSON.parse(line)
  } catch {
    throw new RefusedLine(cliWords.ingest.notJson)
  }
  if (typeof row !== 'object' || row === null || Array.isArray(row))
    throw new RefusedLine(cliWords.ingest.notJson)
  const fields = row as Record<string, unknown>
  const id = nonEmptyString(fields, 'id')
  const room = nonEmptyString(fields, 'room')
  const sender = nonEmptyString(fields, 'sender')
  if (typeof fields.text !== 'string') throw new RefusedLine(cliWords.ingest.notString('text'))
  const time = fields.time
  const sentAt = typeof time === 'string' ? instantWithOffset(time) : undefined
  if (sentAt === undefined)
    throw new RefusedLine(cliWords.ingest.badTime(JSON.stringify(time ?? null)))
  return {
    id,
    roomId: room,
    roomTopic: room,
    senderId: sender,
    senderName: sender,
    sentAt,
    type: 'text',
    text: fields.text,
  }
}

/** The export's chunks as they are read, each counted first (for the progress bar). */
async function* counted(
  input: AsyncIterable<Buffer | string>,
  onBytes: (bytes: number) => void,
): AsyncIterable<Buffer | string> {
  for await (const chunk of input) {
    onBytes(chunk.length)
    yield chunk
  }
}

/**
 * `ingest [--db FILE] [--roster FILE] [EXPORT]`: a chat export (a file, else stdin) through the
 * same path as live messages, with a progress bar on a terminal and a summary line at the end.
 */
export async function ingestCommand(
  file: string | undefined,
  options: { db?: string; roster?: string; evidenceDir?: string },
  io: CliIo,
): Promise<number> {
  const dbFile = dbFileOf(options, io)
  const rosterFile = rosterFileOf(options, io)
  const log = createLogger(io.env.LOG_LEVEL ?? 'warn')
  const roster = loadRoster(rosterFile)
  const size = file ? await fileSize(file) : undefined
  // A file is read in 1 MB chunks: the ingest commits at the end of each chunk it is handed
  // (it never holds the lock while waiting for input), and 64 KB ones made it commit every
  // ~400 lines, half of a file's ingest time.
  const input: Readable = file
    ? createReadStream(file, { highWaterMark: fileChunkBytes })
    : io.stdin
  if (!file && isTerminal(io.stdin)) print(io.stderr, cliWords.ingest.fromStdin)
  const started = performance.now()
  // Someone typing the export at the terminal needs no bar over their typing.
  const bar =
    size !== undefined
      ? progressBar(io, cliWords.ingest.progress, size, { messages: 0, rate: 0 })
      : isTerminal(io.stdin)
        ? noProgress
        : progressBar(io, cliWords.ingest.progressStdin, 0, { messages: 0, rate: 0 })
  let bytes = 0
  let refused = 0
  let read = 0
  let lineNo = 0
  const outcomes = await withStore(
    dbFile,
    async (db) => {
      const deps: BotDeps = {
        db,
        roster,
        schedule: readConfig(io.env).schedule,
        templates: loadTemplates(io.env.REDBAND_TEMPLATES),
        log,
        now: Date.now,
        startedAt: 0,
        replay: true,
        rooms: exportRooms(db, roster),
        evidenceDir: options.evidenceDir ?? 'data/evidence',
        send: async () => {},
        later: async () => {},
      }
      async function* readExport(): AsyncIterable<Inbound[]> {
        for await (const batch of lineBatches(counted(input, (n) => (bytes += n)))) {
          const inbounds: Inbound[] = []
          for (const line of batch) {
            lineNo++
            if (line.trim() === '') continue
            try {
              inbounds.push(exportLineToInbound(line))
            } catch (error) {
              if (!(error instanceof RefusedLine)) throw error
              refused++
              print(io.stderr, cliWords.ingest.refused(lineNo, error.message))
            }
          }
          read += inbounds.length
          bar.update(bytes, { messages: read, rate: perSecond(read, started) })
          if (inbounds.length > 0) yield inbounds
        }
      }
      try {
        const outcomes = await ingest(deps, readExport())
        audit(db, {
          at: Date.now(),
          ...cliActor(io),
          roomTopic: '',
          action: 'ingest',
          target: rosterFile,
          after: { ...outcomes, refused, ...(file ? { file } : {}) },
        })
        return outcomes
      } finally {
        bar.stop()
      }
    },
    { create: true },
  )
  print(
    io.stdout,
    cliWords.ingest.summary({
      handled: outcomes.handled,
      duplicate: outcomes.duplicate,
      refused,
      seconds: ((performance.now() - started) / 1000).toFixed(1),
      perSecond: perSecond(read, started),
    }),
  )
  return refused > 0 ? 1 : 0
}

/** The size of the export file, for the bar; an unreadable file stops here, before the store opens. */
async function fileSize(file: string): Promise<number> {
  try {
    const info = await stat(file)
    if (info.isDirectory()) throw Object.assign(new Error(file), { code: 'EISDIR' })
    return info.size
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOENT' || code === 'EACCES' || code === 'EISDIR')
      throw new CliProblem(cliWords.ingest.cannotRead(file, code))
    throw error
  }
}
