import { helpWords as h } from '../../templates/cli/help-words.js'
import { CliCommand } from './cli-command.js'
import { defaultTimezone } from './dates.js'
import type { BulletinOptions } from './bulletin.js'
import type { CliIo } from './io.js'
import { restoreFastStringMethods } from '../startup/fast-string-methods.js'

/** `bulletin work` or `bulletin inspection`, loaded when it runs. */
async function bulletinOf(kind: 'work' | 'inspection') {
  const { bulletinCommand } = await import('./bulletin.js')
  return (options: BulletinOptions, io: CliIo) => bulletinCommand(kind, options, io)
}

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
  // Commander calls an action with its arguments, the options, then the command itself. Each
  // command's code is loaded when it runs: `--help` or `parse` need not load a workbook writer,
  // a web server and WeChat (a third of a second and some 60 MB).
  const run =
    <A extends unknown[]>(load: () => Promise<(...args: [...A, CliIo]) => Promise<number>>) =>
    async (...args: [...A, unknown]) => {
      const command = await load()
      // Once its libraries are loaded: one of them may have slowed every string method.
      restoreFastStringMethods()
      exit(await command(...(args.slice(0, -1) as A), io))
    }

  program
    .command('parse')
    .description(h.parse.what)
    .option('--roster <file>', h.options.roster)
    .option('--json', h.options.json)
    .option('--explain', h.parse.explain)
    .action(run(async () => (await import('./parse.js')).parseCommand))

  withPaths(program.command('ingest').description(h.ingest.what))
    .argument('[export]', h.ingest.file)
    .option('--evidence-dir <dir>', h.ingest.evidenceDir)
    .action(run(async () => (await import('./ingest.js')).ingestCommand))

  const roster = program.command('roster').description(h.roster.what)
  roster
    .command('check')
    .description(h.roster.check)
    .argument('[file]', h.roster.file)
    .action(run(async () => (await import('./roster-check.js')).rosterCheckCommand))
  roster
    .command('import')
    .description(h.roster.import)
    .argument('<sheet>', h.roster.sheet)
    .option('--rooms <file>', h.roster.rooms)
    .option('--timezone <zone>', h.roster.timezone, defaultTimezone)
    .option('--out <file>', h.roster.importOut)
    .action(run(async () => (await import('./roster-sheet.js')).rosterImportCommand))
  roster
    .command('export')
    .description(h.roster.export)
    .option('--roster <file>', h.options.roster)
    .option('--out <file>', h.roster.exportOut)
    .action(run(async () => (await import('./roster-sheet.js')).rosterExportCommand))

  const bulletin = program.command('bulletin').description(h.bulletin.what)
  withPaths(bulletin.command('work').description(h.bulletin.work))
    .option('--date <day>', h.options.date)
    .option('--deadline <time>', h.options.deadline)
    .option('--json', h.options.json)
    .action(run(async () => bulletinOf('work')))
  withPaths(bulletin.command('inspection').description(h.bulletin.inspection))
    .option('--date <day>', h.options.date)
    .option('--json', h.options.json)
    .action(run(async () => bulletinOf('inspection')))

  withPaths(program.command('audit').description(h.audit.what), false)
    .option('--from <day>', h.options.from)
    .option('--to <day>', h.options.to)
    .option('--actor <id>', h.audit.actor)
    .option('--target <name>', h.audit.target)
    .option('--action <name>', h.audit.action)
    .option('--timezone <zone>', h.audit.timezone)
    .option('--json', h.options.json)
    .action(run(async () => (await import('./audit.js')).auditCommand))

  withPaths(program.command('backup').description(h.backup.what), false)
    .option('--out <file>', h.backup.out)
    .option('--evidence-dir <dir>', h.backup.evidenceDir)
    .action(run(async () => (await import('./backup.js')).backupCommand))

  withPaths(program.command('export').description(h.export.what))
    .option('--from <day>', h.options.from)
    .option('--to <day>', h.options.to)
    .option('--out <file>', h.export.out)
    .option('--max-mb <n>', h.export.maxMb)
    .action(run(async () => (await import('./export.js')).exportCommand))

  withPaths(program.command('photos').description(h.photos.what), false)
    .option('--evidence-dir <dir>', h.options.evidenceDir)
    .option('--date <day>', h.photos.date)
    .option('--out <dir>', h.photos.out)
    .action(run(async () => (await import('./photos.js')).photosCommand))

  const rooms = withPaths(program.command('rooms').description(h.rooms.what))
    .option('--json', h.options.json)
    .action(run(async () => (await import('./rooms.js')).roomsCommand))
  withPaths(rooms.command('bind').description(h.rooms.bind))
    .argument('[room-id]', h.rooms.roomId)
    .option('--expected', h.rooms.expected)
    .option('--seen-before <n>', h.rooms.seenBefore)
    .option('--entry <topic>', h.rooms.entry)
    .option('--role <role>', h.rooms.role)
    .option('--unit <unit>', h.rooms.unit)
    .action(run(async () => (await import('./rooms.js')).roomsBindCommand))
  withPaths(rooms.command('unbind').description(h.rooms.unbind))
    .argument('<room-id>', h.rooms.roomId)
    .action(run(async () => (await import('./rooms.js')).roomsUnbindCommand))

  program
    .command('link')
    .description(h.link.what)
    .option('--role <role>', h.link.role)
    .option('--db <file>', h.options.db)
    .action(run(async () => (await import('./link.js')).linkCommand))

  withPaths(program.command('core').description(h.core.what)).action(
    run(async () => (await import('./core.js')).coreCommand),
  )

  withPaths(program.command('review').description(h.review.what))
    .option('--date <day>', h.options.date)
    .option('--json', h.options.json)
    .action(run(async () => (await import('./review.js')).reviewCommand))

  program
    .command('gateway')
    .description(h.gateway.what)
    .option('--account <id>', h.gateway.account)
    .action(run(async () => (await import('./gateway.js')).gatewayCommand))

  return program
}
