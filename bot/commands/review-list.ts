import { reviewItemsOf } from '../../db/review.js'
import { dayLabel } from '../../templates/report-views.js'
import { reviewLine } from '../../templates/review-line.js'
import { splitMessage } from '../../templates/split-message.js'
import type { Command } from './command.js'
import { dayArgument } from './work-bulletin.js'

/** The longest part of a message shown in the list: enough to see what it says. */
const textShown = 40

/**
 * #待核 [日期]: the messages of a day that may be reports but were not read (their senders were
 * asked for the plain form), still open, one line each, in as many messages as it takes.
 */
export const reviewListCommand: Command = {
  name: '待核',
  roles: ['commander', 'admin'],
  async run(ctx, command) {
    const day = await dayArgument(ctx, command)
    if (day === undefined) return
    const { db, roster, templates } = ctx.deps
    const items = reviewItemsOf(db, { day, status: 'open' })
    const text = templates.render('review-list', {
      dayLabel: dayLabel(day, ctx.day),
      count: items.length,
      items: items.map((item) => reviewLine(item, roster.timezone, textShown)),
    })
    ctx.log.info({ day, items: items.length }, 'review list')
    for (const part of splitMessage(text)) await ctx.reply(part)
  },
}
