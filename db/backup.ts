import Database from 'better-sqlite3'
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'

export interface BackupResult {
  pages: number
  tables: Record<string, number>
}

/**
 * A consistent copy of a live store (SQLite's online backup: the bot may keep writing), then
 * checked: the copy passes `integrity_check` and every table of it can be read. The
 * destination's folder is created when missing (a dated folder per backup, say).
 */
export async function backupDb(source: string, destination: string): Promise<BackupResult> {
  mkdirSync(dirname(destination), { recursive: true })
  const live = new Database(source, { readonly: true, fileMustExist: true })
  let pages = 0
  try {
    await live.backup(destination, {
      progress: ({ totalPages }) => {
        pages = totalPages
        return 200
      },
    })
  } finally {
    live.close()
  }
  const copy = new Database(destination, { readonly: true, fileMustExist: true })
  try {
    const integrity = copy.pragma('integrity_check', { simple: true })
    if (integrity !== 'ok')
      throw new Error(`the copy at ${destination} failed its integrity check: ${String(integrity)}`)
    const names = copy
      .prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%'")
      .pluck()
      .all() as string[]
    const tables = Object.fromEntries(
      names.map((name) => [
        name,
        copy
          .prepare(`select count(*) from "${name.replaceAll('"', '""')}"`)
          .pluck()
          .get() as number,
      ]),
    )
    return { pages, tables }
  } finally {
    copy.close()
  }
}
