import { accessSync, constants, mkdirSync } from 'node:fs'
import { generatedDir } from '../../jobs/tasks/bulletin-charts.js'
import { StartupError } from './startup-error.js'

/**
 * Creates the folders the bot writes into (evidence photos, and the charts and exports drawn
 * beside them) and checks they are writable, so a wrong path stops start-up rather than the
 * first photo. The store's own folder is openDb's to create.
 * @example prepareFolders('data/evidence') // data/evidence, data/charts, data/exports
 */
export function prepareFolders(evidenceDir: string): void {
  const dirs = [
    evidenceDir,
    generatedDir(evidenceDir, 'charts'),
    generatedDir(evidenceDir, 'exports'),
  ]
  for (const dir of dirs) {
    try {
      mkdirSync(dir, { recursive: true })
      accessSync(dir, constants.W_OK)
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message
      throw new StartupError(
        `cannot write to the folder ${dir} (${reason}); set REDBAND_EVIDENCE_DIR to a folder ` +
          'this user may write (charts and exports go beside it)',
      )
    }
  }
}
