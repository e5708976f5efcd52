import { parseArgs } from 'node:util'
import { closeDb, openDb } from '../../db/client.js'
import type { Inbound } from '../../src/inbound.js'
import { loadTemplates } from '../../templates/load-templates.js'
import type { BotDeps } from '../context.js'
import { handleInbound, type InboundOutcome } from '../handle-inbound.js'
import { loadRoster } from '../load-roster.js'
import { createLogger } from '../logger.js'
import { lines, print, UsageError, type CliIo } from './io.js'

/** Commits every so many messages: one transaction per message would make ingest disk-bound. */
const batchSize = 500

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
  let replies = 0
  const deps: BotDeps = {
    db,
    roster: loadRoster(values.roster),
    templates: loadTemplates(io.env.REDBAND_TEMPLATES),
    log,
    now: Date.now,
    startedAt: 0,
    evidenceDir: values['evidence-dir'] ?? 'data/evidence',
    send: async () => {
      replies++
    },
  }
  const outcomes: Record<InboundOutcome | 'unreadable', number> = {
    handled: 0,
    duplicate: 0,
    stale: 0,
    unreadable: 0,
  }
  let lineNo = 0
  let pending = 0
  try {
    db.$client.exec('BEGIN')
    for await (const line of lines(io.stdin)) {
      lineNo++
      if (line.trim() === '') continue
      let inbound: Inbound
      try {
        inbound = exportLineToInbound(line)
      } catch (error) {
        outcomes.unreadable++
        print(io.stderr, `line ${lineNo}: skipped, ${(error as Error).message}`)
        continue
      }
      outcomes[await handleInbound(deps, inbound)]++
      if (++pending === batchSize) {
        db.$client.exec('COMMIT; BEGIN')
        pending = 0
      }
    }
    db.$client.exec('COMMIT')
  } finally {
    if (db.$client.inTransaction) db.$client.exec('ROLLBACK')
    closeDb(db)
  }
  print(
    io.stdout,
    `ingested ${outcomes.handled} messages (${outcomes.duplicate} already stored, ` +
      `${outcomes.unreadable} unreadable lines); ${replies} replies would have been sent`,
  )
  return outcomes.unreadable > 0 ? 1 : 0
}
