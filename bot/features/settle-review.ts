import { audit, type AuditEntry } from '../../db/audit.js'
import type { Db } from '../../db/client.js'
import { currentFigure, recordReport } from '../../db/reports.js'
import { getReviewItem, settleReviewItem, type ReviewEntry } from '../../db/review.js'
import { resolveUnit } from '../../src/roster/queries.js'
import { unitsOfRoom } from '../../src/roster/room-units.js'
import { localDay, localTime } from '../../src/time/zoned.js'
import { dayLabel, receiptView } from '../../templates/report-views.js'
import type { BotDeps } from '../context.js'

/** What settling a review item needs of the bot: its store, roster, rooms, words and outbox. */
export type SettleDeps = Pick<
  BotDeps,
  'db' | 'roster' | 'rooms' | 'templates' | 'send' | 'log' | 'now'
>

/** Who settles a review item (an admin), as the audit log names them. */
export interface Settler {
  id: string
  name: string
}

/** The figure an admin read in a review item's message. */
export interface ReviewFigure {
  /** The unit, as written or canonical (龙城所, 龙城派出所). */
  unit: string
  count: number
  /** Why this figure, for the audit log (看图核实, 电话确认 146 人). */
  reason: string
}

/**
 * Why a review item was not settled; nothing changed:
 * - `not-found`: no review item for that message;
 * - `settled`: it is no longer open (`item` says how, by whom, when);
 * - `recalled`: its sender took the message back;
 * - `unknown-unit`: the unit is not in the roster;
 * - `out-of-scope`: the message's room does not report for that unit;
 * - `room-unbound`: the message's room is no longer a liaison room in force, so nobody would be answered;
 * - `bad-count`: the count is not a whole number of people (0 or more);
 * - `no-reason`: recording a figure needs a reason.
 */
export type SettleProblem =
  | 'not-found'
  | 'settled'
  | 'recalled'
  | 'unknown-unit'
  | 'out-of-scope'
  | 'room-unbound'
  | 'bad-count'
  | 'no-reason'

export type SettleOutcome =
  { ok: true; item: ReviewEntry } | { ok: false; problem: SettleProblem; item?: ReviewEntry }

/**
 * A review item and when its message was recalled, read at once; the item is kept apart from
 * recalledAt so an outcome's item is the entry as the review lists show it.
 */
function readItem(
  db: Db,
  messageId: string,
): { item: ReviewEntry; recalledAt: number | null } | undefined {
  const found = getReviewItem(db, messageId)
  if (!found) return undefined
  const { recalledAt, ...item } = found
  return { item, recalledAt }
}

/** The open review item of a message, or why it cannot be settled. */
function openItem(deps: SettleDeps, messageId: string): SettleOutcome {
  const found = readItem(deps.db, messageId)
  if (!found) return { ok: false, problem: 'not-found' }
  const { item, recalledAt } = found
  if (item.status !== 'open') return { ok: false, problem: 'settled', item }
  if (recalledAt) return { ok: false, problem: 'recalled', item }
  return { ok: true, item }
}

/**
 * Settles an open item in one immediate transaction (the check of the item and the writes see
 * the same store): marks it `status` by whom and when, makes the caller's writes, audits it with
 * the fields they return, and logs it with `logged`. Returns the item as now settled: nothing
 * else changes an item once settled, so it is not read again.
 */
function settle(
  deps: SettleDeps,
  item: ReviewEntry,
  how: { status: 'recorded' | 'dismissed'; by: Settler; at: number; logged?: object },
  write: () => Pick<AuditEntry, 'action' | 'target' | 'before' | 'after'>,
): SettleOutcome {
  const { db } = deps
  const { messageId } = item
  const { status, by, at, logged } = how
  const settled = db.transaction(
    () => {
      if (!settleReviewItem(db, messageId, status, by.id, at)) return false
      const entry = write()
      audit(db, {
        at,
        actorId: by.id,
        actorName: by.name,
        roomTopic: item.roomTopic,
        messageId,
        ...entry,
      })
      return true
    },
    { behavior: 'immediate' },
  )
  if (!settled) return { ok: false, problem: 'settled', item: readItem(db, messageId)?.item }
  deps.log.info({ messageId, ...logged, by: by.id }, `review item ${status}`)
  return { ok: true, item: { ...item, status, settledBy: by.id, settledAt: at } }
}

/**
 * Records the figure an admin read in a review item's message, in one step: the unit's report
 * for the message's day, as of the message (a plainer report sent since stays the newer word),
 * the item marked recorded by whom and when, an audit line with the reason, and a receipt to the
 * liaison in the message's room, through the outbox. Recorded once: a second call finds the item
 * settled. The web page's "登记" calls this.
 * @example await recordReviewFigure(deps, 'msg-42', { unit: '龙城所', count: 146, reason: '电话核实' }, { id: 'wxid_admin', name: '王管理' })
 */
export async function recordReviewFigure(
  deps: SettleDeps,
  messageId: string,
  figure: ReviewFigure,
  by: Settler,
): Promise<SettleOutcome> {
  const { db, roster, templates } = deps
  const found = openItem(deps, messageId)
  if (!found.ok) return found
  const { item } = found
  const unit = resolveUnit(roster, figure.unit)
  if (unit === undefined) return { ok: false, problem: 'unknown-unit', item }
  if (!Number.isSafeInteger(figure.count) || figure.count < 0)
    return { ok: false, problem: 'bad-count', item }
  const reason = figure.reason.trim()
  if (reason === '') return { ok: false, problem: 'no-reason', item }
  const room = deps.rooms.of(item)
  if (room?.role !== 'liaison') return { ok: false, problem: 'room-unbound', item }
  if (!unitsOfRoom(roster, room, deps.rooms.all()).has(unit))
    return { ok: false, problem: 'out-of-scope', item }

  const at = deps.now()
  const record = { unit, count: figure.count, approx: false }
  const outcome = settle(
    deps,
    item,
    { status: 'recorded', by, at, logged: { unit, count: figure.count } },
    () => {
      const before = currentFigure(db, unit, item.day) ?? null
      recordReport(
        db,
        {
          messageId,
          senderId: item.senderId,
          day: item.day,
          reportedAt: item.sentAt,
          correction: false,
        },
        { records: [record], held: [], activities: [] },
        { mayRepeat: true },
      )
      return {
        action: 'review-record',
        target: unit,
        before,
        after: { day: item.day, count: figure.count, reason },
      }
    },
  )
  if (!outcome.ok) return outcome

  const text = [
    templates.render(
      'receipt',
      receiptView(
        { records: [record], activities: [], correction: false },
        dayLabel(item.day, localDay(at, roster.timezone)),
      ),
    ),
    templates.render('review-recorded', { time: localTime(item.sentAt, roster.timezone) }),
  ].join('\n')
  // The outbox notes it before its first await: what was recorded is answered.
  await deps.send([
    {
      key: `review-${messageId}`,
      roomId: item.roomId,
      roomTopic: item.roomTopic,
      text,
      mentionIds: [item.senderId],
      dueAt: at,
    },
  ])
  return outcome
}

/**
 * Dismisses a review item (not a report after all, or answered since), noting who and when, with
 * an audit line; nobody is told. The web page's "排除" calls this.
 */
export function dismissReview(
  deps: SettleDeps,
  messageId: string,
  by: Settler,
  reason = '',
): SettleOutcome {
  const found = openItem(deps, messageId)
  if (!found.ok) return found
  const { item } = found
  return settle(deps, item, { status: 'dismissed', by, at: deps.now() }, () => ({
    action: 'review-dismiss',
    target: item.units.join('、') || null,
    before: null,
    after: { day: item.day, reason: reason.trim() || null },
  }))
}
