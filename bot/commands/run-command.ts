import type { ParsedCommand } from '../../src/parse/types.js'
import { roleNames, rolesOf } from '../../src/roles/roles.js'
import type { MessageContext } from '../context.js'
import type { Command } from './command.js'
import { confirmCommand } from './confirm.js'
import { fieldRecordCommand } from './field-record.js'
import { helpCommand } from './help.js'
import { inspectionBulletinCommand } from './inspection-bulletin.js'
import { missingUnitsCommand } from './missing-units.js'
import { commendationCommand, focusCommand, problemCommand } from './notes.js'
import { spotCheckCommand } from './spot-check.js'
import { workBulletinCommand } from './work-bulletin.js'

export const commands: Command[] = [
  confirmCommand,
  workBulletinCommand,
  inspectionBulletinCommand,
  missingUnitsCommand,
  spotCheckCommand,
  fieldRecordCommand,
  commendationCommand,
  problemCommand,
  focusCommand,
  helpCommand,
]

export function findCommand(name: string): Command | undefined {
  return commands.find((c) => c.name === name || c.aliases?.includes(name))
}

/**
 * The command a message names, also when its first argument is glued to the name
 * (#督检东华所 …): the longest command name the word starts with takes it.
 */
function resolveCommand(
  parsed: ParsedCommand,
): { command: Command; parsed: ParsedCommand } | undefined {
  const exact = findCommand(parsed.name)
  if (exact) return { command: exact, parsed }
  const names = commands
    .flatMap((c) => [c.name, ...(c.aliases ?? [])])
    .sort((a, b) => b.length - a.length)
  const name = names.find((n) => parsed.name.startsWith(n))
  if (name === undefined) return undefined
  const glued = parsed.name.slice(name.length)
  return {
    command: findCommand(name)!,
    parsed: { name, args: [glued, ...parsed.args], rest: `${glued} ${parsed.rest}`.trim() },
  }
}

/** Runs a command when the speaker's role allows it; every refusal is polite, logged, and changes nothing. */
export async function runCommand(ctx: MessageContext, written: ParsedCommand): Promise<void> {
  const { templates } = ctx.deps
  const resolved = resolveCommand(written)
  if (!resolved) {
    ctx.log.info({ command: written.name }, 'unknown command')
    await ctx.reply(templates.render('unknown-command', { name: written.name }))
    return
  }
  const { command, parsed } = resolved
  if (ctx.deps.replay && !command.changesRecords) return
  const roles = rolesOf(ctx.room?.role, false)
  if (!command.roles.some((role) => roles.has(role))) {
    ctx.log.warn({ command: command.name, roles: [...roles] }, 'command refused: role not allowed')
    await ctx.reply(
      templates.render('refused', {
        name: command.name,
        allowed: command.roles.map((r) => roleNames[r]).join('、'),
      }),
    )
    return
  }
  ctx.log.info({ command: command.name, args: parsed.args }, 'command')
  await command.run(ctx, parsed)
}
