import { setTimeout as sleep } from 'node:timers/promises'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createLogger } from '../../../bot/logger.js'
import {
  startGatewayLink,
  type GatewayLink,
  type GatewayLinkOptions,
} from '../../../jobs/accounts/gateway-link.js'
import { accountKeys, type GatewayEvent, type SendJob } from '../../../jobs/accounts/protocol.js'
import { instantOf } from '../../../src/time/zoned.js'
import { coreSide, redisUrl, type CoreSide } from '../../helpers/account-redis.js'
import { redisProxy } from '../../helpers/redis-proxy.js'

const account = 'acct-1'
const log = createLogger('silent')

function message(id: string): GatewayEvent {
  return {
    kind: 'message',
    account,
    inbound: {
      id,
      roomId: 'r1',
      roomTopic: '一号群',
      senderId: 'p1',
      senderName: '张三',
      sentAt: 1,
      type: 'text',
      text: '到岗 12 人',
    },
  }
}

/** Long enough for Redis and a mock WeChat on a busy machine. */
const settle = { timeout: 10_000 }

describe('gateway link', () => {
  let core: CoreSide
  let link: GatewayLink | undefined
  const said: Array<{ job: SendJob; at: number }> = []

  function start(options: Partial<GatewayLinkOptions> = {}): GatewayLink {
    core = coreSide(account)
    link = startGatewayLink({
      account,
      connection: redisUrl,
      prefix: core.prefix,
      log,
      settings: { minGapMs: 0, jitterMs: 0, heartbeatEveryMs: 200, heartbeatLapseMs: 1000 },
      say: async (job) => {
        said.push({ job, at: Date.now() })
        return 'sent'
      },
      isThrottle: (error) => String(error).includes('频繁'),
      state: () => ({ name: '红袖标一号', loggedInSince: 1000 }),
      ...options,
    })
    return link
  }

  afterEach(async () => {
    await link?.close()
    link = undefined
    said.length = 0
    await core.close()
  })

  it('beats with the account’s state under a key that expires, and lists the account', async () => {
    start()
    await vi.waitFor(async () => expect(await core.heartbeat()).toBeDefined(), settle)
    expect(await core.heartbeat()).toMatchObject({
      account,
      name: '红袖标一号',
      loggedInSince: 1000,
      sentToday: 0,
      throttledToday: 0,
    })
    const ttl = await core.redis.pttl(accountKeys.heartbeat(core.prefix, account))
    expect(ttl).toBeGreaterThan(0)
    expect(ttl).toBeLessThanOrEqual(1000)
    expect(await core.redis.smembers(accountKeys.accounts(core.prefix))).toEqual([account])
  })

  it('publishes the rooms and a new version of them with the next beat', async () => {
    const l = start()
    const room = { id: 'r1', topic: '一号群', memberIds: ['p1'], memberNames: ['张三'] }
    const rooms = [room]
    await l.publishRooms(rooms)
    const first = await core.heartbeat()
    expect(first).toMatchObject({ roomCount: 1 })
    expect(JSON.parse((await core.redis.get(accountKeys.rooms(core.prefix, account)))!)).toEqual(
      rooms,
    )
    await l.publishRooms([{ ...room, topic: '一号群（改）' }])
    expect((await core.heartbeat())?.roomsVersion).not.toBe(first?.roomsVersion)
  })

  it('forwards one job per message id however often it comes, and one per other event', async () => {
    const l = start()
    await l.forward(message('wx:msg/1'))
    await l.forward(message('wx:msg/1'))
    await l.forward(message('wx:msg/2'))
    const topic: GatewayEvent = { kind: 'topic', account, roomId: 'r1', topic: '新名' }
    await l.forward(topic)
    await l.forward(topic)
    const events = await core.inboundEvents()
    expect(events.map((e) => e.data)).toEqual([
      message('wx:msg/1'),
      message('wx:msg/2'),
      topic,
      topic,
    ])
    expect(events.every((e) => !e.id.includes(':'))).toBe(true)
  })

  it('forwards a burst of text messages as one job, in order, around the events between', async () => {
    const l = start()
    const photo: GatewayEvent = {
      ...message('wx:msg/p'),
      media: { name: 'p.jpg', base64: 'AAAA' },
    } as GatewayEvent
    const topic: GatewayEvent = { kind: 'topic', account, roomId: 'r1', topic: '新名' }
    // Given together, as a gateway hands over what WeChat delivered in one moment.
    await Promise.all(
      [message('b1'), message('b2'), message('b2'), photo, message('b3'), topic, message('b4')].map(
        (event) => l.forward(event),
      ),
    )
    const jobs = await core.inboundJobs()
    expect(jobs.map((job) => job.kind)).toEqual([
      'messages',
      'message',
      'message',
      'topic',
      'message',
    ])
    expect(jobs[0]).toEqual({
      kind: 'messages',
      account,
      inbounds: [message('b1'), message('b2')].map((e) => (e as { inbound: unknown }).inbound),
    })
    expect((await core.inboundEvents()).map((e) => e.data)).toEqual([
      message('b1'),
      message('b2'),
      photo,
      message('b3'),
      topic,
      message('b4'),
    ])
  })

  it('keeps what it forwards while Redis is away and adds it when Redis is back', async () => {
    const proxy = await redisProxy(new URL(redisUrl))
    try {
      const l = start({ connection: proxy.url })
      await l.beat()
      await proxy.stop()
      const forwarded = l.forward(message('during-outage'))
      await sleep(500)
      await proxy.start()
      await forwarded
      expect((await core.inboundEvents()).map((e) => e.data)).toEqual([message('during-outage')])
    } finally {
      await link?.close()
      link = undefined
      await proxy.stop()
    }
  })

  it('says a job whose route is live, and takes the route', async () => {
    start()
    expect(await core.send({ key: 'k1', route: 'route-1', roomId: 'r1', text: '你好' })).toBe(
      'sent',
    )
    expect(said.map((s) => s.job.text)).toEqual(['你好'])
    expect(await core.redis.get(accountKeys.route(core.prefix, 'k1'))).toBe('taken:route-1')
    await link!.beat()
    expect(await core.heartbeat()).toMatchObject({ sentToday: 1 })
  })

  it('does not say a job whose route was given elsewhere or ran out', async () => {
    start()
    expect(await core.send({ roomId: 'r1' }, false)).toBe('superseded')
    expect(said).toEqual([])
  })

  it('fails a job while logged out and leaves its route for the core to revoke', async () => {
    start({ state: () => ({ name: null, loggedInSince: null }) })
    await expect(core.send({ key: 'k2', route: 'route-2', roomId: 'r1' })).rejects.toThrow(
      'logged out',
    )
    expect(said).toEqual([])
    expect(await core.redis.get(accountKeys.route(core.prefix, 'k2'))).toBe('route-2')
  })

  it('counts a throttle and fails a job on any other error', async () => {
    let error = new Error('操作过于频繁，请稍后再试')
    start({
      say: async () => {
        throw error
      },
    })
    expect(await core.send({ roomId: 'r1' })).toBe('throttled')
    await link!.beat()
    const beat = await core.heartbeat()
    expect(beat).toMatchObject({ throttledToday: 1, sentToday: 0 })
    expect(beat?.lastThrottleAt).toBeGreaterThan(0)
    error = new Error('puppet gone')
    await expect(core.send({ roomId: 'r1' })).rejects.toThrow('puppet gone')
  })

  it('leaves the account’s gap between two sends', async () => {
    start({
      settings: { minGapMs: 400, jitterMs: 0, heartbeatEveryMs: 200, heartbeatLapseMs: 1000 },
    })
    await Promise.all([core.send({ roomId: 'r1' }), core.send({ roomId: 'r1' })])
    expect(said).toHaveLength(2)
    expect(said[1]!.at - said[0]!.at).toBeGreaterThanOrEqual(400)
  })

  it('starts the day’s counts again after local midnight', async () => {
    let now = instantOf('2026-10-12', '23:59', 'Asia/Shanghai')
    start({ now: () => now })
    await core.send({ roomId: 'r1' })
    await link!.beat()
    expect(await core.heartbeat()).toMatchObject({ sentToday: 1 })
    now = instantOf('2026-10-13', '00:01', 'Asia/Shanghai')
    await link!.beat()
    expect(await core.heartbeat()).toMatchObject({ sentToday: 0 })
  })

  it('stops beating when closed and says so by deleting its heartbeat', async () => {
    const l = start()
    await vi.waitFor(async () => expect(await core.heartbeat()).toBeDefined(), settle)
    await l.close()
    link = undefined
    expect(await core.heartbeat()).toBeUndefined()
    await sleep(500)
    expect(await core.heartbeat()).toBeUndefined()
  })
})
