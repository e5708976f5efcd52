import { helpWords as h } from '../../templates/cli/help-words.js'
import { auditCommand } from './audit.js'
import { backupCommand } from './backup.js'
import { bulletinCommand, type BulletinOptions } from './bulletin.js'
import { CliCommand } from './cli-command.js'
import { defaultTimezone } from './dates.js'
import { exportCommand } from './export.js'
import { ingestCommand } from './ingest.js'
import type { CliIo } from './io.js'
import { linkCommand } from './link.js'
import { parseCommand } from './parse.js'
import { photosCommand } from './photos.js'
import { reviewCommand } from './review.js'
import { roomsBindCommand, roomsCommand, roomsUnbindCommand } from './rooms.js'
import { rosterCheckCommand } from './roster-check.js'
import { rosterExportCommand, rosterImportCommand } from './roster-sheet.js'

/** The options most commands share: where the store and the roster are. */
function withPaths(command: CliCommand, roster = true): CliCommand {
  command.option('--db <file>', h.options.db)
  if (roster) command.option('--roster <file>', h.options.roster)
  return command
}

/**
 * Every command and option of `redband`, as README's "Command line" lists them; each action
 * hands its exit code to `exit`. Words are in templates/cli.
 */
export function cliProgram(io: CliIo, exit: (code: number) => void): CliCommand {
  const program = new CliCommand('redband')
    .description(h.program)
    .helpCommand('help [command]', h.helpCommand)
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
    })
    .exitOverride()
  // Commander calls an action with its arguments, the options, then the command itself.
  const run =
    <A extends unknown[]>(command: (...args: [...A, CliIo]) => Promise<number>) =>
    async (...args: [...A, unknown]) =>
      exit(await command(...(args.slice(0, -1) as A), io))

  program
    .command('parse')
    .description(h.parse.what)
    .option('--roster <file>', h.options.roster)
    .option('--json', h.options.json)
    .option('--explain', h.parse.explain)
    .action(run(parseCommand))

  withPaths(program.command('ingest').description(h.ingest.what))
    .argument('[export]', h.ingest.file)
    .option('--evidence-dir <dir>', h.ingest.evidenceDir)
    .action(run(ingestCommand))

  const roster = program.command('roster').description(h.roster.what)
  roster
    .command('check')
    .description(h.roster.check)
    .argument('[file]', h.roster.file)
    .action(run(rosterCheckCommand))
  roster
    .command('import')
    .description(h.roster.import)
    .argument('<sheet>', h.roster.sheet)
    .option('--rooms <file>', h.roster.rooms)
    .option('--timezone <zone>', h.roster.timezone, defaultTimezone)
    .option('--out <file>', h.roster.importOut)
    .action(run(rosterImportCommand))
  roster
    .command('export')
    .description(h.roster.export)
    .option('--roster <file>', h.options.roster)
    .option('--out <file>', h.roster.exportOut)
    .action(run(rosterExportCommand))

  const bulletin = program.command('bulletin').description(h.bulletin.what)
  withPaths(bulletin.command('work').description(h.bulletin.work))
    .option('--date <day>', h.options.date)
    .option('--deadline <time>', h.options.deadline)
    .option('--json', h.options.json)
    .action(run((options: BulletinOptions, io: CliIo) => bulletinCommand('work', options, io)))
  withPaths(bulletin.command('inspection').description(h.bulletin.inspection))
    .option('--date <day>', h.options.date)
    .option('--json', h.options.json)
    .action(
      run((options: BulletinOptions, io: CliIo) => bulletinCommand('inspection', options, io)),
    )

  withPaths(program.command('audit').description(h.audit.what), false)
    .option('--from <day>', h.options.from)
    .option('--to <day>', h.options.to)
    .option('--actor <id>', h.audit.actor)
    .option('--target <name>', h.audit.target)
    .option('--action <name>', h.audit.action)
    .option('--timezone <zone>', h.audit.timezone)
    .option('--json', h.options.json)
    .action(run(auditCommand))

  withPaths(program.command('backup').description(h.backup.what), false)
    .option('--out <file>', h.backup.out)
    .option('--evidence-dir <dir>', h.backup.evidenceDir)
    .action(run(backupCommand))

  withPaths(program.command('export').description(h.export.what))
    .option('--from <day>', h.options.from)
    .option('--to <day>', h.options.to)
    .option('--out <file>', h.export.out)
    .option('--max-mb <n>', h.export.maxMb)
    .action(run(exportCommand))

  withPaths(program.command('photos').description(h.photos.what), false)
    .option('--evidence-dir <dir>', h.options.evidenceDir)
    .option('--date <day>', h.photos.date)
    .option('--out <dir>', h.photos.out)
    .action(run(photosCommand))

  const rooms = withPaths(program.command('rooms').description(h.rooms.what))
    .option('--json', h.options.json)
    .action(run(roomsCommand))
  withPaths(rooms.command('bind').description(h.rooms.bind))
    .argument('[room-id]', h.rooms.roomId)
    .option('--expected', h.rooms.expected)
    .option('--seen-before <n>', h.rooms.seenBefore)
    .option('--entry <topic>', h.rooms.entry)
    .option('--role <role>', h.rooms.role)
    .option('--unit <unit>', h.rooms.unit)
    .action(run(roomsBindCommand))
  withPaths(rooms.command('unbind').description(h.rooms.unbind))
    .argument('<room-id>', h.rooms.roomId)
    .action(run(roomsUnbindCommand))

  program
    .command('link')
    .description(h.link.what)
    .option('--role <role>', h.link.role)
    .option('--db <file>', h.options.db)
    .action(run(linkCommand))

  withPaths(program.command('review').description(h.review.what))
    .option('--date <day>', h.options.date)
    .option('--json', h.options.json)
    .action(run(reviewCommand))

  return program
}
