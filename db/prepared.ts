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

/**
 * A write built once per database, to run bare or as one transaction (a savepoint inside an
 * open one). A single statement is atomic already, and the savepoint around it costs about as
 * much as the insert on the hot paths, so callers take `together` only for several statements.
 */
export function preparedWrite<A extends unknown[], R>(
  db: Db,
  name: string,
  build: () => (...args: A) => R,
): { alone: (...args: A) => R; together: (...args: A) => R } {
  return prepared(db, name, () => {
    const alone = build()
    return { alone, together: db.$client.transaction(alone) }
  })
}
