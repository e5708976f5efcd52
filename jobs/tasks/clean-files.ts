import { readdir, rm, stat } from 'node:fs/promises'
import { join } from 'node:path'
import type { Task } from './task.js'

/** When the daily cleaning runs, local time: a quiet hour, before the morning reminder. */
export const cleanFilesAt = '03:30'

/** Which generated files are removed, and after how long. */
export interface FileCleanup {
  /** Folders of files the bot made to send (charts, exports); the evidence photos are never among them. */
  dirs: string[]
  /** Files older than this many days are removed. */
  keepDays: number
}

/**
 * Removes the files directly in `dirs` last written before `before` (ms since the epoch); a
 * missing folder is nothing to clean. Returns the files removed.
 * @example await removeFilesBefore(['data/charts', 'data/exports'], Date.now() - 30 * 86_400_000)
 */
export async function removeFilesBefore(dirs: string[], before: number): Promise<string[]> {
  const removed: string[] = []
  for (const dir of dirs) {
    const entries = await readdir(dir, { withFileTypes: true }).catch((error: unknown) => {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return []
      throw error
    })
    for (const entry of entries) {
      if (!entry.isFile()) continue
      const file = join(dir, entry.name)
      if ((await stat(file)).mtimeMs >= before) continue
      await rm(file, { force: true })
      removed.push(file)
    }
  }
  return removed
}

/** The daily job: generated charts and exports older than the configured days go; it says nothing in WeChat. */
export const cleanFilesTask: Task = async (ctx, job) => {
  if (!ctx.cleanup) return []
  const { dirs, keepDays } = ctx.cleanup
  const removed = await removeFilesBefore(dirs, job.dueAt - keepDays * 86_400_000)
  ctx.log.info({ removed: removed.length, dirs, keepDays }, 'old generated files removed')
  return []
}
