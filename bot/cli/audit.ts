import Table from 'cli-table3'
import { readAudit } from '../../db/audit.js'
import { addDays, instantOf, localStamp } from '../../src/time/zoned.js'
import { cliWords } from '../../templates/cli/cli-words.js'
import { dayOption, defaultTimezone } from './dates.js'
import { print, tableStyle, type CliIo } from './io.js'
import { dbFileOf, withStore } from './store.js'

export interface AuditOptions {
  db?: string
  from?: string
  to?: string
  actor?: string
  target?: string
  action?: string
  timezone?: string
  json?: boolean
}

/**
 * `audit [--db FILE] [--from DATE] [--to DATE] [--actor ID] [--target NAME] [--action NAME] [--json]
 * [--timezone ZONE]`: the audit log, oldest first: every command and every change to figures.
 */
export async function auditCommand(options: AuditOptions, io: CliIo): Promise<number> {
  const file = dbFileOf(options, io)
  const zone = options.timezone ?? defaultTimezone
  const from = dayOption('--from', options.from, zone)
  const to = dayOption('--to', options.to, zone)
  const rows = await withStore(file, (db) =>
    readAudit(db, {
      from: from ? instantOf(from, '00:00', zone) : undefined,
      to: to ? instantOf(addDays(to, 1), '00:00', zone) : undefined,
      actorId: options.actor,
      target: options.target,
      action: options.action,
    }),
  )
  if (options.json) {
    for (const row of rows) print(io.stdout, JSON.stringify(row))
    return 0
  }
  const table = new Table({ head: cliWords.audit.head, style: tableStyle(io) })
  for (const row of rows) {
    table.push([
      localStamp(row.at, zone),
      `${row.actorName} (${row.actorId})`,
      row.roomTopic,
      row.action,
      row.target ?? '',
      row.before === null ? '' : JSON.stringify(row.before),
      row.after === null ? '' : JSON.stringify(row.after),
    ])
  }
  print(io.stdout, rows.length > 0 ? table.toString() : cliWords.audit.none)
  return 0
}
