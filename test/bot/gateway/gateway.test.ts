import { FileBox } from 'file-box'
import { setTimeout as sleep } from 'node:timers/promises'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { startGateway, type Gateway } from '../../../bot/gateway/gateway.js'
import { isThrottle } from '../../../bot/gateway/throttle.js'
import { createLogger } from '../../../bot/logger.js'
import { MockWorld } from '../../../bot/wechaty/mock-world.js'
import { accountKeys, type GatewayEvent } from '../../../jobs/accounts/protocol.js'
import type { RoomSighting } from '../../../db/rooms.js'
import { coreSide, redisUrl, type CoreSide } from '../../helpers/account-redis.js'

const account = 'gw-1'
const log = createLogger('silent')

/** Long enough for Redis and a mock WeChat on a busy machine. */
const settle = { timeout: 10_000 }

describe('gateway on a mock WeChat', () => {
  let world: MockWorld
  let core: CoreSide
  let gateway: Gateway | undefined

  async function start(options: { mediaLimitBytes?: number } = {}) {
    world = new MockWorld(['一号群', '二号群'])
    world.person('张三')
    await world.start()
    core = coreSide(account)
    gateway = startGateway({
      bot: world.bot,
      account,
      connection: redisUrl,
      prefix: core.prefix,
      log,
      settings: {
        minGapMs: 0,
        jitterMs: 0,
        heartbeatEveryMs: 200,
        heartbeatLapseMs: 1000,
        mediaLimitBytes: options.mediaLimitBytes ?? 1024 * 1024,
        roomsDebounceMs: 20,
      },
    })
    // Ready once the rooms are published.
    await vi.waitFor(async () => expect((await core.heartbeat())?.roomCount).toBe(2), settle)
  }

  async function eventsOf<K extends GatewayEvent['kind']>(
    kind: K,
    count: number,
  ): Promise<Array<Extract<GatewayEvent, { kind: K }>>> {
    let events: GatewayEvent[] = []
    await vi.waitFor(async () => {
      events = (await core.inboundEvents()).map((e) => e.data).filter((e) => e.kind === kind)
      expect(events).toHaveLength(count)
    }, settle)
    return events as Array<Extract<GatewayEvent, { kind: K }>>
  }

  afterEach(async () => {
    await gateway?.close()
    gateway = undefined
    await world.stop()
    await core.close()
  })

  it('forwards a liaison’s message once, however often WeChat delivers it', async () => {
    await start()
    const roomId = world.room('一号群').id
    const id = world.say('张三', roomId, '到岗 12 人')
    world.redeliver(id)
    const event = (await eventsOf('message', 1))[0]!
    expect(event).toEqual({
      kind: 'message',
      account,
      inbound: expect.objectContaining({
        id,
        roomId,
        roomTopic: '一号群',
        senderName: '张三',
        type: 'text',
        text: '到岗 12 人',
      }),
    })
    // The redelivery has had its chance to become a second job.
    await sleep(200)
    expect(await eventsOf('message', 1)).toHaveLength(1)
  })

  it('carries a photo’s bytes, and none over the limit', async () => {
    await start()
    world.sendPhoto('张三', '一号群')
    const photo = (await eventsOf('message', 1))[0]!
    expect(photo.inbound.type).toBe('image')
    expect(Buffer.from(photo.media?.base64 ?? '', 'base64').subarray(0, 2)).toEqual(
      Buffer.from([0xff, 0xd8]),
    )
  })

  it('forwards a photo over the limit without its bytes', async () => {
    await start({ mediaLimitBytes: 10 })
    world.sendPhoto('张三', '一号群')
    const photo = (await eventsOf('message', 1))[0]!
    expect(photo).toMatchObject({ kind: 'message', inbound: { type: 'image' } })
    expect(photo).not.toHaveProperty('media')
  })

  it('forwards a recall as today’s recalled message', async () => {
    await start()
    const id = world.say('张三', '一号群', '到岗 12 人')
    world.recall('张三', '一号群', id)
    const events = await eventsOf('message', 2)
    expect(events[1]).toMatchObject({ inbound: { type: 'recalled', text: id } })
  })

  it('publishes the rooms with their members, again when one is renamed', async () => {
    await start()
    const rooms = JSON.parse(
      (await core.redis.get(accountKeys.rooms(core.prefix, account)))!,
    ) as RoomSighting[]
    expect(rooms.map((r) => [r.topic, r.memberNames])).toEqual([
      ['一号群', ['张三']],
      ['二号群', ['张三']],
    ])
    const before = (await core.heartbeat())!.roomsVersion
    const roomId = world.room('一号群').id
    await world.renameRoom(roomId, '一号群（新）')
    expect(await eventsOf('topic', 1)).toEqual([
      { kind: 'topic', account, roomId, topic: '一号群（新）' },
    ])
    await vi.waitFor(
      async () => expect((await core.heartbeat())?.roomsVersion).not.toBe(before),
      settle,
    )
    expect(await core.redis.get(accountKeys.rooms(core.prefix, account))).toContain('一号群（新）')
  })

  it('forwards an invitation into a room with the room and who invited', async () => {
    await start()
    const roomId = world.addRoom('新建群', { invitedBy: world.person('张三') })
    const join = (await eventsOf('join', 1))[0]!
    expect(join).toMatchObject({
      kind: 'join',
      account,
      room: { id: roomId, topic: '新建群', memberNames: ['张三'] },
      invitedBy: '张三',
    })
    await vi.waitFor(async () => expect((await core.heartbeat())?.roomCount).toBe(3), settle)
  })

  it('says the core’s text and files in the room of the job’s id', async () => {
    await start()
    const roomId = world.room('二号群').id
    expect(await core.send({ roomId, text: '今日通报' })).toBe('sent')
    const chart = FileBox.fromBuffer(Buffer.from('png bytes'), 'chart.png')
    const file = { name: 'chart.png', base64: await chart.toBase64() }
    expect(await core.send({ roomId, text: '', file })).toBe('sent')
    expect(world.sentTo(roomId)).toEqual(['今日通报', '[文件] chart.png'])
    expect(world.sentTo(world.room('一号群').id)).toEqual([])
  })

  it('says nothing for a route given elsewhere or run out, or a room it is not in', async () => {
    await start()
    const roomId = world.room('一号群').id
    expect(await core.send({ roomId }, false)).toBe('superseded')
    expect(await core.send({ roomId: 'not-a-room-of-mine' })).toBe('unreachable')
    expect(world.sent).toEqual([])
  })

  it('reports a send WeChat refused as too frequent', async () => {
    await start()
    world.mocker.puppet.messageSendText = async () => {
      throw new Error('操作过于频繁，请稍后再试')
    }
    expect(await core.send({ roomId: world.room('一号群').id })).toBe('throttled')
    expect(world.sent).toEqual([])
  })

  it('beats as logged out once the account logs out', async () => {
    await start()
    expect((await core.heartbeat())?.loggedInSince).toBeGreaterThan(0)
    await world.mocker.puppet.logout()
    await vi.waitFor(async () => expect((await core.heartbeat())?.loggedInSince).toBeNull(), settle)
  })
})

describe('isThrottle', () => {
  it('knows WeChat’s words for too frequent, and nothing else', () => {
    expect(isThrottle(new Error('操作过于频繁，请稍后再试'))).toBe(true)
    expect(isThrottle(new Error('send failed: too frequent'))).toBe(true)
    expect(isThrottle(new Error('room not found'))).toBe(false)
  })
})
