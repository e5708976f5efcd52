import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { openDb, type Db } from '../../db/client.js'
import { claimOutbox, finishOutbox, insertOutbox } from '../../db/outbox.js'
import type { Alerter } from '../../jobs/alert-webhooks.js'
import { watchBulletins } from '../../jobs/watch-bulletins.js'
import { defaultSchedule } from '../../src/schedule/schedule.js'
import { instantOf } from '../../src/time/zoned.js'
import { loadTemplates } from '../../templates/load-templates.js'

const zone = 'Asia/Shanghai'
const day = '2026-10-12'

describe('the evening bulletins, watched', () => {
  let db: Db
  let told: string[]
  let stop: () => void
  const alerter: Alerter = {
    raise: async (cause, text) => void told.push(`raise ${cause} ${text}`),
    recover: async (cause, text) => void told.push(`recover ${cause} ${text}`),
  }
  beforeEach(() => {
    db = openDb(':memory:')
    told = []
    vi.useFakeTimers({ now: instantOf(day, '19:59', zone) })
    stop = watchBulletins({
      db,
      schedule: defaultSchedule,
      timezone: zone,
      templates: loadTemplates(),
      alerter,
      now: Date.now,
    })
  })
  afterEach(() => {
    stop()
    vi.useRealTimers()
  })

  const sendWorkBulletin = () => {
    const key = `bulletins-${day}-work-command-room-0`
    insertOutbox(db, [
      {
        key,
        roomId: 'r',
        roomTopic: '红袖标指挥部',
        text: '通报',
        dueAt: Date.now(),
        day,
        lane: 'broadcast',
        createdAt: Date.now(),
      },
    ])
    claimOutbox(db, key)
    finishOutbox(db, key, { status: 'sent', at: Date.now() })
  }

  it('tells the webhooks when the work bulletin has not gone out by 20:05, and when it has', async () => {
    await vi.advanceTimersByTimeAsync(5 * 60_000)
    expect(told).toEqual([])
    await vi.advanceTimersByTimeAsync(60_000)
    expect(told).toEqual([
      'raise bulletins-late-2026-10-12 ⚠️ 今晚 20:00 的工作情况通报到现在还没有发到指挥部群。请运维检查红袖标助手的微信登录和指挥部群。',
    ])
    sendWorkBulletin()
    await vi.advanceTimersByTimeAsync(60_000)
    expect(told.at(-1)).toBe(
      'recover bulletins-late-2026-10-12 今晚的工作情况通报已发出（原定 20:00）。',
    )
  })

  it('says nothing when the bulletin went out in time', async () => {
    sendWorkBulletin()
    await vi.advanceTimersByTimeAsync(10 * 60_000)
    expect(told.filter((t) => t.startsWith('raise'))).toEqual([])
  })
})
