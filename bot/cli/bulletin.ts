import { existsSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { workBulletinOf } from '../../db/bulletin-queries.js'
import { closeDb, openDb, type Db } from '../../db/client.js'
import { inspectionBulletinOf } from '../../db/inspection-queries.js'
import { readConfig } from '../../src/config/read-config.js'
import type { Roster } from '../../src/roster/roster.js'
import { normalizeClock, type Schedule } from '../../src/schedule/schedule.js'
import { isDay, localDay, type Day } from '../../src/time/zoned.js'
import { renderWorkBulletin } from '../../templates/bulletin-views.js'
import { renderInspectionBulletin } from '../../templates/inspection-bulletin-views.js'
import { loadTemplates, type Templates } from '../../templates/load-templates.js'
import { loadRoster } from '../load-roster.js'
import { print, UsageError, type CliIo } from './io.js'

/** One bulletin: how its figures are built, and how they read as messages. */
interface BulletinKind {
  /** Whether it tells late reports, which takes --deadline. */
  takesDeadline: boolean
  build(db: Db, roster: Roster, schedule: Schedule, day: Day): object
  render(templates: Templates, bulletin: object, today: Day): string[]
}

const kinds: Record<string, BulletinKind> = {
  work: {
    takesDeadline: true,
    build: (db, roster, schedule, day) => workBulletinOf(db, roster, schedule, day),
    render: (templates, bulletin, today) =>
      renderWorkBulletin(templates, bulletin as ReturnType<typeof workBulletinOf>, { today }),
  },
  inspection: {
    takesDeadline: false,
    build: (db, roster, _schedule, day) => inspectionBulletinOf(db, roster, day),
    render: (templates, bulletin, today) =>
      renderInspectionBulletin(templates, bulletin as ReturnType<typeof inspectionBulletinOf>, {
        today,
      }),
  },
}

/**
 * `bulletin work|inspection --db FILE --roster FILE [--date YYYY-MM-DD] [--deadline HH:mm] [--json]`:
 * the evening bulletins of a day (default today), as messages or as JSON.
 */
export async function bulletinCommand(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv
  const kind = name ? kinds[name] : undefined
  if (!kind) {
    throw new UsageError(
      name
        ? `no bulletin "${name}": use bulletin work or bulletin inspection`
        : 'bulletin needs a kind: bulletin work or bulletin inspection',
    )
  }
  const { values } = parseArgs({
    args: rest,
    options: {
      db: { type: 'string' },
      roster: { type: 'string' },
      date: { type: 'string' },
      ...(kind.takesDeadline ? { deadline: { type: 'string' as const } } : {}),
      json: { type: 'boolean', default: false },
    },
  })
  if (!values.db || !values.roster) {
    throw new UsageError(`bulletin ${name} needs --db FILE and --roster FILE`)
  }
  if (values.date !== undefined && !isDay(values.date)) {
    throw new UsageError(`--date ${values.date} is not a date such as 2026-10-12`)
  }
  // The deadline for late reports: --deadline, else the configured schedule's.
  const schedule = readConfig(io.env).schedule
  const deadline = 'deadline' in values ? values.deadline : undefined
  if (typeof deadline === 'string') {
    schedule.deadline = normalizeClock(deadline)
    if (schedule.deadline === undefined) {
      throw new UsageError(`--deadline ${deadline} is not a time such as 09:00`)
    }
  }
  const roster = loadRoster(values.roster)
  const templates = values.json ? undefined : loadTemplates(io.env.REDBAND_TEMPLATES)
  if (!existsSync(values.db)) {
    print(io.stderr, `no store at ${values.db}: run the bot or ingest a chat export into it first`)
    return 1
  }
  const today = localDay(Date.now(), roster.timezone)
  const db = openDb(values.db)
  try {
    const bulletin = kind.build(db, roster, schedule, values.date ?? today)
    if (templates) print(io.stdout, kind.render(templates, bulletin, today).join('\n\n'))
    else print(io.stdout, JSON.stringify(bulletin, null, 2))
  } finally {
    closeDb(db)
  }
  return 0
}
