import { workBulletinOf } from '../../db/bulletin-queries.js'
import { topLevelOf } from '../../src/roster/queries.js'
import { scheduledJobId } from '../../src/schedule/schedule.js'
import { chineseDate, localTime } from '../../src/time/zoned.js'
import { itemKey, roomsWithRole, type Task } from './task.js'

/** At escalation: the command rooms get the units still missing, by top-level unit. */
export const escalationTask: Task = (ctx, job) => {
  const missing = workBulletinOf(ctx.db, ctx.roster, ctx.schedule, job.day).missing
  if (missing.length === 0) return []
  const groups = new Map<string, string[]>()
  for (const unit of missing) {
    const top = topLevelOf(ctx.roster, unit)
    groups.set(top, [...(groups.get(top) ?? []), unit])
  }
  const text = ctx.templates.render('escalation', {
    dateLabel: chineseDate(job.day),
    time: localTime(job.dueAt, ctx.roster.timezone),
    count: missing.length,
    // A top-level unit that reports itself (an industry) needs no heading of its own.
    groups: [...groups].map(([top, units]) => ({
      top: units.length === 1 && units[0] === top ? '' : top,
      units: units.join('、'),
    })),
  })
  const id = scheduledJobId(job.kind, job.day)
  return roomsWithRole(ctx.roster, 'command').map((topic) => ({
    key: itemKey(id, topic),
    roomTopic: topic,
    dueAt: job.dueAt,
    text,
  }))
}
