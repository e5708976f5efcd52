// Copies what the compiled package reads at run time beside its JavaScript in dist/: the
// templates (words, the page's HTML, scripts and styles) and the store's migrations.
import { cpSync } from 'node:fs'
import { extname } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('../../', import.meta.url))
const notSource = (path: string) => extname(path) !== '.ts'

for (const folder of ['templates', 'db/migrations']) {
  cpSync(`${root}${folder}`, `${root}dist/${folder}`, { recursive: true, filter: notSource })
}
