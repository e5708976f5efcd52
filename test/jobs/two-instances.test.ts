import { randomUUID } from 'node:crypto'
import { join } from 'node:path'
import { Redis } from 'ioredis'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { defaultSchedule } from '../../src/schedule/schedule.js'
import { instantOf } from '../../src/time/zoned.js'
import {
  exampleJobsRoster,
  startJobsInstance,
  type Delivered,
  type JobsInstance,
} from '../helpers/jobs-instance.js'
import { tempDir } from '../helpers/temp.js'

const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379'
const liaisonRooms = exampleJobsRoster.rooms.filter((r) => r.role === 'liaison').map((r) => r.topic)

describe('two instances on one Redis', () => {
  const prefix = `rbtest-${randomUUID().slice(0, 8)}`
  const instances: JobsInstance[] = []

  afterEach(async () => {
    await Promise.all(instances.splice(0).map((i) => i.close()))
    vi.useRealTimers()
    const redis = new Redis(redisUrl)
    const keys = await redis.keys(`${prefix}:*`)
    if (keys.length > 0) await redis.del(...keys)
    await redis.quit()
  })

  it('tick twice, queue once, and send each scheduled message once', async () => {
    // The clock runs on by itself (Redis needs real time passing); the test only jumps it to 07:29:58.
    vi.useFakeTimers({
      now: instantOf('2026-10-12', '07:29:58', 'Asia/Shanghai'),
      shouldAdvanceTime: true,
    })
    const dbFile = join(tempDir(), 'redband.db')
    const delivered: Delivered[] = []
    for (const name of ['a', 'b']) {
      instances.push(
        await startJobsInstance({
          dbFile,
          delivered,
          name,
          redisUrl,
          queuePrefix: prefix,
          schedule: { ...defaultSchedule },
          outbox: { minGapMs: 100 },
        }),
      )
    }
    await vi.advanceTimersByTimeAsync(3000)
    await vi.waitFor(() => expect(delivered.length).toBeGreaterThanOrEqual(liaisonRooms.length), {
      timeout: 10_000,
    })
    // Both processes sent (they share the work), and nothing twice.
    await new Promise((resolve) => setTimeout(resolve, 1000))
    expect(delivered.map((d) => d.topic).sort()).toEqual([...liaisonRooms].sort())
    expect(delivered.every((d) => d.text.includes('早上好'))).toBe(true)
  })
})
