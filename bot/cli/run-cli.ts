import { CommanderError, type Command } from 'commander'
import { RosterError } from '../../src/roster/parse-roster.js'
import { cliWords } from '../../templates/cli/cli-words.js'
import { rosterProblemWords } from '../../templates/roster-problem-words.js'
import { isKnownProblem } from '../startup/fatal-text.js'
import { commandPath } from './cli-command.js'
import { CliProblem, print, UsageError, type CliIo } from './io.js'
import { cliProgram } from './program.js'

/**
 * Runs one CLI command; returns the exit code: 0 done (and help), 1 a problem the operator can
 * fix, 2 a usage mistake. Known failures print one clear sentence.
 * @example await runCli(['bulletin', 'work', '--date', '昨天'], { stdin, stdout, stderr, env })
 */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  let code = 0
  let running: Command | undefined
  const program = cliProgram(io, (exit) => (code = exit))
  program.hook('preAction', (_, action) => {
    running = action
  })
  if (argv.length === 0) {
    program.outputHelp()
    return 0
  }
  try {
    await program.parseAsync(argv, { from: 'user' })
    return code
  } catch (error) {
    // Commander has printed its help or its one-line mistake already.
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2
    if (error instanceof UsageError) {
      print(io.stderr, `${error.message}${cliWords.seeHelp(running ? commandPath(running) : '')}`)
      return 2
    }
    if (error instanceof RosterError) {
      print(
        io.stderr,
        cliWords.roster.unusable(error.source, error.details.map(rosterProblemWords)),
      )
      return 1
    }
    if (error instanceof CliProblem || isKnownProblem(error)) {
      print(io.stderr, error.message)
      return 1
    }
    throw error
  }
}
