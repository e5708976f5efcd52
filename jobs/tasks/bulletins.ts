import { workBulletinOf } from '../../db/bulletin-queries.js'
import { inspectionBulletinOf } from '../../db/inspection-queries.js'
import { scheduledJobId } from '../../src/schedule/schedule.js'
import { renderWorkBulletin } from '../../templates/bulletin-views.js'
import { renderInspectionBulletin } from '../../templates/inspection-bulletin-views.js'
import type { BoundRoom } from '../../src/roster/roster.js'
import type { OutboxItem } from '../outbox.js'
import { bulletinChartItems } from './bulletin-charts.js'
import { addressOf, itemKey, roomsWithRole, type Task } from './task.js'

/**
 * The two evening bulletins (两个通报), each in as many messages as it takes: the work bulletin
 * to the command rooms, the inspection bulletin to the command and inspection rooms, and the
 * day's chart to the command rooms after them (when charts are on; a chart that cannot be drawn
 * is logged and the text goes alone).
 */
export const bulletinsTask: Task = async (ctx, job) => {
  const { db, roster, schedule, templates } = ctx
  const work = renderWorkBulletin(templates, workBulletinOf(db, roster, schedule, job.day), {
    today: job.day,
  })
  const inspection = renderInspectionBulletin(
    templates,
    inspectionBulletinOf(db, roster, job.day),
    {
      today: job.day,
    },
  )
  const id = scheduledJobId(job.kind, job.day)
  const items: OutboxItem[] = []
  const queue = (name: string, parts: string[], rooms: BoundRoom[]) => {
    for (const room of rooms) {
      parts.forEach((text, part) =>
        items.push({
          key: itemKey(`${id}-${name}`, room.id, part),
          ...addressOf(room),
          dueAt: job.dueAt,
          lane: 'broadcast',
          text,
        }),
      )
    }
  }
  const rooms = ctx.rooms()
  const commandRooms = roomsWithRole(rooms, 'command')
  if (commandRooms.length === 0)
    ctx.log.error(
      { day: job.day },
      'no command room is bound: the work bulletin goes nowhere (bind one: #绑定 in it, or redband rooms bind)',
    )
  queue('work', work, commandRooms)
  queue('inspection', inspection, [...commandRooms, ...roomsWithRole(rooms, 'inspection')])
  if (ctx.chartsDir) {
    items.push(
      ...(await bulletinChartItems(ctx, job.day, {
        dir: ctx.chartsDir,
        rooms: commandRooms,
        jobId: id,
        dueAt: job.dueAt,
        asOf: schedule.bulletins,
      })),
    )
  }
  return items
}
