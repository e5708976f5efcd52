import type { FastifyInstance } from 'fastify'
import type { Db } from '../../db/client.js'
import { bindExpectedRooms, roomReportOf } from '../../db/room-report.js'
import type { Logger } from '../../src/logger.js'
import type { Roster } from '../../src/roster/roster.js'
import { roomsView } from '../../src/web/rooms-view.js'
import { auditRequest, refuse, requireAction, requireView } from './sessions.js'

export interface RoomsDeps {
  db: Db
  roster: Roster
  log: Logger
  now: () => number
  /** Messages held for a room that was replaced are tried again (the plugin's retryHeld). */
  retryHeld?: () => void
  /** Open pages are told the rooms changed. */
  changed: () => void
}

/**
 * GET /api/rooms: the roster's rooms against the rooms the bot sees (commanders and admins).
 * POST /api/rooms/bind-expected: an admin confirms every waiting room in one step, as
 * `redband rooms bind --expected --seen-before` does: only rooms seen before the list was read.
 */
export function registerRooms(app: FastifyInstance, deps: RoomsDeps): void {
  const { db, roster, log, now } = deps
  app.get('/api/rooms', { preHandler: requireView('rooms') }, async (_request, reply) => {
    reply.header('cache-control', 'no-store')
    return roomsView(roomReportOf(db, roster), now())
  })

  app.post<{ Body: { seenBefore?: unknown } }>(
    '/api/rooms/bind-expected',
    {
      onRequest: app.csrfProtection,
      preHandler: requireAction(deps, 'bind-rooms'),
    },
    async (request, reply) => {
      const session = request.webSession!
      const { seenBefore } = request.body ?? {}
      if (typeof seenBefore !== 'number' || !Number.isSafeInteger(seenBefore))
        return refuse(reply, 400, 'bad-request')
      const at = now()
      const bound = bindExpectedRooms(
        db,
        roster,
        { actorId: session.actorId, actorName: session.actorName },
        at,
        Math.min(seenBefore, at),
      )
      auditRequest(db, at, session, 'web', 'rooms bind --expected', {
        seenBefore,
        bound: bound.length,
      })
      log.info({ bound: bound.length, by: session.actorId }, 'web: rooms confirmed')
      deps.retryHeld?.()
      deps.changed()
      return { bound: bound.map((row) => ({ topic: row.topic, roomId: row.roomId })) }
    },
  )
}
