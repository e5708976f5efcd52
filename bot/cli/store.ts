import { existsSync } from 'node:fs'
import { closeDb, openDb, type Db } from '../../db/client.js'
import type { Roster } from '../../src/roster/roster.js'
import { cliWords } from '../../templates/cli/cli-words.js'
import { loadRoster } from '../load-roster.js'
import { CliProblem, UsageError, type CliIo } from './io.js'

/** The store file a command works on: --db, else REDBAND_DB. */
export function dbFileOf(flags: { db?: string }, io: CliIo): string {
  const file = flags.db ?? io.env.REDBAND_DB
  if (!file) throw new UsageError(cliWords.needs('--db 文件', 'REDBAND_DB'))
  return file
}

/** The roster file a command works with: --roster, else REDBAND_ROSTER. */
export function rosterFileOf(flags: { roster?: string }, io: CliIo): string {
  const file = flags.roster ?? io.env.REDBAND_ROSTER
  if (!file) throw new UsageError(cliWords.needs('--roster 文件', 'REDBAND_ROSTER'))
  return file
}

/** The roster a command works with, read and validated. */
export function rosterOf(flags: { roster?: string }, io: CliIo): Roster {
  return loadRoster(rosterFileOf(flags, io))
}

/** Stops with the fix when the store file is not there (a typo in --db, or nothing ingested yet). */
export function requireStore(file: string, hint: string = cliWords.noStoreHint.any): void {
  if (!existsSync(file)) throw new CliProblem(cliWords.noStore(file, hint))
}

/**
 * Opens the store, runs `use` and closes it. A missing store is a CliProblem that says what to
 * do (`hint`), so no command creates an empty store by a typo; `create` is for ingest, which fills one.
 * @example await withStore(file, (db) => readAudit(db, {}), { hint: cliWords.noStoreHint.data })
 */
export async function withStore<T>(
  file: string,
  use: (db: Db) => T | Promise<T>,
  options: { hint?: string; create?: boolean } = {},
): Promise<T> {
  if (!options.create) requireStore(file, options.hint)
  const db = openDb(file)
  try {
    return await use(db)
  } finally {
    closeDb(db)
  }
}

/** Who acts at the server, for the audit log: the login user, as the operator. */
export function cliActor(io: CliIo): { actorId: string; actorName: string } {
  return { actorId: 'cli', actorName: io.env.USER ?? 'cli' }
}
