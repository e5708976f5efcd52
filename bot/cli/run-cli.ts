import { auditCommand } from './audit.js'
import { backupCommand } from './backup.js'
import { bulletinCommand } from './bulletin.js'
import { exportCommand } from './export.js'
import { ingestCommand } from './ingest.js'
import { print, UsageError, type CliIo } from './io.js'
import { linkCommand } from './link.js'
import { parseCommand } from './parse.js'
import { photosCommand } from './photos.js'
import { isKnownProblem } from '../startup/fatal-text.js'
import { reviewCommand } from './review.js'
import { rosterSheetCommand } from './roster-sheet.js'
import { roomsCommand } from './rooms.js'

const commands: Record<string, (argv: string[], io: CliIo) => Promise<number>> = {
  parse: parseCommand,
  ingest: ingestCommand,
  roster: rosterSheetCommand,
  bulletin: bulletinCommand,
  audit: auditCommand,
  backup: backupCommand,
  export: exportCommand,
  photos: photosCommand,
  rooms: roomsCommand,
  link: linkCommand,
  review: reviewCommand,
}

const usage = `usage: npm run --silent redband -- <command>
  parse [--roster FILE] [--json]          read messages from stdin, print what was understood
  ingest --db FILE --roster FILE [FILE]   store a chat export (JSON lines, or stdin) as if it arrived live
  roster check FILE                       validate a roster and print its tree
  roster import FILE.xlsx|FILE.csv [--rooms FILE.csv] [--timezone ZONE] [--out roster.yaml]
                                          a validated roster from a sheet (单位/上级单位/别名/计划人数/点位数, 群)
  roster export [--roster FILE] [--out FILE.xlsx]
                                          the roster as a workbook, sheets 单位 and 群
  bulletin work --db FILE --roster FILE [--date YYYY-MM-DD] [--deadline HH:mm] [--json]
                                          the work-status bulletin of a day (default today)
  bulletin inspection --db FILE --roster FILE [--date YYYY-MM-DD] [--json]
                                          the inspection-status bulletin of a day (default today)
  audit --db FILE [--from DATE] [--to DATE] [--actor ID] [--target NAME] [--action NAME] [--json]
                                          every command and change to figures, oldest first
  backup --db FILE --out FILE             a consistent online copy of the store, integrity-checked
  export --db FILE --roster FILE [--from DATE] [--to DATE] --out FILE.xlsx [--max-mb N]
                                          the figures, checks, notes and ranking of a period as Excel
  photos --db FILE --evidence-dir DIR --date DATE --out DIR
                                          a day's evidence photos, in folders by unit
  rooms --db FILE --roster FILE [--json]  the roster's rooms: bound, waiting, look-alikes, not seen
  rooms bind --db FILE --roster FILE --expected
                                          confirm every waiting roster room in one step
  rooms bind ROOM_ID [--entry TOPIC | --role command|inspection|liaison [--unit UNIT]]
  rooms unbind ROOM_ID                    what #绑定 and #解绑 do, at the server
  link --role commander|inspector|admin [--db FILE]
                                          a one-time sign-in link to the command-centre page
  review --db FILE --roster FILE [--date YYYY-MM-DD] [--json]
                                          the open review items (待核): messages that may be reports but were not read`

/** Runs one CLI command; returns the exit code. Known failures print one clear sentence. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv
  const command = name ? commands[name] : undefined
  if (!command) {
    print(io.stderr, usage)
    return name ? 2 : 0
  }
  try {
    return await command(rest, io)
  } catch (error) {
    if (
      error instanceof UsageError ||
      (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')
    ) {
      print(io.stderr, `${(error as Error).message}\n\n${usage}`)
      return 2
    }
    if (isKnownProblem(error)) {
      print(io.stderr, error.message)
      return 1
    }
    throw error
  }
}
