import { workBulletinOf } from '../../db/bulletin-queries.js'
import { leavesOf } from '../../src/roster/room-units.js'
import { chineseDate, localTime } from '../../src/time/zoned.js'
import { renderMissingUnits, type MissingUnitsOptions } from '../../templates/bulletin-views.js'
import type { Command } from './command.js'
import { dayArgument } from './work-bulletin.js'

/**
 * #未报 [日期]: the leaf units that have not reported. In a command room, all of them by
 * top-level unit; in a liaison room, only the room's (leavesOf).
 */
export const missingUnitsCommand: Command = {
  name: '未报',
  roles: ['commander', 'liaison'],
  async run(ctx, command) {
    const day = await dayArgument(ctx, command)
    if (day === undefined) return
    const { db, roster, schedule, templates } = ctx.deps
    const bulletin = workBulletinOf(db, roster, schedule, day)
    const today = day === ctx.day
    const options: MissingUnitsOptions = {
      dayLabel: today ? '今日' : chineseDate(day),
      asOf: today ? `截至 ${localTime(ctx.inbound.sentAt, roster.timezone)}` : '',
      nudge: false,
    }
    if (ctx.room?.role === 'liaison') {
      options.nudge = today
      if (ctx.room.unit !== undefined) options.scope = ctx.room.unit
      else options.units = leavesOf(roster, ctx.room, ctx.rooms())
    }
    for (const part of renderMissingUnits(templates, bulletin, options)) await ctx.reply(part)
  },
}
