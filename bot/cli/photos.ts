import { existsSync } from 'node:fs'
import { copyFile, mkdir } from 'node:fs/promises'
import { basename, join } from 'node:path'
import sanitize from 'sanitize-filename'
import { evidenceOfDay } from '../../db/export-queries.js'
import { cliWords } from '../../templates/cli/cli-words.js'
import { dayOption, defaultTimezone } from './dates.js'
import { print, UsageError, type CliIo } from './io.js'
import { dbFileOf, withStore } from './store.js'

/**
 * `photos [--db FILE] --evidence-dir DIR --date DATE --out DIR`: a day's evidence photos copied
 * into one folder per unit (a photo no unit claimed goes under its room's topic), file names
 * kept, so the name in an export's 照片 column finds the file. Exit code 1 when a photo's file
 * is missing.
 */
export async function photosCommand(
  options: { db?: string; evidenceDir?: string; date?: string; out?: string },
  io: CliIo,
): Promise<number> {
  const file = dbFileOf(options, io)
  const { evidenceDir, out } = options
  if (!evidenceDir) throw new UsageError(cliWords.needs('--evidence-dir 文件夹'))
  if (!out) throw new UsageError(cliWords.needs('--out 文件夹'))
  const date = dayOption('--date', options.date, defaultTimezone)
  if (!date) throw new UsageError(cliWords.needs('--date 日期'))
  const photos = await withStore(file, (db) => evidenceOfDay(db, date), {
    hint: cliWords.noStoreHint.data,
  })
  const units = new Set<string>()
  const missing: string[] = []
  let copied = 0
  for (const photo of photos) {
    const source = photo.path === null ? undefined : join(evidenceDir, photo.path)
    if (source === undefined || !existsSync(source)) {
      missing.push(
        photo.path ?? cliWords.photos.notSaved(photo.unit ?? photo.roomTopic, photo.sender),
      )
      continue
    }
    const folder = sanitize(photo.unit ?? photo.roomTopic) || 'unbound'
    await mkdir(join(out, folder), { recursive: true })
    await copyFile(source, join(out, folder, basename(source)))
    units.add(folder)
    copied++
  }
  print(io.stdout, cliWords.photos.copied(copied, date, units.size, out))
  for (const path of missing) print(io.stderr, cliWords.photos.missing(path))
  return missing.length > 0 ? 1 : 0
}
