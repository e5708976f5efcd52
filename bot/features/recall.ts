import { retractFieldRecords, retractNotes } from '../../db/field-records.js'
import { markRecalled } from '../../db/messages.js'
import { retractMessage } from '../../db/reports.js'
import { auditChange } from '../audit-change.js'
import type { MessageContext } from '../context.js'

/** A recalled message retracts whatever it recorded; a liaison is told which figures no longer count. */
export async function handleRecall(ctx: MessageContext): Promise<void> {
  const recalledId = ctx.inbound.text.trim()
  markRecalled(ctx.deps.db, recalledId, ctx.inbound.sentAt)
  retractFieldRecords(ctx.deps.db, recalledId)
  retractNotes(ctx.deps.db, recalledId)
  const retracted = retractMessage(ctx.deps.db, recalledId).filter((r) => r.status === 'counted')
  for (const r of retracted)
    auditChange(ctx, 'retract', r.unit, { day: r.day, count: r.count }, null)
  ctx.log.info({ recalledId, retracted: retracted.length }, 'message recalled')
  if (retracted.length > 0) {
    await ctx.reply(
      ctx.deps.templates.render('retracted', {
        records: retracted.map(({ unit, count }) => ({ unit, count })),
      }),
    )
  }
}
