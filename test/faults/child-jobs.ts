import { fsyncSync, openSync, writeSync } from 'node:fs'
import { pino } from 'pino'
import { closeDb, openDb } from '../../db/client.js'
import { createJobs, type Jobs } from '../../jobs/start-jobs.js'
import { bindRosterRooms } from '../helpers/bound-rooms.js'
import { roster, sleep, templates, type ChildSettings } from './fault-kit.js'

/**
 * A bot process for the crash tests, run as a child (`node --import tsx child-jobs.ts` with an
 * IPC channel) so the test can SIGKILL it: the jobs of one logged-in bot on a store (and a Redis
 * prefix), sending whatever the outbox holds. Its WeChat is a file: each message taken is
 * appended with a synchronous write and fsync before deliver returns, so the file holds what
 * WeChat has, whenever the process dies.
 *
 * Loading the code takes most of a child's start, so it loads first and says `ready`; the
 * `go` message (ChildSettings) opens the store and starts sending, then it says `started`.
 * A `close` message closes it gracefully.
 */

/** Longer than any test: the parent kills the process while it waits here. */
const hang = () => sleep(3_600_000)

function start(settings: ChildSettings): { jobs: Jobs; close(): Promise<void> } {
  const log = pino(
    { level: settings.logLevel ?? 'warn', base: { pid: process.pid } },
    pino.destination(2),
  )
  const db = openDb(settings.dbFile)
  bindRosterRooms(db, roster)
  const wechat = openSync(settings.wechatFile, 'a')
  let sends = 0
  const jobs = createJobs({
    db,
    roster,
    templates,
    log,
    schedule: { event: {} },
    schedules: false,
    redisUrl: settings.redisUrl,
    queuePrefix: settings.queuePrefix,
    outbox: { minGapMs: settings.gapMs, jitterMs: 0 },
    deliver: async (row) => {
      const n = ++sends
      if (n === settings.hangBefore) await hang()
      const line = { key: row.key, room: row.roomTopic, pid: process.pid, n, at: Date.now() }
      writeSync(wechat, `${JSON.stringify(line)}\n`)
      fsyncSync(wechat)
      if (n === settings.hangAfter) await hang()
      if (settings.ackMs) await sleep(settings.ackMs)
    },
  })
  jobs.outbox.setLoggedIn(true)
  return {
    jobs,
    async close() {
      await jobs.close()
      closeDb(db)
    },
  }
}

let running: ReturnType<typeof start> | undefined
process.on('message', (message: 'close' | { go: ChildSettings }) => {
  void (async () => {
    if (message === 'close') {
      await running?.close()
      process.send?.('closed')
      process.disconnect?.()
    } else if (!running) {
      running = start(message.go)
      await running.jobs.start()
      process.send?.('started')
    }
  })()
})
process.send?.('ready')
