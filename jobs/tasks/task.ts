import { createHash } from 'node:crypto'
import type { Logger } from '../../src/logger.js'
import type { Db } from '../../db/client.js'
import type { Roster } from '../../src/roster/roster.js'
import type { Schedule } from '../../src/schedule/schedule.js'
import type { Templates } from '../../templates/load-templates.js'
import type { OutboxItem } from '../outbox.js'
import type { NewJob } from '../queue/queue.js'
import type { ScheduledJob } from '../scheduler.js'

export interface TaskContext {
  db: Db
  roster: Roster
  templates: Templates
  schedule: Schedule
  log: Logger
  now: () => number
  /** Where bulletin charts are drawn; absent when charts are switched off. */
  chartsDir?: string
  /** Queues a follow-up job (a check to ask later, a deadline); its id makes it once. */
  later: (job: NewJob<ScheduledJob>) => Promise<unknown>
}

/** A scheduled job's work: the messages it sends, each with a key derived from the job's id. */
export type Task = (ctx: TaskContext, job: ScheduledJob) => OutboxItem[] | Promise<OutboxItem[]>

/** A short stable key for a room topic (topics may hold characters queue ids must not). */
export function roomKey(topic: string): string {
  return createHash('sha1').update(topic).digest('base64url').slice(0, 10)
}

/** The outbox key of part `part` of a job's message to one room. */
export function itemKey(jobId: string, topic: string, part = 0): string {
  return `${jobId}-${roomKey(topic)}-${part}`
}

/** Topics of the rooms with a role. */
export function roomsWithRole(
  roster: Roster,
  role: 'liaison' | 'command' | 'inspection',
): string[] {
  return roster.rooms.filter((r) => r.role === role).map((r) => r.topic)
}
