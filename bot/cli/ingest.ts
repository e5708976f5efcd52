import { parseArgs } from 'node:util'
import { audit } from '../../db/audit.js'
import { closeDb, openDb } from '../../db/client.js'
import { readConfig } from '../../src/config/read-config.js'
import type { Inbound } from '../../src/inbound.js'
import { loadTemplates } from '../../templates/load-templates.js'
import type { BotDeps } from '../context.js'
import { ingest } from '../ingest.js'
import { loadRoster } from '../load-roster.js'
import { createLogger } from '../logger.js'
import { lines, print, UsageError, type CliIo } from './io.js'

/** A chat-export line `{"id","time","room","sender","text"}` as an inbound message; the topic stands in for the room id. */
export function exportLineToInbound(line: string): Inbound {
  const row = JSON.parse(line) as Record<string, unknown>
  for (const key of ['id', 'time', 'room', 'sender', 'text']) {
    if (typeof row[key] !== 'string') throw new Error(`"${key}" is missing or not a string`)
  }
  const sentAt = Date.parse(row.time as string)
  if (Number.isNaN(sentAt)) throw new Error(`"time" is not ISO 8601: ${String(row.time)}`)
  return {
    id: row.id as string,
    roomId: row.room as string,
    roomTopic: row.room as string,
    senderId: row.sender as string,
    senderName: row.sender as string,
    sentAt,
    type: 'text',
    text: row.text as string,
  }
}

/** `ingest --db FILE --roster FILE`: a chat export through the same path as live messages. */
export async function ingestCommand(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      db: { type: 'string' },
      roster: { type: 'string' },
      'evidence-dir': { type: 'string' },
    },
  })
  if (!values.db || !values.roster) throw new UsageError('ingest needs --db FILE and --roster FILE')
  const log = createLogger(io.env.LOG_LEVEL ?? 'warn')
  const db = openDb(values.db)
  const deps: BotDeps = {
    db,
    roster: loadRoster(values.roster),
    schedule: readConfig(io.env).schedule,
    templates: loadTemplates(io.env.REDBAND_TEMPLATES),
    log,
    now: Date.now,
    startedAt: 0,
    replay: true,
    evidenceDir: values['evidence-dir'] ?? 'data/evidence',
    send: async () => {},
    later: async () => {},
  }
  let unreadable = 0
  async function* readExport(): AsyncIterable<Inbound> {
    let lineNo = 0
    for await (const line of lines(io.stdin)) {
      lineNo++
      if (line.trim() === '') continue
      try {
        yield exportLineToInbound(line)
      } catch (error) {
        unreadable++
        print(io.stderr, `line ${lineNo}: skipped, ${(error as Error).message}`)
      }
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
      after: { ...outcomes, unreadable },
    })
  } finally {
    closeDb(db)
  }
  print(
    io.stdout,
    `ingested ${outcomes.handled} messages (${outcomes.duplicate} already stored, ${unreadable} unreadable lines)`,
  )
  return unreadable > 0 ? 1 : 0
}
