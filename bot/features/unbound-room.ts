import type { Handler } from '../chain.js'
import { noticeUnboundRoom } from '../rooms/notice-unbound.js'

/**
 * A room no admin confirmed gains nothing, whatever it is called: its figures do not count and
 * its commands do not run, but an admin's (#绑定 there). Replaying an export tells no one. Just
 * after a login, before the rooms are known again, an unbound room may be a bound one whose id
 * changed (wechat4u gives new ids at each login): its message waits until they are known.
 */
export const unboundRoomHandler: Handler = async (ctx, next) => {
  if (ctx.room) return next()
  if (ctx.deferUntilRoomsKnown()) {
    ctx.log.debug('room not bound (yet): handled again once the rooms are known after the login')
    return
  }
  if (ctx.inbound.type === 'text' && ctx.parse().kind === 'command' && ctx.roles.has('admin'))
    return next()
  if (ctx.deps.replay) return
  await noticeUnboundRoom(
    ctx.deps,
    { id: ctx.inbound.roomId, topic: ctx.inbound.roomTopic },
    { spoke: ctx.inbound.senderName },
  )
}
