import { appendFileSync, existsSync, readFileSync, rmSync } from 'node:fs'
import type { Inbound } from '../src/inbound.js'
import type { Logger } from '../src/logger.js'

/** A live message the store could not take yet, with the start of the run that received it. */
export interface JournalEntry {
  inbound: Inbound
  /** The receiving run's start: a message sent before it is history, and is not acted on. */
  startedAt: number
}

/** The journal beside a store file (`data/redband.db.inbound-journal`); none for a store in memory. */
export function journalPathOf(dbFile: string): string | undefined {
  return dbFile === ':memory:' || dbFile === '' ? undefined : `${dbFile}.inbound-journal`
}

function isEntry(value: unknown): value is JournalEntry {
  const entry = value as Partial<JournalEntry> | null
  const inbound = entry?.inbound as Partial<Inbound> | undefined
  return (
    typeof entry?.startedAt === 'number' &&
    typeof inbound?.id === 'string' &&
    typeof inbound.roomId === 'string' &&
    typeof inbound.sentAt === 'number' &&
    typeof inbound.text === 'string'
  )
}

/**
 * Live messages waiting for the store, in the order they came: an append-only file of JSON lines
 * (one per message), so they survive a restart, mirrored in memory. The file goes once the last
 * entry is done; until then it keeps the done ones too, and after a crash they come back, which
 * is harmless: a message is stored once by its id and its handling is idempotent.
 */
export class InboundJournal {
  private readonly entries: JournalEntry[] = []

  constructor(
    readonly path: string | undefined,
    log: Logger,
  ) {
    if (!path || !existsSync(path)) return
    readFileSync(path, 'utf8')
      .split('\n')
      .forEach((line, i) => {
        if (line.trim() === '') return
        let entry: unknown
        try {
          entry = JSON.parse(line)
        } catch {
          // A line cut short by a crash mid-write: its message never reached the store.
        }
        if (isEntry(entry)) this.entries.push(entry)
        else
          log.error(
            { journal: path, line: i + 1, text: line.slice(0, 500) },
            'journal line unreadable; skipped',
          )
      })
  }

  get size(): number {
    return this.entries.length
  }

  /** Adds a message behind the others; throws when the file cannot be written. */
  append(entry: JournalEntry): void {
    if (this.path) appendFileSync(this.path, `${JSON.stringify(entry)}\n`)
    this.entries.push(entry)
  }

  first(): JournalEntry | undefined {
    return this.entries[0]
  }

  /** The first entry is done: stored and handled (or beyond help). The file goes with the last. */
  shift(): void {
    this.entries.shift()
    if (this.entries.length === 0 && this.path) rmSync(this.path, { force: true })
  }
}
