import type { FastifyInstance } from 'fastify'
import { reviewItemsOf } from '../../db/review.js'
import type { ReviewStatus } from '../../db/schema.js'
import { isDay, localStamp } from '../../src/time/zoned.js'
import {
  dismissReview,
  recordReviewFigure,
  type SettleDeps,
  type SettleOutcome,
} from '../features/settle-review.js'
import { auditRequest, refuse, requireAction, requireView } from './sessions.js'

export interface ReviewDeps extends SettleDeps {
  /** Open pages are told the figures changed. */
  changed: () => void
}

const statuses: readonly ReviewStatus[] = ['open', 'recorded', 'dismissed']

/** HTTP status of a settle problem: the item moved on (409) or the request was wrong (400). */
function statusOf(outcome: Extract<SettleOutcome, { ok: false }>): number {
  if (outcome.problem === 'not-found') return 404
  return ['settled', 'recalled', 'room-unbound'].includes(outcome.problem) ? 409 : 400
}

/**
 * GET /api/review[?date&status]: messages that may be reports but were not read (待核), with
 * sender, room and time (commanders and admins). POST …/:id/record: an admin records the figure
 * (unit, count, reason) in one step, audited and answered in the room with a receipt, as the bot
 * does for any report; POST …/:id/dismiss: an admin dismisses it.
 */
export function registerReview(app: FastifyInstance, deps: ReviewDeps): void {
  const { db, roster, log, now } = deps
  app.get<{ Querystring: { date?: string; status?: string } }>(
    '/api/review',
    { preHandler: requireView('review') },
    async (request, reply) => {
      const { date, status = 'open' } = request.query
      if ((date !== undefined && !isDay(date)) || !statuses.includes(status as ReviewStatus))
        return refuse(reply, 400, 'bad-request')
      reply.header('cache-control', 'no-store')
      const time = (at: number) => localStamp(at, roster.timezone)
      return {
        items: reviewItemsOf(db, {
          ...(date ? { day: date } : {}),
          status: status as ReviewStatus,
        }).map((item) => ({
          messageId: item.messageId,
          day: item.day,
          sent: time(item.sentAt),
          roomTopic: item.roomTopic,
          senderName: item.senderName,
          text: item.text,
          units: item.units,
          why: item.why,
          status: item.status,
          settled: item.settledAt === null ? null : time(item.settledAt),
        })),
      }
    },
  )

  const settle = { onRequest: app.csrfProtection, preHandler: requireAction(deps, 'settle-review') }

  app.post<{ Params: { id: string }; Body: { unit?: unknown; count?: unknown; reason?: unknown } }>(
    '/api/review/:id/record',
    settle,
    async (request, reply) => {
      const session = request.webSession!
      const { unit, count, reason } = request.body ?? {}
      if (typeof unit !== 'string' || typeof count !== 'number' || typeof reason !== 'string')
        return refuse(reply, 400, 'bad-request')
      const by = { id: session.actorId, name: session.actorName }
      const outcome = await recordReviewFigure(deps, request.params.id, { unit, count, reason }, by)
      auditRequest(db, now(), session, 'web', 'review record', {
        messageId: request.params.id,
        unit,
        count,
        outcome: outcome.ok ? 'recorded' : outcome.problem,
      })
      if (!outcome.ok) return refuse(reply, statusOf(outcome), outcome.problem)
      log.info({ messageId: request.params.id, by: by.id }, 'web: review item recorded')
      deps.changed()
      return { status: outcome.item.status }
    },
  )

  app.post<{ Params: { id: string }; Body: { reason?: unknown } }>(
    '/api/review/:id/dismiss',
    settle,
    async (request, reply) => {
      const session = request.webSession!
      const reason = typeof request.body?.reason === 'string' ? request.body.reason : ''
      const outcome = dismissReview(
        deps,
        request.params.id,
        { id: session.actorId, name: session.actorName },
        reason,
      )
      auditRequest(db, now(), session, 'web', 'review dismiss', {
        messageId: request.params.id,
        outcome: outcome.ok ? 'dismissed' : outcome.problem,
      })
      if (!outcome.ok) return refuse(reply, statusOf(outcome), outcome.problem)
      deps.changed()
      return { status: outcome.item.status }
    },
  )
}
