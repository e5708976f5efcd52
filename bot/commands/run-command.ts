import type { ParsedCommand } from '../../src/parse/types.js'
import { roleNames, rolesOf } from '../../src/roles/roles.js'
import type { MessageContext } from '../context.js'
import type { Command } from './command.js'
import { confirmCommand } from './confirm.js'
import { helpCommand } from './help.js'
import { missingUnitsCommand } from './missing-units.js'
import { workBulletinCommand } from './work-bulletin.js'

export const commands: Command[] = [
  confirmCommand,
  workBulletinCommand,
  missingUnitsCommand,
  helpCommand,
]

export function findCommand(name: string): Command | undefined {
  return commands.find((c) => c.name === name || c.aliases?.includes(name))
}

/** Runs a command when the speaker's role allows it; every refusal is polite, logged, and changes nothing. */
export async function runCommand(ctx: MessageContext, parsed: ParsedCommand): Promise<void> {
  const { templates } = ctx.deps
  const command = findCommand(parsed.name)
  if (!command) {
    ctx.log.info({ command: parsed.name }, 'unknown command')
    await ctx.reply(templates.render('unknown-command', { name: parsed.name }))
    return
  }
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
