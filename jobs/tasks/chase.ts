import { reportersFromRoom, workBulletinOf } from '../../db/bulletin-queries.js'
import type { OutboxRow } from '../../db/outbox.js'
import type { ComposeSpec } from '../../db/schema.js'
import { leavesOf } from '../../src/roster/room-units.js'
import type { BoundRoom } from '../../src/roster/roster.js'
import { deadlineOf, scheduledJobId } from '../../src/schedule/schedule.js'
import { addDays, type Day } from '../../src/time/zoned.js'
import type { Composed, OutboxItem } from '../outbox.js'
import { addressOf, itemKey, roomsWithRole, type Task, type TaskContext } from './task.js'

/** How far back the chase looks for who reports for a unit from a room. */
const historyDays = 30

/** What a chase message is composed from when it is sent: the day (the room is the row's own). */
interface ChaseSpec extends ComposeSpec {
  kind: 'chase'
  day: Day
}

/** One room's chase: its units among `missing`, @mentioning who reported for them from it before. */
function chaseOf(
  ctx: TaskContext,
  day: Day,
  room: BoundRoom,
  rooms: readonly BoundRoom[],
  missing: Set<string>,
): Composed | null {
  const since = addDays(day, -historyDays)
  const units = leavesOf(ctx.roster, room, rooms).filter((unit) => missing.has(unit))
  if (units.length === 0) return null
  const reporters = reportersFromRoom(ctx.db, units, room.id, since)
  return {
    mentionIds: [...new Set(units.flatMap((unit) => reporters.get(unit)?.slice(0, 2) ?? []))],
    text: ctx.templates.render('chase', {
      deadline: deadlineOf(ctx.schedule),
      count: units.length,
      units,
    }),
  }
}

/** The leaf units with no report on a day, as the store stands. */
function missingOn(ctx: TaskContext, day: Day): Set<string> {
  return new Set(workBulletinOf(ctx.db, ctx.roster, ctx.schedule, day).missing)
}

/**
 * At the deadline: each liaison room with units that have not reported gets one message listing
 * them, @mentioning the people who reported for those units from that room before. The list is
 * made again when the message goes out (composeChase), so a unit that reported meanwhile is
 * not chased.
 */
export const chaseTask: Task = (ctx, job) => {
  const id = scheduledJobId(job.kind, job.day)
  const missing = missingOn(ctx, job.day)
  const items: OutboxItem[] = []
  const rooms = ctx.rooms()
  for (const room of roomsWithRole(rooms, 'liaison')) {
    const chase = chaseOf(ctx, job.day, room, rooms, missing)
    if (!chase) continue
    const compose: ChaseSpec = { kind: 'chase', day: job.day }
    items.push({
      key: itemKey(id, room.id),
      ...addressOf(room),
      dueAt: job.dueAt,
      lane: 'broadcast',
      compose,
      ...chase,
    })
  }
  return items
}

/**
 * A chase as it stands when it is sent, for the room the message goes to now (its id may have
 * changed since it was queued); null when the room has no unit missing any more.
 */
export function composeChase(
  ctx: TaskContext,
  spec: ComposeSpec,
  row: Pick<OutboxRow, 'roomId'>,
): Composed | null {
  const { day } = spec as ChaseSpec
  const rooms = ctx.rooms()
  const room = rooms.find((r) => r.role === 'liaison' && r.id === row.roomId)
  return room ? chaseOf(ctx, day, room, rooms, missingOn(ctx, day)) : null
}
