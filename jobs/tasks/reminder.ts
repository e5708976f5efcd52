import { exampleUnitFor } from '../../src/roster/example-unit.js'
import { scheduledJobId } from '../../src/schedule/schedule.js'
import { chineseDate } from '../../src/time/zoned.js'
import { addressOf, itemKey, roomsWithRole, type Task } from './task.js'

/** The morning reminder: every liaison room is told what to report, by when, with an example line. */
export const reminderTask: Task = (ctx, job) => {
  const id = scheduledJobId(job.kind, job.day)
  const rooms = ctx.rooms()
  const liaison = roomsWithRole(rooms, 'liaison')
  if (liaison.length === 0)
    ctx.log.error(
      { day: job.day },
      'no liaison room is bound: nobody is reminded (bind them: redband rooms bind --expected)',
    )
  return liaison.map((room) => ({
    key: itemKey(id, room.id),
    ...addressOf(room),
    dueAt: job.dueAt,
    lane: 'broadcast',
    text: ctx.templates.render('reminder', {
      dateLabel: chineseDate(job.day),
      deadline: ctx.schedule.deadline ?? '09:00',
      exampleUnit: exampleUnitFor(ctx.roster, room, rooms),
    }),
  }))
}
