import { exampleUnitFor } from '../../src/roster/example-unit.js'
import type { Command } from './command.js'

/** #帮助: the commands the asker may use where they ask. */
export const helpCommand: Command = {
  name: '帮助',
  aliases: ['help', '菜单'],
  roles: ['liaison', 'commander', 'inspector', 'admin'],
  async run(ctx) {
    const { roles } = ctx
    await ctx.reply(
      ctx.deps.templates.render('help', {
        liaison: roles.has('liaison'),
        commander: roles.has('commander'),
        inspector: roles.has('inspector'),
        admin: roles.has('admin'),
        exampleUnit: exampleUnitFor(ctx.deps.roster, ctx.room, ctx.rooms()),
      }),
    )
  },
}
