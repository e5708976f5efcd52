import { existsSync } from 'node:fs'
import { dirname } from 'node:path'
import { parseArgs } from 'node:util'
import { backupDb, type BackupResult } from '../../db/backup.js'
import { print, UsageError, type CliIo } from './io.js'

/**
 * `backup --db FILE --out FILE`: a consistent online copy of the store, integrity-checked, in a
 * folder created when missing.
 */
export async function backupCommand(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { db: { type: 'string' }, out: { type: 'string' } },
  })
  if (!values.db || !values.out) throw new UsageError('backup needs --db FILE and --out FILE')
  if (!existsSync(values.db)) {
    print(io.stderr, `no store at ${values.db}`)
    return 1
  }
  if (existsSync(values.out)) {
    print(io.stderr, `${values.out} already exists; choose a new file so no backup is overwritten`)
    return 1
  }
  let result: BackupResult
  try {
    result = await backupDb(values.db, values.out)
  } catch (error) {
    const { code, syscall } = error as NodeJS.ErrnoException
    if (syscall !== 'mkdir') throw error
    print(
      io.stderr,
      `cannot create the folder ${dirname(values.out)} (${code}); choose another --out`,
    )
    return 1
  }
  const rows = Object.entries(result.tables)
    .filter(([name]) => !name.startsWith('__'))
    .map(([name, n]) => `${name} ${n}`)
    .join(', ')
  print(io.stdout, `backed up ${values.db} to ${values.out}: integrity ok; ${rows}`)
  return 0
}
