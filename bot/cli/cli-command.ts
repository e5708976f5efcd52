import { Command, Help } from 'commander'
import { closest } from 'fastest-levenshtein'
import { cliWords } from '../../templates/cli/cli-words.js'
import { helpWords } from '../../templates/cli/help-words.js'

const defaultHelp = new Help()

/** Commander's usage lines with their placeholders in Chinese: `bulletin work [选项]`. */
function inChinese(usage: string): string {
  return usage.replace(/\[(options|command)\]/g, (_, word: string) => helpWords.placeholders[word]!)
}

/** How a usage mistake ends: exit code 2, as the shell's own builtins do. */
const usageExit = { exitCode: 2 }

/** `bulletin work`: the command as the operator types it after `redband`. */
export function commandPath(command: Command): string {
  const names: string[] = []
  for (let c: Command | null = command; c?.parent; c = c.parent) names.unshift(c.name())
  return names.join(' ')
}

/**
 * A commander Command that states its mistakes in Chinese on one line, naming the nearest valid
 * command or option however far it is. Commander builds these messages in English in the hooks
 * overridden here (commander is pinned to an exact version, and test/bot/cli covers each hook).
 */
export class CliCommand extends Command {
  constructor(name?: string) {
    super(name)
    this.helpOption('-h, --help', helpWords.help)
    this.configureHelp({
      styleTitle: (title) => helpWords.titles[title] ?? title,
      commandUsage: (command) => inChinese(defaultHelp.commandUsage(command)),
      subcommandTerm: (command) => inChinese(defaultHelp.subcommandTerm(command)),
    })
  }

  override createCommand(name?: string): CliCommand {
    return new CliCommand(name)
  }

  unknownCommand(): never {
    const written = this.args[0] ?? ''
    const names = this.commands.map((c) => c.name())
    this.error(cliWords.unknownCommand(written, closest(written, names)), {
      ...usageExit,
      code: 'commander.unknownCommand',
    })
  }

  unknownOption(flag: string): never {
    const longs = ['--help', ...this.options.flatMap((o) => (o.long ? [o.long] : []))]
    this.error(cliWords.unknownOption(flag, closest(flag, longs)), {
      ...usageExit,
      code: 'commander.unknownOption',
    })
  }

  missingArgument(name: string): never {
    this.mistake(cliWords.missingArgument(name.toUpperCase()), 'commander.missingArgument')
  }

  optionMissingArgument(option: { flags: string }): never {
    this.mistake(cliWords.optionMissingValue(option.flags), 'commander.optionMissingArgument')
  }

  /** Words after a command that takes none: with subcommands, the first is a mistyped one. */
  _excessArguments(received: string[]): never {
    if (this.commands.length > 0) this.unknownCommand()
    const extra = received.slice(this.registeredArguments.length)
    this.mistake(cliWords.excessArguments(extra), 'commander.excessArguments')
  }

  private mistake(text: string, code: string): never {
    this.error(`${text}${cliWords.seeHelp(commandPath(this))}`, { ...usageExit, code })
  }
}
