import type { Handler } from '../chain.js'
import { noticeUnboundRoom } from '../rooms/notice-unbound.js'

/**
 * A room no admin confirmed gains nothing, whatever it is called: its figures do not count and
 * its commands do not run, but an admin's (#绑定 there). Replaying an export tells no one.
 */
export const unboundRoomHandler: Handler = async (ctx, next) => {
  if (ctx.room) return next()
  if (ctx.inbound.type === 'text' && ctx.parse().kind === 'command' && ctx.roles.has('admin'))
    return next()
  if (ctx.deps.replay) return
  await noticeUnboundRoom(
    ctx.deps,
    { id: ctx.inbound.roomId, topic: ctx.inbound.roomTopic },
    ctx.inbound.senderName,
  )
}
