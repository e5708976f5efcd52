import { existsSync, mkdirSync, utimesSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createLogger } from '../../bot/logger.js'
import { closeDb, openDb } from '../../db/client.js'
import { createJobs, type Jobs } from '../../jobs/start-jobs.js'
import { removeFilesBefore } from '../../jobs/tasks/clean-files.js'
import { instantOf } from '../../src/time/zoned.js'
import { loadTemplates } from '../../templates/load-templates.js'
import { exampleRoster } from '../helpers/fixtures.js'
import { tempDir } from '../helpers/temp.js'

const day = 86_400_000
const roster = exampleRoster()

/** A file last written `daysAgo` days before `now`. */
function fileAged(dir: string, name: string, now: number, daysAgo: number): string {
  mkdirSync(dir, { recursive: true })
  const file = join(dir, name)
  writeFileSync(file, 'x')
  const at = new Date(now - daysAgo * day)
  utimesSync(file, at, at)
  return file
}

describe('removeFilesBefore', () => {
  it('removes the files written before the moment, keeps the rest and folders, and skips missing folders', async () => {
    const root = tempDir()
    const now = Date.now()
    const old = fileAged(join(root, 'charts'), 'old.png', now, 31)
    const recent = fileAged(join(root, 'charts'), 'recent.png', now, 29)
    mkdirSync(join(root, 'charts', 'folder'))
    const removed = await removeFilesBefore(
      [join(root, 'charts'), join(root, 'missing')],
      now - 30 * day,
    )
    expect(removed).toEqual([old])
    expect(existsSync(recent)).toBe(true)
    expect(existsSync(join(root, 'charts', 'folder'))).toBe(true)
  })
})

describe('the daily cleaning', () => {
  let jobs: Jobs | undefined

  afterEach(async () => {
    await jobs?.close()
    jobs = undefined
    vi.useRealTimers()
  })

  it('runs at 03:30 every day, outside the security period too, once per day by its job id', async () => {
    const start = instantOf('2026-10-12', '03:00', roster.timezone)
    vi.useFakeTimers({ now: start })
    const root = tempDir()
    const charts = join(root, 'charts')
    const exports = join(root, 'exports')
    const cleanAt = instantOf('2026-10-12', '03:30', roster.timezone)
    const old = fileAged(exports, 'old.xlsx', cleanAt, 8)
    const week = fileAged(charts, 'week.png', cleanAt, 6.9)
    const db = openDb(join(root, 'redband.db'))
    const log = createLogger('silent')
    jobs = createJobs({
      db,
      roster,
      templates: loadTemplates(),
      log,
      // The security period is long over: bulletins stop, the cleaning does not.
      schedule: { event: { start: '2026-09-01', end: '2026-09-30' } },
      deliver: async () => {},
      cleanup: { dirs: [charts, exports], keepDays: 7 },
    })
    await jobs.start()
    await vi.advanceTimersByTimeAsync(cleanAt - start - 60_000)
    expect(existsSync(old)).toBe(true)
    await vi.advanceTimersByTimeAsync(2 * 60_000)
    await vi.waitFor(() => expect(existsSync(old)).toBe(false))
    expect(existsSync(week)).toBe(true)
    // A catch-up or a second instance queues the same id: it is not run twice.
    expect(
      await jobs.scheduledJobs.add({
        id: 'clean-files-2026-10-12',
        name: 'clean-files',
        data: { kind: 'clean-files', day: '2026-10-12', dueAt: cleanAt },
      }),
    ).toBe(false)
    // The next night the week-old chart goes too.
    await vi.advanceTimersByTimeAsync(day)
    await vi.waitFor(() => expect(existsSync(week)).toBe(false))
    closeDb(db)
  })
})
