import { createReadStream } from 'node:fs'
import type { Readable } from 'node:stream'
import { parseArgs } from 'node:util'
import { audit } from '../../db/audit.js'
import { closeDb, openDb } from '../../db/client.js'
import { readConfig } from '../../src/config/read-config.js'
import type { Inbound } from '../../src/inbound.js'
import { isDay } from '../../src/time/zoned.js'
import { loadTemplates } from '../../templates/load-templates.js'
import type { BotDeps } from '../context.js'
import { ingest } from '../ingest.js'
import { loadRoster } from '../load-roster.js'
import { createLogger } from '../logger.js'
import { exportRooms } from '../room-directory.js'
import { lineBatches, print, UsageError, type CliIo } from './io.js'

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
  if (typeof value !== 'string') throw new RefusedLine(`"${key}" is missing or not a string`)
  if (value.trim() === '') throw new RefusedLine(`"${key}" is empty`)
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
    throw new RefusedLine('not a JSON object')
  }
  if (typeof row !== 'object' || row === null || Array.isArray(row))
    throw new RefusedLine('not a JSON object')
  const fields = row as Record<string, unknown>
  const id = nonEmptyString(fields, 'id')
  const room = nonEmptyString(fields, 'room')
  const sender = nonEmptyString(fields, 'sender')
  if (typeof fields.text !== 'string') throw new RefusedLine('"text" is missing or not a string')
  const time = fields.time
  const sentAt = typeof time === 'string' ? instantWithOffset(time) : undefined
  if (sentAt === undefined)
    throw new RefusedLine(
      `"time" ${JSON.stringify(time ?? null)} is not an ISO 8601 time with an offset, such as 2026-10-12T08:03:00+08:00`,
    )
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

/** `ingest --db FILE --roster FILE [EXPORT]`: a chat export (a file, else stdin) through the same path as live messages. */
export async function ingestCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      db: { type: 'string' },
      roster: { type: 'string' },
      'evidence-dir': { type: 'string' },
    },
  })
  if (!values.db || !values.roster) throw new UsageError('ingest needs --db FILE and --roster FILE')
  if (positionals.length > 1) throw new UsageError('ingest reads one export file (or stdin)')
  const file = positionals[0]
  const log = createLogger(io.env.LOG_LEVEL ?? 'warn')
  const roster = loadRoster(values.roster)
  const input: Readable = file ? createReadStream(file) : io.stdin
  if (!file && (io.stdin as { isTTY?: boolean }).isTTY) {
    print(
      io.stderr,
      'reading the export from stdin, one JSON line per message; end with Ctrl-D (or give the file: ingest --db FILE --roster FILE EXPORT)',
    )
  }
  const db = openDb(values.db)
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
    evidenceDir: values['evidence-dir'] ?? 'data/evidence',
    send: async () => {},
    later: async () => {},
  }
  let refused = 0
  let lineNo = 0
  async function* readExport(): AsyncIterable<Inbound[]> {
    for await (const batch of lineBatches(input)) {
      const inbounds: Inbound[] = []
      for (const line of batch) {
        lineNo++
        if (line.trim() === '') continue
        try {
          inbounds.push(exportLineToInbound(line))
        } catch (error) {
          if (!(error instanceof RefusedLine)) throw error
          refused++
          print(io.stderr, `line ${lineNo}: refused, ${error.message}`)
        }
      }
      if (inbounds.length > 0) yield inbounds
    }
  }
  let outcomes: Awaited<ReturnType<typeof ingest>>
  try {
    outcomes = await ingest(deps, readExport())
    audit(db, {
      at: Date.now(),
      actorId: 'cli',
      actorName: io.env.USER ?? 'cli',
      roomTopic: '',
      action: 'ingest',
      target: values.roster,
      after: { ...outcomes, refused, ...(file ? { file } : {}) },
    })
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (file && (code === 'ENOENT' || code === 'EACCES' || code === 'EISDIR')) {
      print(
        io.stderr,
        `cannot read ${file} (${code}): give a chat export file, or pipe it to stdin`,
      )
      return 1
    }
    throw error
  } finally {
    closeDb(db)
  }
  print(
    io.stdout,
    `ingested ${outcomes.handled} messages (${outcomes.duplicate} already stored, ${refused} lines refused)`,
  )
  return refused > 0 ? 1 : 0
}
