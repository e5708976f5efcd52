import cron, { type ScheduledTask } from 'node-cron'
import type { Logger } from '../src/logger.js'
import {
  dailyCron,
  inEvent,
  momentsOf,
  scheduledJobId,
  type Schedule,
  type ScheduledKind,
} from '../src/schedule/schedule.js'
import { instantOf, localDay, type Day } from '../src/time/zoned.js'
import type { JobQueue } from './queue/queue.js'

/** Kinds of job on the scheduled queue: the day's moments, the steps of spot checks, housekeeping. */
export type JobKind = ScheduledKind | 'check-ask' | 'check-deadline' | 'clean-files'

/** A daily moment: the schedule's, or housekeeping's (anyDay: in the security period or not). */
export interface Moment {
  kind: JobKind
  time: string
  /** Which display period, for the display moments. */
  period?: number
  /** Runs outside the security period too. */
  anyDay?: true
}

/** A scheduled job: what to do, for which local day, and the moment it was due. */
export interface ScheduledJob {
  kind: JobKind
  day: Day
  dueAt: number
  /** The display period, for display moments. */
  period?: number
  /** The spot checks a check step is about. */
  checkIds?: string[]
}

export interface SchedulerDeps {
  schedule: Schedule
  timezone: string
  jobs: JobQueue<ScheduledJob>
  log: Logger
  now: () => number
  /** A moment missed (down at the time) is still run at start if it is not older than this. */
  staleAfterMs: number
  /** More that each catch-up puts back from the store (spot checks' follow-up jobs). */
  afterCatchUp?: () => Promise<void>
  housekeeping?: Moment[]
}

/** Scheduled work is retried: a passing fault must not lose the evening bulletins. Ids keep it once. */
export const scheduledJobAttempts = { attempts: 3, backoffMs: 10_000 }

export interface Scheduler {
  /** Queues today's moments that have passed and are still fresh; ids make it a no-op for those queued. */
  catchUp(): Promise<void>
  stop(): void
}

/**
 * How often the scheduler looks again for moments that passed: a job lost with Redis (it keeps
 * nothing on disk) or whose tick fell while Redis was away is queued again, still fresh.
 */
const catchUpEveryMs = 60_000

async function enqueueMoment(
  deps: SchedulerDeps,
  moment: Moment,
  day: Day,
  knownLevel: 'info' | 'debug' = 'info',
): Promise<void> {
  const { schedule, timezone, jobs, log } = deps
  if (!moment.anyDay && !inEvent(schedule, day)) {
    log.debug({ kind: moment.kind, day }, 'schedule: outside the security period, nothing sent')
    return
  }
  const id = scheduledJobId(moment.kind, day, moment.period)
  const dueAt = instantOf(day, moment.time, timezone)
  const period = moment.period !== undefined ? { period: moment.period } : {}
  try {
    const added = await jobs.add({
      id,
      name: moment.kind,
      data: { kind: moment.kind, day, dueAt, ...period },
      options: scheduledJobAttempts,
    })
    if (added) log.info({ job: id }, 'schedule: job queued')
    else log[knownLevel]({ job: id }, 'schedule: job already queued')
  } catch (error) {
    log.error(
      { err: error, job: id },
      'schedule: could not queue the job; it is tried again within a minute while still fresh',
    )
  }
}

/**
 * Runs the day's moments with node-cron in the roster's time zone, whatever the server's TZ.
 * Each tick queues a job whose id is kind + day, so two instances, a restart or a doubled tick
 * queue it once.
 */
export function startScheduler(deps: SchedulerDeps): Scheduler {
  const moments: Moment[] = [...momentsOf(deps.schedule), ...(deps.housekeeping ?? [])]
  const tasks: ScheduledTask[] = moments.map((moment) =>
    cron.schedule(
      dailyCron(moment.time),
      () => enqueueMoment(deps, moment, localDay(deps.now(), deps.timezone)),
      { timezone: deps.timezone, name: `redband-${moment.kind}` },
    ),
  )
  // Logged as before anyDay existed: the moments' kind, time and period.
  const shown = moments.map(({ anyDay: _anyDay, ...moment }) => moment)
  deps.log.info(
    { moments: shown, timezone: deps.timezone, event: deps.schedule.event },
    'schedule: started',
  )
  const catchUp = async () => {
    const at = deps.now()
    const day = localDay(at, deps.timezone)
    for (const moment of moments) {
      const dueAt = instantOf(day, moment.time, deps.timezone)
      if (dueAt <= at && at - dueAt <= deps.staleAfterMs)
        await enqueueMoment(deps, moment, day, 'debug')
    }
    try {
      await deps.afterCatchUp?.()
    } catch (error) {
      deps.log.warn(
        { err: error },
        'schedule: could not put back follow-up jobs; tried again within a minute',
      )
    }
  }
  const timer = setInterval(() => void catchUp(), catchUpEveryMs)
  timer.unref?.()
  return {
    catchUp,
    stop() {
      clearInterval(timer)
      for (const task of tasks) void task.destroy()
    },
  }
}
