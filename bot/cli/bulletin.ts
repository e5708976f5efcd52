import { existsSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { workBulletinOf } from '../../db/bulletin-queries.js'
import { closeDb, openDb } from '../../db/client.js'
import { inspectionBulletinOf } from '../../db/inspection-queries.js'
import { readConfig } from '../../src/config/read-config.js'
import { normalizeClock } from '../../src/schedule/schedule.js'
import { addDays, localDay } from '../../src/time/zoned.js'
import { renderWorkBulletin } from '../../templates/bulletin-views.js'
import { renderInspectionBulletin } from '../../templates/inspection-bulletin-views.js'
import { loadTemplates } from '../../templates/load-templates.js'
import { loadRoster } from '../load-roster.js'
import { print, UsageError, type CliIo } from './io.js'

function isDay(text: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(text) && addDays(text, 0) === text
}

/** `bulletin work --db FILE --roster FILE [--date YYYY-MM-DD] [--deadline HH:mm] [--json]` */
async function workBulletin(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      db: { type: 'string' },
      roster: { type: 'string' },
      date: { type: 'string' },
      deadline: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
  })
  if (!values.db || !values.roster)
    throw new UsageError('bulletin work needs --db FILE and --roster FILE')
  if (values.date !== undefined && !isDay(values.date)) {
    throw new UsageError(`--date ${values.date} is not a date such as 2026-10-12`)
  }
  // The deadline for late reports: --deadline, else the configured schedule's.
  const schedule = readConfig(io.env).schedule
  if (values.deadline !== undefined) {
    schedule.deadline = normalizeClock(values.deadline)
    if (schedule.deadline === undefined) {
      throw new UsageError(`--deadline ${values.deadline} is not a time such as 09:00`)
    }
  }
  const roster = loadRoster(values.roster)
  const templates = values.json ? undefined : loadTemplates(io.env.REDBAND_TEMPLATES)
  if (!existsSync(values.db)) {
    print(io.stderr, `no store at ${values.db}: run the bot or ingest a chat export into it first`)
    return 1
  }
  const today = localDay(Date.now(), roster.timezone)
  const day = values.date ?? today
  const db = openDb(values.db)
  try {
    const bulletin = workBulletinOf(db, roster, schedule, day)
    if (templates) print(io.stdout, renderWorkBulletin(templates, bulletin, { today }).join('\n\n'))
    else print(io.stdout, JSON.stringify(bulletin, null, 2))
  } finally {
    closeDb(db)
  }
  return 0
}

/** `bulletin inspection --db FILE --roster FILE [--date YYYY-MM-DD] [--json]` */
async function inspectionBulletin(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      db: { type: 'string' },
      roster: { type: 'string' },
      date: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
  })
  if (!values.db || !values.roster)
    throw new UsageError('bulletin inspection needs --db FILE and --roster FILE')
  if (values.date !== undefined && !isDay(values.date)) {
    throw new UsageError(`--date ${values.date} is not a date such as 2026-10-12`)
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
    const bulletin = inspectionBulletinOf(db, roster, values.date ?? today)
    if (templates) {
      print(io.stdout, renderInspectionBulletin(templates, bulletin, { today }).join('\n\n'))
    } else print(io.stdout, JSON.stringify(bulletin, null, 2))
  } finally {
    closeDb(db)
  }
  return 0
}

/** `bulletin work …` and `bulletin inspection …`: the evening bulletins. */
export async function bulletinCommand(argv: string[], io: CliIo): Promise<number> {
  const [kind, ...rest] = argv
  switch (kind) {
    case 'work':
      return workBulletin(rest, io)
    case 'inspection':
      return inspectionBulletin(rest, io)
    default:
      throw new UsageError(
        kind
          ? `no bulletin "${kind}": use bulletin work or bulletin inspection`
          : 'bulletin needs a kind: bulletin work or bulletin inspection',
      )
  }
}
