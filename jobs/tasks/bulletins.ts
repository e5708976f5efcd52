import { workBulletinOf } from '../../db/bulletin-queries.js'
import { scheduledJobId } from '../../src/schedule/schedule.js'
import { renderWorkBulletin } from '../../templates/bulletin-views.js'
import type { OutboxItem } from '../outbox.js'
import { itemKey, roomsWithRole, type Task } from './task.js'

/** The evening bulletins to every command room, each in as many messages as it takes. */
export const bulletinsTask: Task = (ctx, job) => {
  const parts = renderWorkBulletin(
    ctx.templates,
    workBulletinOf(ctx.db, ctx.roster, ctx.schedule, job.day),
    { today: job.day },
  )
  const id = scheduledJobId(job.kind, job.day)
  const items: OutboxItem[] = []
  for (const topic of roomsWithRole(ctx.roster, 'command')) {
    parts.forEach((text, part) =>
      items.push({ key: itemKey(id, topic, part), roomTopic: topic, dueAt: job.dueAt, text }),
    )
  }
  return items
}
