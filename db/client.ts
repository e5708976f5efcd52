import Database from 'better-sqlite3'
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3'
import { migrate } from 'drizzle-orm/better-sqlite3/migrator'
import { fileURLToPath } from 'node:url'
import * as schema from './schema.js'

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database }

export const migrationsFolder = fileURLToPath(new URL('./migrations', import.meta.url))

/**
 * Opens (creating if needed) the store and applies pending migrations.
 * WAL lets the CLI read while the bot writes; the busy timeout covers a second writer.
 * @example const db = openDb(':memory:')
 */
export function openDb(file: string): Db {
  const sqlite = new Database(file)
  sqlite.pragma('journal_mode = WAL')
  sqlite.pragma('busy_timeout = 5000')
  sqlite.pragma('synchronous = NORMAL')
  sqlite.pragma('foreign_keys = ON')
  const db = drizzle(sqlite, { schema })
  migrate(db, { migrationsFolder })
  return db
}

export function closeDb(db: Db): void {
  if (db.$client.open) db.$client.close()
}
