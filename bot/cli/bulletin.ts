import { existsSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { workBulletinInput } from '../../db/bulletin-queries.js'
import { closeDb, openDb } from '../../db/client.js'
import { buildWorkBulletin } from '../../src/bulletin/work-bulletin.js'
import { addDays, instantOf, localDay } from '../../src/time/zoned.js'
import { renderWorkBulletin } from '../../templates/bulletin-views.js'
import { loadTemplates } from '../../templates/load-templates.js'
import { reportDeadline } from '../commands/work-bulletin.js'
import { loadRoster } from '../load-roster.js'
import { print, UsageError, type CliIo } from './io.js'

function isDay(text: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(text) && addDays(text, 0) === text
}

function isTime(text: string): boolean {
  return /^([01]\d|2[0-3]):[0-5]\d$/.test(text)
}

/** `bulletin work --db FILE --roster FILE [--date YYYY-MM-DD] [--deadline HH:mm] [--json]` */
async function workBulletin(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      db: { type: 'string' },
      roster: { type: 'string' },
      date: { type: 'string' },
      deadline: { type: 'string', default: reportDeadline },
      json: { type: 'boolean', default: false },
    },
  })
  if (!values.db || !values.roster)
    throw new UsageError('bulletin work needs --db FILE and --roster FILE')
  if (values.date !== undefined && !isDay(values.date)) {
    throw new UsageError(`--date ${values.date} is not a date such as 2026-10-12`)
  }
  if (!isTime(values.deadline)) {
    throw new UsageError(`--deadline ${values.deadline} is not a time such as 09:00`)
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
    const input = workBulletinInput(db, day, instantOf(day, values.deadline, roster.timezone))
    const bulletin = buildWorkBulletin(roster, input)
    if (templates) print(io.stdout, renderWorkBulletin(templates, bulletin, { today }).join('\n\n'))
    else print(io.stdout, JSON.stringify(bulletin, null, 2))
  } finally {
    closeDb(db)
  }
  return 0
}

/** `bulletin work …`: the evening work-status bulletin; `bulletin inspection` comes later. */
export async function bulletinCommand(argv: string[], io: CliIo): Promise<number> {
  const [kind, ...rest] = argv
  switch (kind) {
    case 'work':
      return workBulletin(rest, io)
    case 'inspection':
      throw new UsageError('bulletin inspection is not yet available; use bulletin work')
    default:
      throw new UsageError(
        kind ? `no bulletin "${kind}": use bulletin work` : 'bulletin needs a kind: bulletin work',
      )
  }
}
