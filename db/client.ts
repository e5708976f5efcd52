import Database from 'better-sqlite3'
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3'
import { migrate } from 'drizzle-orm/better-sqlite3/migrator'
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import * as schema from './schema.js'

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database }

export const migrationsFolder = fileURLToPath(new URL('./migrations', import.meta.url))

const defaultBusyTimeoutMs = 5000

export interface OpenDbOptions {
  /**
   * How long a write waits, blocking, for another connection's lock before SQLITE_BUSY.
   * Default 5000 ms, for the CLI and tests; the live bot passes liveBusyTimeoutMs and retries
   * on a timer instead (db/busy.ts).
   */
  busyTimeoutMs?: number
}

/**
 * Opens (creating it and its folder if needed) the store and applies pending migrations.
 * WAL lets the CLI read while the bot writes; the busy timeout covers a second writer.
 * @example const db = openDb(':memory:')
 */
export function openDb(file: string, options: OpenDbOptions = {}): Db {
  if (file !== ':memory:' && !file.startsWith('file:'))
    mkdirSync(dirname(file), { recursive: true })
  const sqlite = new Database(file)
  // Start-up (migrations included) may wait for a lock; the requested timeout applies after it.
  sqlite.pragma(`busy_timeout = ${defaultBusyTimeoutMs}`)
  sqlite.pragma('journal_mode = WAL')
  sqlite.pragma('synchronous = NORMAL')
  sqlite.pragma('foreign_keys = ON')
  const db = drizzle(sqlite, { schema })
  migrate(db, { migrationsFolder })
  setBusyTimeout(db, options.busyTimeoutMs ?? defaultBusyTimeoutMs)
  return db
}

/** How long, from now on, a write waits blocking for another connection's lock (see OpenDbOptions). */
export function setBusyTimeout(db: Db, ms: number): void {
  db.$client.pragma(`busy_timeout = ${Math.max(0, Math.round(ms))}`)
}

export function closeDb(db: Db): void {
  if (db.$client.open) db.$client.close()
}
