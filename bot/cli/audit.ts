import Table from 'cli-table3'
import { existsSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { readAudit } from '../../db/audit.js'
import { closeDb, openDb } from '../../db/client.js'
import { addDays, instantOf, isDay, localDay, localTime } from '../../src/time/zoned.js'
import { print, UsageError, type CliIo } from './io.js'

/**
 * `audit --db FILE [--from DATE] [--to DATE] [--actor ID] [--target NAME] [--action NAME] [--json]
 * [--timezone ZONE]`: the audit log, oldest first: every command and every change to figures.
 */
export async function auditCommand(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      db: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      actor: { type: 'string' },
      target: { type: 'string' },
      action: { type: 'string' },
      timezone: { type: 'string', default: 'Asia/Shanghai' },
      json: { type: 'boolean', default: false },
    },
  })
  if (!values.db) throw new UsageError('audit needs --db FILE')
  for (const option of ['from', 'to'] as const) {
    const day = values[option]
    if (day !== undefined && !isDay(day))
      throw new UsageError(`--${option} ${day} is not a date such as 2026-10-12`)
  }
  if (!existsSync(values.db)) {
    print(io.stderr, `no store at ${values.db}`)
    return 1
  }
  const zone = values.timezone
  const db = openDb(values.db)
  try {
    const rows = readAudit(db, {
      from: values.from ? instantOf(values.from, '00:00', zone) : undefined,
      to: values.to ? instantOf(addDays(values.to, 1), '00:00', zone) : undefined,
      actorId: values.actor,
      target: values.target,
      action: values.action,
    })
    if (values.json) {
      for (const row of rows) print(io.stdout, JSON.stringify(row))
      return 0
    }
    const table = new Table({
      head: ['when', 'who', 'where', 'action', 'target', 'before', 'after'],
    })
    for (const row of rows) {
      table.push([
        `${localDay(row.at, zone)} ${localTime(row.at, zone)}`,
        `${row.actorName} (${row.actorId})`,
        row.roomTopic,
        row.action,
        row.target ?? '',
        row.before === null ? '' : JSON.stringify(row.before),
        row.after === null ? '' : JSON.stringify(row.after),
      ])
    }
    print(io.stdout, rows.length > 0 ? table.toString() : 'no entries')
  } finally {
    closeDb(db)
  }
  return 0
}
