import { linkTtlMs, sessionTtlMs } from '../web/links.js'
import type { Command } from './command.js'

/**
 * #大屏: a one-time sign-in link to the command-centre page, said in a command room. The link is
 * posted in the room, where anyone in it may open it first, so it always opens a commander's
 * view, whoever asks: an admin's view comes from `redband link --role admin` at the server.
 */
export const screenLinkCommand: Command = {
  name: '大屏',
  roles: ['commander', 'admin'],
  async run(ctx) {
    const { templates, signInLink } = ctx.deps
    const inCommandRoom = ctx.room?.role === 'command'
    const url = inCommandRoom
      ? signInLink?.('commander', { id: ctx.inbound.senderId, name: ctx.inbound.senderName })
      : undefined
    if (url) ctx.log.info({ role: 'commander' }, 'sign-in link to the page given')
    await ctx.reply(
      templates.render('screen-link', {
        url: url ?? '',
        minutes: linkTtlMs / 60_000,
        hours: sessionTtlMs / 3600_000,
        elsewhere: !inCommandRoom,
      }),
    )
  },
}
