import { shortened } from '../../src/parse/normalize.js'
import type { ParsedCommand } from '../../src/parse/types.js'
import { roleNames } from '../../src/roles/roles.js'
import { auditChange } from '../audit-change.js'
import type { Handler } from '../chain.js'
import type { MessageContext } from '../context.js'
import type { Command } from './command.js'
import { bindCommand, statusCommand, unbindCommand } from './admin.js'
import { chartsCommand } from './charts.js'
import { confirmCommand } from './confirm.js'
import { dataExportCommand } from './export.js'
import { fieldRecordCommand } from './field-record.js'
import { helpCommand } from './help.js'
import { inspectionBulletinCommand } from './inspection-bulletin.js'
import { missingUnitsCommand } from './missing-units.js'
import { commendationCommand, focusCommand, problemCommand } from './notes.js'
import { rankingCommand } from './ranking.js'
import { screenLinkCommand } from './screen-link.js'
import { reloadRosterCommand } from './reload-roster.js'
import { reviewListCommand } from './review-list.js'
import { spotCheckCommand } from './spot-check.js'
import { trendCommand } from './trend.js'
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
  chartsCommand,
  trendCommand,
  dataExportCommand,
  rankingCommand,
  screenLinkCommand,
  reviewListCommand,
  bindCommand,
  unbindCommand,
  statusCommand,
  reloadRosterCommand,
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

/** One audit line for a command: who gave it, where, and how it went. */
function auditCommand(ctx: MessageContext, action: string, name: string, args: string[]): void {
  auditChange(ctx, action, name, null, { args: args.slice(0, 20) })
}

/**
 * Runs a command when the speaker's role allows it and they have not given too many lately.
 * Every refusal is polite, logged, audited, and changes nothing.
 */
export async function runCommand(ctx: MessageContext, written: ParsedCommand): Promise<void> {
  const { templates, commandLimiter, replay } = ctx.deps
  const resolved = resolveCommand(written)
  if (replay && !resolved?.command.changesRecords) return
  if (commandLimiter) {
    const allowance = await commandLimiter.allow(ctx.inbound.senderId, ctx.inbound.id)
    if (allowance !== 'run') {
      ctx.log.warn(
        { command: written.name, allowance },
        'command refused: too many from this person',
      )
      auditCommand(ctx, 'rate-limited', written.name, written.args)
      if (allowance === 'refuse') await ctx.reply(templates.render('rate-limited', {}))
      return
    }
  }
  if (!resolved) {
    ctx.log.info({ command: written.name }, 'unknown command')
    auditCommand(ctx, 'unknown-command', written.name, written.args)
    await ctx.reply(templates.render('unknown-command', { name: shortened(written.name, 20) }))
    return
  }
  const { command, parsed } = resolved
  if (!command.roles.some((role) => ctx.roles.has(role))) {
    ctx.log.warn(
      { command: command.name, roles: [...ctx.roles] },
      'command refused: role not allowed',
    )
    auditCommand(ctx, 'refused', command.name, parsed.args)
    await ctx.reply(
      templates.render('refused', {
        name: command.name,
        allowed: command.roles.map((r) => roleNames[r]).join('、'),
      }),
    )
    return
  }
  ctx.log.info({ command: command.name, args: parsed.args }, 'command')
  auditCommand(ctx, 'command', command.name, parsed.args)
  await command.run(ctx, parsed)
}

/** A text the parser reads as a command runs as one (by role); anything else passes on. */
export const commandHandler: Handler = async (ctx, next) => {
  if (ctx.inbound.type !== 'text') return next()
  const parsed = ctx.parse()
  if (parsed.kind !== 'command') return next()
  await runCommand(ctx, parsed.command)
}
