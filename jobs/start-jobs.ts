import type { Logger } from '../src/logger.js'
import { refreshRooms } from '../db/bindings.js'
import type { Db } from '../db/client.js'
import type { OutboxRow } from '../db/outbox.js'
import type { Roster } from '../src/roster/roster.js'
import type { Schedule } from '../src/schedule/schedule.js'
import type { Templates } from '../templates/load-templates.js'
import { Outbox, type OutboxJob, type OutboxSettings } from './outbox.js'
import { createQueue } from './queue/create-queue.js'
import type { JobQueue } from './queue/queue.js'
import {
  scheduledJobAttempts,
  startScheduler,
  type JobKind,
  type ScheduledJob,
  type Scheduler,
} from './scheduler.js'
import { bulletinsTask } from './tasks/bulletins.js'
import { chaseTask } from './tasks/chase.js'
import {
  checkAskTask,
  checkDeadlineTask,
  displayProgressTask,
  displayStartTask,
  randomPlanTask,
  requeueChecks,
} from './tasks/checks.js'
import { escalationTask } from './tasks/escalation.js'
import { reminderTask } from './tasks/reminder.js'
import type { Task, TaskContext } from './tasks/task.js'

const tasks: Record<JobKind, Task> = {
  reminder: reminderTask,
  chase: chaseTask,
  escalation: escalationTask,
  bulletins: bulletinsTask,
  'random-plan': randomPlanTask,
  'check-ask': checkAskTask,
  'check-deadline': checkDeadlineTask,
  'display-start': displayStartTask,
  'display-middle': displayProgressTask,
  'display-end': displayProgressTask,
}

export interface JobsOptions {
  db: Db
  roster: Roster
  templates: Templates
  log: Logger
  schedule: Schedule
  /** BullMQ on this Redis when set; the embedded runner when not. */
  redisUrl?: string
  /** Redis key prefix; tests give each run its own. */
  queuePrefix?: string
  outbox?: Partial<OutboxSettings>
  now?: () => number
  /** Puts an outbox message into WeChat. */
  deliver: (row: OutboxRow) => Promise<void>
  /** Where the evening bulletins' charts are drawn; no charts when absent. */
  chartsDir?: string
  /** Whether this process runs the schedule (cron ticks); every process may run the workers. */
  schedules?: boolean
}

export interface Jobs {
  outbox: Outbox
  scheduledJobs: JobQueue<ScheduledJob>
  /** Queues a follow-up job (with the scheduled jobs' retries); its id makes it once. */
  later: TaskContext['later']
  start(): Promise<void>
  close(): Promise<void>
}

/**
 * The clockwork: the scheduled-jobs queue and its worker, the outbox and its worker, and the
 * node-cron schedule, on BullMQ or the embedded runner.
 */
export function createJobs(options: JobsOptions): Jobs {
  const { db, roster, templates, log, schedule } = options
  const now = options.now ?? Date.now
  const backend = { db, log, redisUrl: options.redisUrl, prefix: options.queuePrefix, now }
  const outbox = new Outbox({
    db,
    queue: createQueue<OutboxJob>('outbox', backend),
    log,
    timezone: roster.timezone,
    now,
    deliver: options.deliver,
    settings: options.outbox,
  })
  const scheduledJobs = createQueue<ScheduledJob>('scheduled', backend)
  const context: TaskContext = {
    db,
    roster,
    templates,
    schedule,
    log,
    now,
    chartsDir: options.chartsDir,
    later: (job) =>
      scheduledJobs.add({ ...job, options: { ...scheduledJobAttempts, ...job.options } }),
  }
  let scheduler: Scheduler | undefined

  return {
    outbox,
    scheduledJobs,
    later: context.later,
    async start() {
      await outbox.start()
      scheduledJobs.process(async (job) => {
        refreshRooms(db, roster)
        const items = await tasks[job.data.kind](context, job.data)
        const pending = await outbox.enqueue(items)
        log.info({ job: job.id, messages: items.length, pending }, 'scheduled job ran')
      })
      scheduledJobs.onFailed((job, error) =>
        log.error(
          { job: job.id, err: error },
          'scheduled job failed for good; its messages were not sent',
        ),
      )
      if (options.schedules !== false) {
        scheduler = startScheduler({
          schedule,
          timezone: roster.timezone,
          jobs: scheduledJobs,
          log,
          now,
          staleAfterMs: outbox.settings.staleAfterMs,
          afterCatchUp: () => requeueChecks(context),
        })
        await scheduler.catchUp()
      }
    },
    async close() {
      scheduler?.stop()
      await scheduledJobs.close()
      await outbox.close()
    },
  }
}
