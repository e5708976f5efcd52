import { createHash } from 'node:crypto'
import type { Logger } from '../../src/logger.js'
import type { Db } from '../../db/client.js'
import type { BoundRoom, RoomRole, Roster } from '../../src/roster/roster.js'
import type { Schedule } from '../../src/schedule/schedule.js'
import type { Templates } from '../../templates/load-templates.js'
import type { OutboxItem } from '../outbox.js'
import type { NewJob } from '../queue/queue.js'
import type { ScheduledJob } from '../scheduler.js'
import type { FileCleanup } from './clean-files.js'

export interface TaskContext {
  db: Db
  roster: Roster
  templates: Templates
  schedule: Schedule
  log: Logger
  now: () => number
  /** Where bulletin charts are drawn; absent when charts are switched off. */
  chartsDir?: string
  /** The generated files the daily cleaning removes; none when absent. */
  cleanup?: FileCleanup
  /** Queues a follow-up job (a check to ask later, a deadline); its id makes it once. */
  later: (job: NewJob<ScheduledJob>) => Promise<unknown>
  /** The rooms in force (confirmed by an admin, by id), as the store holds them now. */
  rooms: () => readonly BoundRoom[]
}

/** A scheduled job's work: the messages it sends, each with a key derived from the job's id. */
export type Task = (ctx: TaskContext, job: ScheduledJob) => OutboxItem[] | Promise<OutboxItem[]>

/** A short stable key for a room id (ids may hold characters queue ids must not). */
export function roomKey(roomId: string): string {
  return createHash('sha1').update(roomId).digest('base64url').slice(0, 10)
}

/** The outbox key of part `part` of a job's message to one room (by its id). */
export function itemKey(jobId: string, roomId: string, part = 0): string {
  return `${jobId}-${roomKey(roomId)}-${part}`
}

/** The rooms in force with a role. */
export function roomsWithRole(rooms: readonly BoundRoom[], role: RoomRole): BoundRoom[] {
  return rooms.filter((r) => r.role === role)
}

/** Where an outbox item goes: the room by its id (sends never go by topic), its topic for people. */
export function addressOf(room: BoundRoom): { roomId: string; roomTopic: string } {
  return { roomId: room.id, roomTopic: room.topic }
}
