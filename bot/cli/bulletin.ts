import { workBulletinOf } from '../../db/bulletin-queries.js'
import type { Db } from '../../db/client.js'
import { inspectionBulletinOf } from '../../db/inspection-queries.js'
import { readConfig } from '../../src/config/read-config.js'
import type { Roster } from '../../src/roster/roster.js'
import { normalizeClock, type Schedule } from '../../src/schedule/schedule.js'
import { localDay, type Day } from '../../src/time/zoned.js'
import { renderWorkBulletin } from '../../templates/bulletin-views.js'
import { cliWords } from '../../templates/cli/cli-words.js'
import { renderInspectionBulletin } from '../../templates/inspection-bulletin-views.js'
import { loadTemplates, type Templates } from '../../templates/load-templates.js'
import { dayOption } from './dates.js'
import { print, UsageError, type CliIo } from './io.js'
import { dbFileOf, rosterOf, withStore } from './store.js'

/** One bulletin: how its figures are built, and how they read as messages. */
interface BulletinKind {
  build(db: Db, roster: Roster, schedule: Schedule, day: Day): object
  render(templates: Templates, bulletin: object, today: Day): string[]
}

const kinds: Record<'work' | 'inspection', BulletinKind> = {
  work: {
    build: (db, roster, schedule, day) => workBulletinOf(db, roster, schedule, day),
    render: (templates, bulletin, today) =>
      renderWorkBulletin(templates, bulletin as ReturnType<typeof workBulletinOf>, { today }),
  },
  inspection: {
    build: (db, roster, _schedule, day) => inspectionBulletinOf(db, roster, day),
    render: (templates, bulletin, today) =>
      renderInspectionBulletin(templates, bulletin as ReturnType<typeof inspectionBulletinOf>, {
        today,
      }),
  },
}

export interface BulletinOptions {
  db?: string
  roster?: string
  date?: string
  /** Only the work bulletin tells late reports, so only it takes --deadline. */
  deadline?: string
  json?: boolean
}

/**
 * `bulletin work|inspection [--db FILE] [--roster FILE] [--date DAY] [--deadline HH:mm] [--json]`:
 * the evening bulletins of a day (default today), as messages or as JSON.
 */
export async function bulletinCommand(
  kind: keyof typeof kinds,
  options: BulletinOptions,
  io: CliIo,
): Promise<number> {
  const file = dbFileOf(options, io)
  const roster = rosterOf(options, io)
  const day = dayOption('--date', options.date, roster.timezone)
  // The deadline for late reports: --deadline, else the configured schedule's.
  const schedule = readConfig(io.env).schedule
  if (options.deadline !== undefined) {
    schedule.deadline = normalizeClock(options.deadline)
    if (schedule.deadline === undefined) throw new UsageError(cliWords.badClock(options.deadline))
  }
  const templates = options.json ? undefined : loadTemplates(io.env.REDBAND_TEMPLATES)
  const today = localDay(Date.now(), roster.timezone)
  const bulletin = await withStore(
    file,
    (db) => kinds[kind].build(db, roster, schedule, day ?? today),
    { hint: cliWords.noStoreHint.data },
  )
  if (templates) print(io.stdout, kinds[kind].render(templates, bulletin, today).join('\n\n'))
  else print(io.stdout, JSON.stringify(bulletin, null, 2))
  return 0
}
