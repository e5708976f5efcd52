import Table from 'cli-table3'
import { existsSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { closeDb, openDb } from '../../db/client.js'
import { reviewItemsOf } from '../../db/review.js'
import { shortened } from '../../src/parse/normalize.js'
import { isDay, localDay, localTime } from '../../src/time/zoned.js'
import { loadRoster } from '../load-roster.js'
import { print, UsageError, type CliIo } from './io.js'

/** No colours (they would land in pipes and files) and one line per item. */
const plain = { head: [], border: [], compact: true }

/**
 * `review --db FILE --roster FILE [--date DAY] [--json]`: the open review items (待核) of a day
 * (default today in the roster's time zone): messages that may be reports but were not read, with
 * when, where, who, what they said, what the parser saw and the units they name. `--db` and
 * `--roster` may come from REDBAND_DB and REDBAND_ROSTER.
 */
export async function reviewCommand(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      db: { type: 'string' },
      roster: { type: 'string' },
      date: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
  })
  const file = values.db ?? io.env.REDBAND_DB
  const rosterFile = values.roster ?? io.env.REDBAND_ROSTER
  if (!file || !rosterFile)
    throw new UsageError(
      'review needs --db FILE and --roster FILE (or REDBAND_DB and REDBAND_ROSTER)',
    )
  if (values.date !== undefined && !isDay(values.date))
    throw new UsageError(`--date ${values.date} is not a date such as 2026-10-12`)
  if (!existsSync(file)) {
    print(io.stderr, `no store at ${file}`)
    return 1
  }
  const { timezone } = loadRoster(rosterFile)
  const day = values.date ?? localDay(Date.now(), timezone)
  const db = openDb(file)
  try {
    const items = reviewItemsOf(db, { day, status: 'open' })
    if (values.json) {
      for (const item of items)
        print(io.stdout, JSON.stringify({ ...item, time: localTime(item.sentAt, timezone) }))
      return 0
    }
    if (items.length === 0) {
      print(io.stdout, `no open review items on ${day}`)
      return 0
    }
    const table = new Table({
      head: ['time', 'room', 'sender', 'text', 'why', 'units', 'message'],
      style: plain,
    })
    for (const item of items) {
      table.push([
        localTime(item.sentAt, timezone),
        item.roomTopic,
        item.senderName,
        shortened(item.text.replace(/\s+/g, ' ').trim(), 60),
        item.why,
        item.units.join('、'),
        item.messageId,
      ])
    }
    print(io.stdout, `${items.length} open review item${items.length === 1 ? '' : 's'} on ${day}:`)
    print(io.stdout, table.toString())
    return 0
  } finally {
    closeDb(db)
  }
}
