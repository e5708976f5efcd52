import { retractFieldRecords, retractNotes } from '../../db/field-records.js'
import { getMessage, markRecalled, recalledAt } from '../../db/messages.js'
import { retractMessage } from '../../db/reports.js'
import { auditChange } from '../audit-change.js'
import type { Handler } from '../chain.js'
import type { MessageContext } from '../context.js'

/**
 * A recalled message retracts whatever it recorded, and the liaison is told which figures no
 * longer count, in that room. Only its sender, in its room, can recall it: a recall naming
 * another person's or another room's message is logged and changes nothing.
 */
export const recallHandler: Handler = async (ctx, next) => {
  if (ctx.inbound.type !== 'recalled') return next()
  const { db, templates } = ctx.deps
  const recalledId = ctx.inbound.text.trim()
  const original = getMessage(db, recalledId)
  if (
    !original ||
    original.roomId !== ctx.inbound.roomId ||
    original.senderId !== ctx.inbound.senderId
  ) {
    ctx.log.warn(
      { recalledId, found: Boolean(original), originalRoomId: original?.roomId },
      'recall ignored: not a message of this sender in this room',
    )
    return
  }
  markRecalled(db, recalledId, ctx.inbound.sentAt)
  retractFieldRecords(db, recalledId)
  retractNotes(db, recalledId)
  const retracted = retractMessage(db, recalledId).filter((r) => r.status === 'counted')
  for (const r of retracted)
    auditChange(ctx, 'retract', r.unit, { day: r.day, count: r.count }, null)
  ctx.log.info({ recalledId, retracted: retracted.length }, 'message recalled')
  if (retracted.length > 0) {
    await ctx.reply(
      templates.render('retracted', {
        records: retracted.map(({ unit, count }) => ({ unit, count })),
      }),
    )
  }
}

/**
 * Whether a message handled again (`mayRepeat`) was recalled by its sender while it was being
 * handled: it then records nothing and asks nothing.
 */
export function recalledMeanwhile(ctx: MessageContext): boolean {
  return ctx.mayRepeat && Boolean(recalledAt(ctx.deps.db, ctx.inbound.id))
}
