import { existsSync, readdirSync } from 'node:fs'
import { cp } from 'node:fs/promises'
import { basename, dirname, extname, join } from 'node:path'
import { backupDb, type BackupResult } from '../../db/backup.js'
import { cliWords } from '../../templates/cli/cli-words.js'
import { CliProblem, print, UsageError, type CliIo } from './io.js'
import { dbFileOf, requireStore } from './store.js'

/** Where the photos of a backup go: beside it, `backups/redband.db` → `backups/redband-evidence/`. */
function evidenceBackupDir(out: string): string {
  return join(dirname(out), `${basename(out, extname(out))}-evidence`)
}

/**
 * `backup [--db FILE] --out FILE [--evidence-dir DIR]`: a consistent online copy of the store,
 * integrity-checked, in a folder created when missing; then the evidence photos (--evidence-dir,
 * else REDBAND_EVIDENCE_DIR) copied beside it, since an inquiry asks for them as much as for the
 * figures. Photos saved while the copy runs are in the next backup.
 */
export async function backupCommand(
  options: { db?: string; out?: string; evidenceDir?: string },
  io: CliIo,
): Promise<number> {
  const file = dbFileOf(options, io)
  const { out } = options
  if (!out) throw new UsageError(cliWords.needs('--out 文件'))
  requireStore(file)
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
  const evidence = options.evidenceDir ?? io.env.REDBAND_EVIDENCE_DIR
  if (evidence === undefined) {
    print(io.stderr, cliWords.backup.noEvidence)
    return 0
  }
  if (!existsSync(evidence)) throw new CliProblem(cliWords.backup.noEvidenceDir(evidence))
  const copy = evidenceBackupDir(out)
  await cp(evidence, copy, { recursive: true, errorOnExist: true, force: false })
  print(io.stdout, cliWords.backup.evidence(evidence, copy, countFiles(copy)))
  return 0
}

function countFiles(dir: string): number {
  return readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).length
}
