import type { Db } from './client.js'

const cache = new WeakMap<Db, Map<string, unknown>>()

/**
 * A statement built once per database and reused. On the ingest path drizzle's query building
 * and placeholder filling cost more than SQLite's insert, so the few hot statements are plain
 * better-sqlite3 statements over the drizzle schema's tables.
 */
export function prepared<T>(db: Db, name: string, build: (db: Db) => T): T {
  let statements = cache.get(db)
  if (!statements) {
    statements = new Map()
    cache.set(db, statements)
  }
  let statement = statements.get(name) as T | undefined
  if (statement === undefined) {
    statement = build(db)
    statements.set(name, statement)
  }
  return statement
}

/**
 * SQLite's data_version: it moves when another connection commits, never for this one's own.
 * @example const before = dataVersion(db) // ...; dataVersion(db) !== before: someone else wrote
 */
export function dataVersion(db: Db): number {
  return prepared(db, 'dataVersion', () =>
    db.$client.prepare('pragma data_version').pluck(),
  ).get() as number
}
