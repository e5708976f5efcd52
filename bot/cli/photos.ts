import { existsSync } from 'node:fs'
import { copyFile, mkdir } from 'node:fs/promises'
import { basename, join } from 'node:path'
import { parseArgs } from 'node:util'
import sanitize from 'sanitize-filename'
import { closeDb, openDb } from '../../db/client.js'
import { evidenceOfDay } from '../../db/export-queries.js'
import { isDay } from '../../src/time/zoned.js'
import { print, UsageError, type CliIo } from './io.js'

/**
 * `photos --db FILE --evidence-dir DIR --date DATE --out DIR`: a day's evidence photos copied
 * into one folder per unit (a photo no unit claimed goes under its room's topic), file names
 * kept, so the name in an export's 照片 column finds the file. Exit code 1 when a photo's file
 * is missing.
 */
export async function photosCommand(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      db: { type: 'string' },
      'evidence-dir': { type: 'string' },
      date: { type: 'string' },
      out: { type: 'string' },
    },
  })
  const { db: dbFile, date, out } = values
  const evidenceDir = values['evidence-dir']
  if (!dbFile || !evidenceDir || !date || !out)
    throw new UsageError('photos needs --db FILE, --evidence-dir DIR, --date DATE and --out DIR')
  if (!isDay(date)) throw new UsageError(`--date ${date} is not a date such as 2026-10-12`)
  if (!existsSync(dbFile)) {
    print(io.stderr, `no store at ${dbFile}: run the bot or ingest a chat export into it first`)
    return 1
  }
  const db = openDb(dbFile)
  let photos
  try {
    photos = evidenceOfDay(db, date)
  } finally {
    closeDb(db)
  }
  const units = new Set<string>()
  const missing: string[] = []
  let copied = 0
  for (const photo of photos) {
    const source = photo.path === null ? undefined : join(evidenceDir, photo.path)
    if (source === undefined || !existsSync(source)) {
      missing.push(photo.path ?? `(not saved) ${photo.unit ?? photo.roomTopic} ${photo.sender}`)
      continue
    }
    const folder = sanitize(photo.unit ?? photo.roomTopic) || 'unbound'
    await mkdir(join(out, folder), { recursive: true })
    await copyFile(source, join(out, folder, basename(source)))
    units.add(folder)
    copied++
  }
  print(
    io.stdout,
    `copied ${copied} photos of ${date} into ${units.size} unit folders under ${out}`,
  )
  for (const path of missing) print(io.stderr, `missing: ${path}`)
  return missing.length > 0 ? 1 : 0
}
