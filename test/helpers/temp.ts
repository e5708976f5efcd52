import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** A fresh folder under the OS temp dir for one test's files. */
export function tempDir(prefix = 'redband-'): string {
  return mkdtempSync(join(tmpdir(), prefix))
}
