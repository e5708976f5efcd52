import { getMessage } from '../../db/messages.js'
import { confirmHeld, heldReports } from '../../db/reports.js'
import { unitsOfRoom } from '../../src/roster/room-units.js'
import { chineseDate } from '../../src/time/zoned.js'
import { auditChange } from '../audit-change.js'
import type { Command } from './command.js'

/**
 * #确认: counts the figures the sender posted today, in this room, that were held as implausible,
 * for units this room may still report for.
 */
export const confirmCommand: Command = {
  name: '确认',
  roles: ['liaison'],
  changesRecords: true,
  async run(ctx) {
    const { db, templates } = ctx.deps
    const scope = ctx.room ? unitsOfRoom(ctx.deps.roster, ctx.room, ctx.rooms()) : new Set()
    const held = heldReports(db, ctx.inbound.senderId, ctx.day).filter(
      (r) => scope.has(r.unit) && getMessage(db, r.messageId)?.roomId === ctx.inbound.roomId,
    )
    if (held.length === 0) {
      await ctx.reply(templates.render('nothing-to-confirm', {}))
      return
    }
    const confirmed = confirmHeld(
      db,
      held.map((r) => r.id),
      ctx.inbound.sentAt,
    )
    for (const r of confirmed)
      auditChange(ctx, 'confirm', r.unit, null, { day: r.day, count: r.count })
    ctx.log.info({ confirmed: confirmed.length }, 'held figures confirmed')
    await ctx.reply(
      templates.render('confirmed', {
        dayLabel: chineseDate(ctx.day),
        records: confirmed.map(({ unit, count }) => ({ unit, count })),
      }),
    )
  },
}
