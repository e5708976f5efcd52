import { createLogger } from '../../bot/logger.js'
import type { Logger } from '../../src/logger.js'
import { openDb, type Db } from '../../db/client.js'
import type { OutboxRow } from '../../db/outbox.js'
import type { OutboxSettings } from '../../jobs/outbox.js'
import { createJobs, type Jobs } from '../../jobs/start-jobs.js'
import { defaultSchedule, type Schedule } from '../../src/schedule/schedule.js'
import { localTime } from '../../src/time/zoned.js'
import { loadTemplates } from '../../templates/load-templates.js'
import { bindRosterRooms } from './bound-rooms.js'
import { exampleRoster } from './fixtures.js'

/** What a fake WeChat received: room, text, and the local time (Asia/Shanghai) it arrived. */
export interface Delivered {
  topic: string
  text: string
  at: number
  local: string
  instance: string
}

export interface JobsInstance {
  jobs: Jobs
  db: Db
  close(): Promise<void>
}

export interface InstanceOptions {
  dbFile: string
  delivered: Delivered[]
  name?: string
  schedule?: Schedule
  redisUrl?: string
  queuePrefix?: string
  loggedIn?: boolean
  outbox?: Partial<OutboxSettings>
  /** Fails a delivery (throw) when it returns true. */
  failWhen?: (row: OutboxRow) => boolean
  log?: Logger
}

const roster = exampleRoster()
const templates = loadTemplates()

/** The jobs of one bot process on the example roster, delivering into a list instead of WeChat. */
export async function startJobsInstance(options: InstanceOptions): Promise<JobsInstance> {
  const db = openDb(options.dbFile)
  bindRosterRooms(db, roster)
  const jobs = createJobs({
    db,
    roster,
    templates,
    log: options.log ?? createLogger('silent'),
    schedule: options.schedule ?? defaultSchedule,
    redisUrl: options.redisUrl,
    queuePrefix: options.queuePrefix,
    outbox: { minGapMs: 2000, jitterMs: 0, ...options.outbox },
    deliver: async (row) => {
      if (options.failWhen?.(row)) throw new Error('WeChat did not take it')
      const at = Date.now()
      options.delivered.push({
        topic: row.roomTopic,
        text: row.text,
        at,
        local: localTime(at, roster.timezone),
        instance: options.name ?? 'bot',
      })
    },
  })
  jobs.outbox.setLoggedIn(options.loggedIn ?? true)
  await jobs.start()
  return {
    jobs,
    db,
    async close() {
      await jobs.close()
      db.$client.close()
    },
  }
}

export { roster as exampleJobsRoster }
