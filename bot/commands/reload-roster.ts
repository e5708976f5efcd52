import { auditChange } from '../audit-change.js'
import type { Command } from './command.js'

/** The problems a refusal lists in chat; the log has every one. */
const shownProblems = 8

/**
 * #重载名册: an admin has the roster file read again. A good one is in force for new messages at
 * once, and the admin is told what changed; a bad one is refused, naming the file and its
 * problems, and the roster in force is kept.
 */
export const reloadRosterCommand: Command = {
  name: '重载名册',
  roles: ['admin'],
  async run(ctx) {
    const { templates, reloadRoster } = ctx.deps
    if (!reloadRoster) return
    const result = reloadRoster()
    if (!result.ok) {
      await ctx.reply(
        templates.render('roster-refused', {
          file: result.file,
          problems: result.problems.slice(0, shownProblems),
          more: Math.max(0, result.problems.length - shownProblems),
        }),
      )
      return
    }
    auditChange(ctx, 'reload-roster', result.file, null, {
      units: result.units,
      rooms: result.rooms,
      added: result.added,
      removed: result.removed,
    })
    await ctx.reply(
      templates.render('roster-reloaded', {
        file: result.file,
        units: result.units,
        rooms: result.rooms,
        added: result.added.join('、'),
        removed: result.removed.join('、'),
        stale: result.stale.join('、'),
        waiting: result.waiting,
      }),
    )
  },
}
