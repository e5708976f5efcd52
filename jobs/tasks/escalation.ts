import { workBulletinOf } from '../../db/bulletin-queries.js'
import type { ComposeSpec } from '../../db/schema.js'
import { topLevelOf } from '../../src/roster/queries.js'
import { scheduledJobId } from '../../src/schedule/schedule.js'
import { chineseDate, localTime, type Day } from '../../src/time/zoned.js'
import type { Composed } from '../outbox.js'
import { addressOf, itemKey, roomsWithRole, type Task, type TaskContext } from './task.js'

/** What an escalation is composed from when it is sent: the day. */
interface EscalationSpec extends ComposeSpec {
  kind: 'escalation'
  day: Day
}

/** Every unit still missing on a day, by top-level unit, as of now; null when none is. */
export function composeEscalation(ctx: TaskContext, spec: ComposeSpec): Composed | null {
  const { day } = spec as EscalationSpec
  const missing = workBulletinOf(ctx.db, ctx.roster, ctx.schedule, day).missing
  if (missing.length === 0) return null
  const groups = new Map<string, string[]>()
  for (const unit of missing) {
    const top = topLevelOf(ctx.roster, unit)
    groups.set(top, [...(groups.get(top) ?? []), unit])
  }
  return {
    text: ctx.templates.render('escalation', {
      dateLabel: chineseDate(day),
      time: localTime(ctx.now(), ctx.roster.timezone),
      count: missing.length,
      // A top-level unit that reports itself (an industry) needs no heading of its own.
      groups: [...groups].map(([top, units]) => ({
        top: units.length === 1 && units[0] === top ? '' : top,
        units: units.join('、'),
      })),
    }),
  }
}

/**
 * At escalation: the command rooms get the units still missing, by top-level unit, as they
 * stand when each message goes out (composeEscalation).
 */
export const escalationTask: Task = (ctx, job) => {
  const compose: EscalationSpec = { kind: 'escalation', day: job.day }
  const escalation = composeEscalation(ctx, compose)
  if (!escalation) return []
  const id = scheduledJobId(job.kind, job.day)
  return roomsWithRole(ctx.rooms(), 'command').map((room) => ({
    key: itemKey(id, room.id),
    ...addressOf(room),
    dueAt: job.dueAt,
    lane: 'broadcast' as const,
    compose,
    ...escalation,
  }))
}
