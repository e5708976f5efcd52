import Table from 'cli-table3'
import { reviewItemsOf } from '../../db/review.js'
import { localDay, localTime } from '../../src/time/zoned.js'
import { cliWords } from '../../templates/cli/cli-words.js'
import { reviewLine } from '../../templates/review-line.js'
import { dayOption } from './dates.js'
import { print, tableStyle, type CliIo } from './io.js'
import { dbFileOf, rosterOf, withStore } from './store.js'

/**
 * `review [--db FILE] [--roster FILE] [--date DAY] [--json]`: the open review items (待核) of a day
 * (default today in the roster's time zone): messages that may be reports but were not read, with
 * when, where, who, what they said, what the parser saw and the units they name.
 */
export async function reviewCommand(
  options: { db?: string; roster?: string; date?: string; json?: boolean },
  io: CliIo,
): Promise<number> {
  const file = dbFileOf(options, io)
  const { timezone } = rosterOf(options, io)
  const day = dayOption('--date', options.date, timezone) ?? localDay(Date.now(), timezone)
  const items = await withStore(file, (db) => reviewItemsOf(db, { day, status: 'open' }))
  if (options.json) {
    for (const item of items)
      print(io.stdout, JSON.stringify({ ...item, time: localTime(item.sentAt, timezone) }))
    return 0
  }
  if (items.length === 0) {
    print(io.stdout, cliWords.review.none(day))
    return 0
  }
  // One line per item, for a day with hundreds.
  const table = new Table({ head: cliWords.review.head, style: tableStyle(io, { compact: true }) })
  for (const item of items) {
    const line = reviewLine(item, timezone, 60)
    table.push([line.time, line.room, line.sender, line.text, item.why, line.units, item.messageId])
  }
  print(io.stdout, cliWords.review.count(items.length, day))
  print(io.stdout, table.toString())
  return 0
}
