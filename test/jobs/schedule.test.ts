import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { closeDb, openDb } from '../../db/client.js'
import { defaultSchedule } from '../../src/schedule/schedule.js'
import { instantOf } from '../../src/time/zoned.js'
import {
  exampleJobsRoster,
  startJobsInstance,
  type Delivered,
  type JobsInstance,
} from '../helpers/jobs-instance.js'
import { hc, reportWriter } from '../helpers/report-days.js'
import { tempDir } from '../helpers/temp.js'

const zone = 'Asia/Shanghai'
const day = '2026-10-12'
const at = (time: string) => instantOf(day, time, zone)
/** The work day's moments only: spot checks have their own tests. */
const workDay = { ...defaultSchedule, inspection: undefined }
const liaisonRooms = exampleJobsRoster.rooms.filter((r) => r.role === 'liaison').map((r) => r.topic)

/** Moves the fake clock to a local time of the day, running every timer due on the way. */
async function runUntil(time: string): Promise<void> {
  await vi.advanceTimersByTimeAsync(at(time) - Date.now())
}

/** Two liaisons report before the deadline; the rest do not. */
function someReports(dbFile: string) {
  const db = openDb(dbFile)
  const write = reportWriter(db, zone)
  write.report(day, '08:10', [hc('龙城派出所', 150)], { room: '龙城派出所红袖标群' })
  write.report(day, '08:20', [hc('洛龙派出所', 120)], { room: '呈贡分局红袖标联络群' })
  // 吴家营所's liaison reported yesterday from the sub-bureau room: the chase @mentions them.
  write.report('2026-10-11', '08:30', [hc('吴家营派出所', 200)], { room: '呈贡分局红袖标联络群' })
  closeDb(db)
}

describe.each(['UTC', 'America/New_York'])('the day’s schedule with the server in TZ=%s', (tz) => {
  const savedTz = process.env.TZ
  let dir: string
  let delivered: Delivered[]
  let instance: JobsInstance | undefined

  beforeEach(() => {
    process.env.TZ = tz
    vi.useFakeTimers({ now: at('07:00') })
    dir = tempDir()
    delivered = []
  })

  afterEach(async () => {
    await instance?.close()
    instance = undefined
    vi.useRealTimers()
    process.env.TZ = savedTz
  })

  const start = async (overrides: Partial<Parameters<typeof startJobsInstance>[0]> = {}) => {
    instance = await startJobsInstance({
      dbFile: join(dir, 'redband.db'),
      delivered,
      schedule: workDay,
      ...overrides,
    })
    return instance
  }
  const sentAt = (kind: RegExp) => delivered.filter((d) => kind.test(d.text))

  it('sends each scheduled message once, at its local time in Asia/Shanghai', async () => {
    someReports(join(dir, 'redband.db'))
    await start()
    await runUntil('21:00')

    const reminders = sentAt(/早上好/)
    expect(reminders.map((d) => d.topic).sort()).toEqual([...liaisonRooms].sort())
    // Sent one after another from 07:30, two seconds apart.
    expect(reminders.map((d) => d.local)).toEqual(['07:30', '07:30', '07:30', '07:30'])
    expect(reminders.map((d) => d.at - at('07:30'))).toEqual([0, 2000, 4000, 6000])

    const chases = sentAt(/还未上报/)
    expect(chases.map((d) => d.local)).toEqual(chases.map(() => '09:00'))
    expect(chases.map((d) => d.topic).sort()).toEqual([
      '呈贡分局红袖标联络群',
      '晋宁分局红袖标联络群',
      '行业部门联络群',
    ])
    const subBureau = chases.find((d) => d.topic === '呈贡分局红袖标联络群')!
    expect(subBureau.text).toContain('吴家营派出所')
    expect(subBureau.text).not.toContain('龙城派出所')

    const escalations = sentAt(/未报提醒/)
    expect(escalations.map((d) => [d.topic, d.local])).toEqual([['红袖标指挥部', '09:30']])

    const bulletins = sentAt(/工作情况通报/)
    expect(bulletins.map((d) => [d.topic, d.local])).toEqual([['红袖标指挥部', '20:00']])
    expect(bulletins[0]!.text).toContain('270')
    const inspections = sentAt(/督导情况通报/)
    expect(inspections.map((d) => [d.topic, d.local])).toEqual([
      ['红袖标指挥部', '20:00'],
      ['红袖标督导组', '20:00'],
    ])
    expect(delivered).toHaveLength(4 + 3 + 1 + 3)
  })

  it('sends the next day’s messages on the next local day', async () => {
    await start()
    await vi.advanceTimersByTimeAsync(at('07:31') + 86_400_000 - Date.now())
    const reminders = sentAt(/早上好/)
    expect(reminders).toHaveLength(8)
    expect(reminders.slice(4).every((d) => d.text.includes('10月13日'))).toBe(true)
  })

  it('sends nothing outside the security period', async () => {
    await start({
      schedule: { ...workDay, event: { start: '2026-10-13', end: '2026-10-20' } },
    })
    await runUntil('21:00')
    expect(delivered).toEqual([])
  })

  it('sends nothing for a moment switched off', async () => {
    await start({ schedule: { ...workDay, reminder: undefined, bulletins: undefined } })
    await runUntil('21:00')
    expect(sentAt(/早上好/)).toEqual([])
    expect(sentAt(/工作情况通报/)).toEqual([])
    expect(sentAt(/未报提醒/)).toHaveLength(1)
  })

  it('finishes a fan-out after a restart mid-way, each room once', async () => {
    await start()
    await runUntil('07:30')
    await vi.advanceTimersByTimeAsync(2500)
    expect(sentAt(/早上好/)).toHaveLength(2)
    await instance!.close()
    instance = undefined
    await vi.advanceTimersByTimeAsync(60_000)
    await start()
    await vi.advanceTimersByTimeAsync(60_000)
    expect(
      sentAt(/早上好/)
        .map((d) => d.topic)
        .sort(),
    ).toEqual([...liaisonRooms].sort())
  })

  it('runs a moment missed while down at start, if it is still fresh', async () => {
    await runUntil('09:10')
    someReports(join(dir, 'redband.db'))
    await start()
    await vi.advanceTimersByTimeAsync(60_000)
    expect(sentAt(/还未上报/)).toHaveLength(3)
    expect(sentAt(/早上好/)).toEqual([])
  })

  it('does not send a moment missed by more than the staleness, late', async () => {
    await runUntil('10:30')
    await start()
    await vi.advanceTimersByTimeAsync(60_000)
    expect(delivered).toEqual([])
  })

  it('queues a doubled tick once', async () => {
    const { jobs } = await start()
    const job = {
      id: `reminder-${day}`,
      name: 'reminder',
      data: { kind: 'reminder' as const, day, dueAt: at('07:30') },
    }
    await runUntil('07:30')
    expect(await jobs.scheduledJobs.add(job)).toBe(false)
    await vi.advanceTimersByTimeAsync(60_000)
    expect(sentAt(/早上好/)).toHaveLength(4)
  })
})
