import { inspectionBulletinOf } from '../../db/inspection-queries.js'
import { renderInspectionBulletin } from '../../templates/inspection-bulletin-views.js'
import type { Command } from './command.js'
import { dayArgument } from './work-bulletin.js'

/** #督导通报 [日期]: the inspection-status bulletin of a day (default today), in as many messages as it takes. */
export const inspectionBulletinCommand: Command = {
  name: '督导通报',
  roles: ['commander', 'inspector'],
  async run(ctx, command) {
    const day = await dayArgument(ctx, command)
    if (day === undefined) return
    const { db, roster, templates } = ctx.deps
    const bulletin = inspectionBulletinOf(db, roster, day)
    const parts = renderInspectionBulletin(templates, bulletin, { today: ctx.day })
    ctx.log.info(
      {
        day,
        onDuty: bulletin.rates.onDuty.value,
        unanswered: bulletin.unanswered.length,
        parts: parts.length,
      },
      'inspection bulletin',
    )
    for (const part of parts) await ctx.reply(part)
  },
}
