import { exampleUnitOf } from '../../src/roster/example-unit.js'
import { scheduledJobId } from '../../src/schedule/schedule.js'
import { chineseDate } from '../../src/time/zoned.js'
import { itemKey, roomsWithRole, type Task } from './task.js'

/** The morning reminder: every liaison room is told what to report, by when, with an example line. */
export const reminderTask: Task = (ctx, job) => {
  const id = scheduledJobId(job.kind, job.day)
  return roomsWithRole(ctx.roster, 'liaison').map((topic) => ({
    key: itemKey(id, topic),
    roomTopic: topic,
    dueAt: job.dueAt,
    text: ctx.templates.render('reminder', {
      dateLabel: chineseDate(job.day),
      deadline: ctx.schedule.deadline ?? '09:00',
      exampleUnit: exampleUnitOf(ctx.roster, topic),
    }),
  }))
}
