import { workBulletinOf } from '../../db/bulletin-queries.js'
import type { ParsedCommand } from '../../src/parse/types.js'
import { parseDayArg } from '../../src/time/parse-day-arg.js'
import type { Day } from '../../src/time/zoned.js'
import { badDateView, renderWorkBulletin } from '../../templates/bulletin-views.js'
import type { MessageContext } from '../context.js'
import type { Command } from './command.js'
import { shortened } from '../../src/parse/normalize.js'

/**
 * The day a command's date argument names, or undefined after replying how to write one
 * (a date it cannot read, or one still to come).
 */
export async function dayArgument(
  ctx: MessageContext,
  command: ParsedCommand,
): Promise<Day | undefined> {
  const day = parseDayArg(command.rest, ctx.day)
  if (day !== undefined && day <= ctx.day) return day
  await ctx.reply(
    ctx.deps.templates.render(
      'bad-date',
      badDateView(command.name, shortened(command.rest, 20), day !== undefined),
    ),
  )
  return undefined
}

/** #工作通报 [日期]: the work-status bulletin of a day (default today), in as many messages as it takes. */
export const workBulletinCommand: Command = {
  name: '工作通报',
  roles: ['commander'],
  async run(ctx, command) {
    const day = await dayArgument(ctx, command)
    if (day === undefined) return
    const { db, roster, schedule, templates } = ctx.deps
    const bulletin = workBulletinOf(db, roster, schedule, day)
    const parts = renderWorkBulletin(templates, bulletin, { today: ctx.day })
    ctx.log.info(
      { day, total: bulletin.total, missing: bulletin.missing.length, parts: parts.length },
      'work bulletin',
    )
    for (const part of parts) await ctx.reply(part)
  },
}
