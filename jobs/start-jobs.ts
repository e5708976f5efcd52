import type { Logger } from '../src/logger.js'
import { boundRoom, boundRooms } from '../db/bindings.js'
import type { Db } from '../db/client.js'
import type { OutboxRow } from '../db/outbox.js'
import type { ComposeSpec } from '../db/schema.js'
import type { Roster } from '../src/roster/roster.js'
import type { Schedule } from '../src/schedule/schedule.js'
import { localTime } from '../src/time/zoned.js'
import type { Templates } from '../templates/load-templates.js'
import {
  Outbox,
  type Composed,
  type OutboxItem,
  type OutboxJob,
  type OutboxSettings,
} from './outbox.js'
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
import { chaseTask, composeChase } from './tasks/chase.js'
import { cleanFilesAt, cleanFilesTask, type FileCleanup } from './tasks/clean-files.js'
import {
  checkAskTask,
  checkDeadlineTask,
  displayProgressTask,
  displayStartTask,
  randomPlanTask,
  requeueChecks,
} from './tasks/checks.js'
import { composeEscalation, escalationTask } from './tasks/escalation.js'
import { reminderTask } from './tasks/reminder.js'
import { addressOf, itemKey, roomsWithRole, type Task, type TaskContext } from './tasks/task.js'
import { watchBackend } from './watch-backend.js'
import { watchBulletins } from './watch-bulletins.js'
import type { Alerter } from './alert-webhooks.js'

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
  'clean-files': cleanFilesTask,
}

/** What composes a message at send time, by its compose spec's kind: each beside its task. */
const composers: Record<
  string,
  (ctx: TaskContext, spec: ComposeSpec, row: OutboxRow) => Composed | null
> = {
  chase: composeChase,
  escalation: composeEscalation,
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
  /** Puts an outbox message into WeChat; throws RoomUnreachableError when the room is not found. */
  deliver: (row: OutboxRow) => Promise<void>
  /** A room could not be reached and its messages are held (once per room and day). */
  onHeld?: (row: OutboxRow) => void | Promise<void>
  /** A room whose messages were held took one again; `heldAs`: its roomRef when held. */
  onReached?: (row: OutboxRow, heldAs: string) => void | Promise<void>
  /** Where the evening bulletins' charts are drawn; no charts when absent. */
  chartsDir?: string
  /** Generated files removed every day once old (at cleanFilesAt); nothing is removed when absent. */
  cleanup?: FileCleanup
  /** Whether this process runs the schedule (cron ticks); every process may run the workers. */
  schedules?: boolean
  /** How long Redis may be away before the command rooms are told; default 30 s. */
  tellRedisLostAfterMs?: number
  /** The second channel (REDBAND_ALERT_WEBHOOKS): told too when Redis is lost, and when it is back. */
  alerter?: Alerter
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
  const scheduledJobs = createQueue<ScheduledJob>('scheduled', backend)
  const context: TaskContext = {
    db,
    roster,
    templates,
    schedule,
    log,
    now,
    chartsDir: options.chartsDir,
    cleanup: options.cleanup,
    later: (job) =>
      scheduledJobs.add({ ...job, options: { ...scheduledJobAttempts, ...job.options } }),
    // Read at each job: an admin (or another process) may have bound a room meanwhile.
    rooms: () => boundRooms(db, roster),
  }
  const outboxQueue = createQueue<OutboxJob>('outbox', backend)
  const outbox = new Outbox({
    db,
    queue: outboxQueue,
    log,
    timezone: roster.timezone,
    now,
    templates,
    deliver: options.deliver,
    compose: (row) => {
      const spec = row.compose!
      const composer = composers[spec.kind]
      if (!composer)
        throw new Error(
          `no composer for "${spec.kind}" messages; was it queued by another version?`,
        )
      return composer(context, spec, row)
    },
    // Broadcasts and alerts go to rooms in force only: one unbound (or replaced) since they
    // were queued gets nothing. Replies answer whoever spoke, where they spoke.
    addressable: (row) =>
      row.lane === 'reply' ||
      (row.roomId !== null && boundRoom(db, roster, row.roomId) !== undefined),
    onHeld: options.onHeld,
    onReached: options.onReached,
    settings: options.outbox,
  })
  let scheduler: Scheduler | undefined
  /** A notice to every command room in force, in the alert lane, keyed by `key`. */
  const toCommandRooms = (key: string, text: string): OutboxItem[] =>
    roomsWithRole(context.rooms(), 'command').map((room) => ({
      key: itemKey(key, room.id),
      ...addressOf(room),
      lane: 'alert',
      text,
    }))
  const since = (at: number) => localTime(at, roster.timezone)
  // Redis carries the sends: while it is away the outbox speaks directly, once, to say so.
  const stopWatching = watchBackend({
    queue: outboxQueue,
    log,
    now,
    tellAfterMs: options.tellRedisLostAfterMs ?? 30_000,
    onLost: async (lostAt) => {
      const text = templates.render('alert-redis-lost', { since: since(lostAt) })
      await Promise.all([
        options.alerter?.raise('redis-lost', text),
        outbox.sendNow(toCommandRooms(`redis-lost-${lostAt}`, text)),
      ])
    },
    onBack: async (lostAt) => {
      const text = templates.render('alert-redis-back', { since: since(lostAt) })
      await Promise.all([
        options.alerter?.recover('redis-lost', text),
        outbox.enqueue(toCommandRooms(`redis-back-${lostAt}`, text)),
      ])
    },
  })

  let stopWatchingBulletins = () => {}

  return {
    outbox,
    scheduledJobs,
    later: context.later,
    async start() {
      await outbox.start()
      scheduledJobs.process(async (job) => {
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
          housekeeping: options.cleanup
            ? [{ kind: 'clean-files', time: cleanFilesAt, anyDay: true }]
            : [],
        })
        await scheduler.catchUp()
        if (options.alerter)
          stopWatchingBulletins = watchBulletins({
            db,
            schedule,
            timezone: roster.timezone,
            templates,
            alerter: options.alerter,
            now,
          })
      }
    },
    async close() {
      stopWatching()
      stopWatchingBulletins()
      scheduler?.stop()
      await scheduledJobs.close()
      await outbox.close()
    },
  }
}
