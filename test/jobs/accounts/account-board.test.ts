import { randomUUID } from 'node:crypto'
import { Redis } from 'ioredis'
import { afterEach, describe, expect, it } from 'vitest'
import {
  watchAccounts,
  type AccountBoard,
  type BoardChange,
} from '../../../jobs/accounts/account-board.js'
import { accountKeys, type AccountHeartbeat } from '../../../jobs/accounts/protocol.js'
import { memoryLogger } from '../../helpers/memory-logger.js'

const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379'

describe('watchAccounts', () => {
  const prefix = `rbtest-${randomUUID().slice(0, 8)}`
  const redis = new Redis(redisUrl)
  let board: AccountBoard | undefined

  afterEach(async () => {
    await board?.close()
    const keys = await redis.keys(`${prefix}:*`)
    if (keys.length) await redis.del(...keys)
  })

  /** What a gateway writes each beat (see protocol.ts). */
  async function beat(account: string, fields: Partial<AccountHeartbeat> = {}, ttlMs = 5000) {
    const heartbeat: AccountHeartbeat = {
      account,
      name: `助手-${account}`,
      loggedInSince: 1_000,
      at: Date.now(),
      roomsVersion: 'v1',
      roomCount: 1,
      sentToday: 0,
      throttledToday: 0,
      lastThrottleAt: null,
      paceMs: 2500,
      ...fields,
    }
    await redis.sadd(accountKeys.accounts(prefix), account)
    await redis.set(accountKeys.heartbeat(prefix, account), JSON.stringify(heartbeat), 'PX', ttlMs)
  }

  async function started(): Promise<{ board: AccountBoard; changes: BoardChange[] }> {
    const changes: BoardChange[] = []
    board = watchAccounts({
      connection: redisUrl,
      prefix,
      log: memoryLogger().log,
      everyMs: 60_000,
    })
    board.onChange((change) => changes.push(change))
    await board.start()
    return { board, changes }
  }

  it('sees accounts come up with their rooms, and reads the rooms again only when their version changes', async () => {
    await redis.set(
      accountKeys.rooms(prefix, 'a1'),
      JSON.stringify([{ id: 'r1@chatroom', topic: '指挥部' }]),
    )
    await beat('a1')
    await beat('a2', { loggedInSince: null })
    const { board, changes } = await started()
    expect(board.live().map((a) => a.account)).toEqual(['a1'])
    expect(board.get('a1')?.rooms).toEqual([{ id: 'r1@chatroom', topic: '指挥部' }])
    expect(board.get('a2')).toMatchObject({ live: false, beating: true })
    // An account logged out when the core starts is down from the first look: it is told.
    expect(changes).toEqual([{ up: ['a1'], down: ['a2'], rooms: ['a1', 'a2'], throttled: [] }])

    await redis.set(
      accountKeys.rooms(prefix, 'a1'),
      JSON.stringify([{ id: 'r2@chatroom', topic: '督导组' }]),
    )
    await board.look()
    expect(board.get('a1')?.rooms[0]?.id).toBe('r1@chatroom')
    await beat('a1', { roomsVersion: 'v2' })
    await board.look()
    expect(board.get('a1')?.rooms[0]?.id).toBe('r2@chatroom')
    expect(changes.at(-1)).toEqual({ up: [], down: [], rooms: ['a1'], throttled: [] })
  })

  it('takes an account down when it logs out or its heartbeat lapses, and keeps its last beat', async () => {
    await beat('a1')
    await beat('a2', {}, 300)
    const { board, changes } = await started()
    expect(board.live()).toHaveLength(2)
    await beat('a1', { loggedInSince: null })
    await new Promise((resolve) => setTimeout(resolve, 400))
    await board.look()
    expect(board.live()).toEqual([])
    expect(changes.at(-1)).toMatchObject({ down: ['a1', 'a2'] })
    expect(board.get('a2')).toMatchObject({
      live: false,
      beating: false,
      heartbeat: { name: '助手-a2' },
    })
    expect(board.get('a1')).toMatchObject({ live: false, beating: true })
    await beat('a2')
    await board.look()
    expect(changes.at(-1)).toMatchObject({ up: ['a2'], down: [] })
  })

  it('reports a throttle once, when the account’s last throttle changes', async () => {
    await beat('a1')
    const { board, changes } = await started()
    await beat('a1', { throttledToday: 1, lastThrottleAt: 5_000 })
    await board.look()
    await board.look()
    await beat('a1', { throttledToday: 2, lastThrottleAt: 6_000 })
    await board.look()
    expect(changes.map((c) => c.throttled)).toEqual([[], ['a1'], ['a1']])
  })

  it('keeps its last view while Redis cannot be read, and says so once', async () => {
    await beat('a1')
    const { log, lines } = memoryLogger()
    board = watchAccounts({ connection: 'redis://127.0.0.1:1', prefix, log, everyMs: 60_000 })
    await expect(board.start()).rejects.toThrow()
    expect(board.all()).toEqual([])
    await board.look()
    await board.look()
    expect(
      lines.filter((l) => String(l.msg).includes('could not read the heartbeats')),
    ).toHaveLength(1)
  })
})
