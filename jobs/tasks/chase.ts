import {
  reportersFromRoom,
  unitsReportedFromRoom,
  workBulletinOf,
} from '../../db/bulletin-queries.js'
import { leavesOfRoom } from '../../src/roster/room-units.js'
import { deadlineOf, scheduledJobId } from '../../src/schedule/schedule.js'
import { addDays } from '../../src/time/zoned.js'
import type { OutboxItem } from '../outbox.js'
import { itemKey, type Task } from './task.js'

/** How far back the chase looks for who reports for a unit, and what an unbound room reports. */
const historyDays = 30

/**
 * At the deadline: each liaison room with units that have not reported gets one message listing
 * them, @mentioning the people who reported for those units from that room before.
 */
export const chaseTask: Task = (ctx, job) => {
  const id = scheduledJobId(job.kind, job.day)
  const missing = new Set(workBulletinOf(ctx.db, ctx.roster, ctx.schedule, job.day).missing)
  const since = addDays(job.day, -historyDays)
  const items: OutboxItem[] = []
  for (const room of ctx.roster.rooms.filter((r) => r.role === 'liaison')) {
    const recent = room.unit ? [] : unitsReportedFromRoom(ctx.db, room.topic, since)
    const units = leavesOfRoom(ctx.roster, room, recent).filter((unit) => missing.has(unit))
    if (units.length === 0) continue
    const reporters = reportersFromRoom(ctx.db, units, room.topic, since)
    const mentionIds = [...new Set(units.flatMap((unit) => reporters.get(unit)?.slice(0, 2) ?? []))]
    items.push({
      key: itemKey(id, room.topic),
      roomTopic: room.topic,
      dueAt: job.dueAt,
      mentionIds,
      text: ctx.templates.render('chase', {
        deadline: deadlineOf(ctx.schedule),
        count: units.length,
        units,
      }),
    })
  }
  return items
}
