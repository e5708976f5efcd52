import { existsSync } from 'node:fs'
import { dirname } from 'node:path'
import { backupDb, type BackupResult } from '../../db/backup.js'
import { cliWords } from '../../templates/cli/cli-words.js'
import { CliProblem, print, UsageError, type CliIo } from './io.js'
import { dbFileOf } from './store.js'

/**
 * `backup [--db FILE] --out FILE`: a consistent online copy of the store, integrity-checked, in a
 * folder created when missing.
 */
export async function backupCommand(
  options: { db?: string; out?: string },
  io: CliIo,
): Promise<number> {
  const file = dbFileOf(options, io)
  const { out } = options
  if (!out) throw new UsageError(cliWords.needs('--out 文件'))
  if (!existsSync(file)) throw new CliProblem(cliWords.noStore(file, cliWords.noStoreHint.any))
  if (existsSync(out)) throw new CliProblem(cliWords.backup.exists(out))
  let result: BackupResult
  try {
    result = await backupDb(file, out)
  } catch (error) {
    const { code, syscall } = error as NodeJS.ErrnoException
    if (syscall !== 'mkdir') throw error
    throw new CliProblem(cliWords.backup.cannotCreateFolder(dirname(out), code))
  }
  const tables = Object.entries(result.tables).filter(([name]) => !name.startsWith('__'))
  print(io.stdout, cliWords.backup.done(file, out, tables))
  return 0
}
