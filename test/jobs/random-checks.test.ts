import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { checksOfDay } from '../../db/spot-checks.js'
import { drawRandomChecks, drawUnits } from '../../src/checks/draw-checks.js'
import { defaultInspection, minutesOf, type Schedule } from '../../src/schedule/schedule.js'
import { instantOf } from '../../src/time/zoned.js'
import {
  exampleJobsRoster,
  startJobsInstance,
  type Delivered,
  type JobsInstance,
} from '../helpers/jobs-instance.js'
import { tempDir } from '../helpers/temp.js'

const leaves = [...exampleJobsRoster.units.values()]
  .filter((u) => u.children.length === 0)
  .map((u) => u.name)

describe('the random draw', () => {
  it('is the same for the same day, and differs from day to day', () => {
    const draw = (day: string) => drawRandomChecks(day, defaultInspection, leaves, new Map())
    expect(draw('2026-10-12')).toEqual(draw('2026-10-12'))
    expect(draw('2026-10-12')).not.toEqual(draw('2026-10-13'))
    expect(draw('2026-10-12')).toHaveLength(3)
  })

  it('falls in working hours, outside the display periods, leaving time to answer', () => {
    for (let d = 1; d <= 28; d++) {
      for (const { time } of drawRandomChecks(
        `2026-10-${String(d).padStart(2, '0')}`,
        defaultInspection,
        leaves,
        new Map(),
      )) {
        const m = minutesOf(time)
        expect(m).toBeGreaterThan(minutesOf('08:00'))
        expect(m).toBeLessThanOrEqual(minutesOf('20:00') - defaultInspection.checkMinutes)
        for (const p of defaultInspection.displayPeriods)
          expect(m < minutesOf(p.start) || m >= minutesOf(p.end)).toBe(true)
      }
    }
  })

  it('favours the units checked least recently', () => {
    const recent = new Map(leaves.slice(0, 5).map((u, i) => [u, 1000 + i]))
    for (let seed = 0; seed < 20; seed++) {
      const drawn = drawUnits(leaves, recent, 1, `seed ${seed}`)
      // Three never-checked units make the pool for one draw; the five checked lately are never drawn.
      expect(leaves.slice(5)).toContain(drawn[0])
    }
  })
})

describe('random checks through the day', () => {
  const schedule: Schedule = {
    event: {},
    inspection: {
      ...defaultInspection,
      displayPeriods: [],
      randomChecks: 3,
      workingHours: { start: '08:00', end: '20:00' },
    },
  }
  let dir: string
  let delivered: Delivered[]
  let instance: JobsInstance | undefined
  const at = (time: string) => instantOf('2026-10-12', time, 'Asia/Shanghai')

  beforeEach(() => {
    vi.useFakeTimers({ now: at('07:59') })
    dir = tempDir()
    delivered = []
  })
  afterEach(async () => {
    await instance?.close()
    instance = undefined
    vi.useRealTimers()
  })

  const start = async () =>
    (instance = await startJobsInstance({
      dbFile: join(dir, 'redband.db'),
      delivered,
      schedule,
      outbox: { minGapMs: 0 },
    }))

  it('draws once at the start of working hours; a restart asks each drawn unit once, at its time', async () => {
    await start()
    await vi.advanceTimersByTimeAsync(at('08:05') - Date.now())
    const planned = checksOfDay(instance!.db, '2026-10-12')
    expect(planned.map((c) => c.status)).toEqual(['planned', 'planned', 'planned'])
    expect(planned.map((c) => c.id)).toEqual([
      'random-2026-10-12-0',
      'random-2026-10-12-1',
      'random-2026-10-12-2',
    ])

    await instance!.close()
    instance = undefined
    await start()
    await vi.advanceTimersByTimeAsync(at('20:30') - Date.now())
    const after = checksOfDay(instance!.db, '2026-10-12')
    expect(after.map(({ id, unit, askedAt }) => ({ id, unit, askedAt }))).toEqual(
      planned.map(({ id, unit, askedAt }) => ({ id, unit, askedAt })),
    )
    const prompts = delivered.filter((d) => d.text.startsWith('【抽查】'))
    expect(prompts).toHaveLength(3)
    expect(prompts.map((d) => d.at)).toEqual(planned.map((c) => c.askedAt))
    // Nobody answered: each check timed out once, and the inspection room was told each time.
    expect(after.map((c) => c.status)).toEqual(['unanswered', 'unanswered', 'unanswered'])
    expect(delivered.filter((d) => d.text.startsWith('【抽查超时】'))).toHaveLength(3)
  })
})
