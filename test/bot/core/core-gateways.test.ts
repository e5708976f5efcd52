import { randomUUID } from 'node:crypto'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { Redis } from 'ioredis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startCore, type Core } from '../../../bot/core/core.js'
import { startGateway, type Gateway } from '../../../bot/gateway/gateway.js'
import { MockWorld, type SentMessage } from '../../../bot/wechaty/mock-world.js'
import { bindRoom, entryBinding } from '../../../db/bindings.js'
import { closeDb, openDb } from '../../../db/client.js'
import { noteRoom } from '../../../db/rooms.js'
import { loadRoster } from '../../../bot/load-roster.js'
import { localDay } from '../../../src/time/zoned.js'
import { memoryLogger } from '../../helpers/memory-logger.js'
import { tempDir } from '../../helpers/temp.js'

const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379'
const rosterFile = 'test/fixtures/roster.corpus.yaml'
const roster = loadRoster(rosterFile)
const rooms = roster.rooms.map((entry, i) => ({ id: `room${i}@chatroom`, entry }))
const liaisonRooms = rooms.filter((r) => r.entry.role === 'liaison')
const longcheng = rooms.find((r) => r.entry.unit === '龙城派出所')!

/** One WeChat account: its own mock WeChat with the same rooms and people, and a gateway on it. */
interface Account {
  world: MockWorld
  gateway: Gateway
  said: SentMessage[]
}

async function account(name: string, prefix: string, roomIds: Set<string>): Promise<Account> {
  const world = new MockWorld([], Date.now, { id: `self-${name}`, name: `助手${name}` })
  const liaison = world.newPerson('龙城所小王', { id: 'wxid_wang' })
  for (const room of rooms)
    if (roomIds.has(room.id)) world.addRoom(room.entry.topic, { id: room.id, members: [liaison] })
  const said: SentMessage[] = []
  world.onSent((message) => said.push(message))
  await world.start()
  const gateway = startGateway({
    bot: world.bot,
    account: name,
    connection: redisUrl,
    prefix,
    log: memoryLogger('warn').log,
    settings: {
      minGapMs: 5,
      jitterMs: 0,
      heartbeatEveryMs: 200,
      // Generous: a loaded machine must not lapse a live account (a logout is beaten at once).
      heartbeatLapseMs: 5000,
      mediaLimitBytes: 1024 * 1024,
      roomsDebounceMs: 10,
    },
  })
  return { world, gateway, said }
}

async function until(
  what: string,
  done: () => boolean | Promise<boolean>,
  ms = 15_000,
): Promise<void> {
  const end = Date.now() + ms
  while (!(await done())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`)
    await sleep(20)
  }
}

describe('the core with two gateways (in one process)', () => {
  const prefix = `rbtest-${randomUUID().slice(0, 8)}`
  const dir = tempDir('redband-core-')
  const db = join(dir, 'redband.db')
  const { log } = memoryLogger('info')
  let core: Core
  let a: Account
  let b: Account

  beforeAll(async () => {
    // The rooms confirmed beforehand, as `rooms bind --expected` leaves them.
    const store = openDb(db)
    for (const room of rooms) {
      noteRoom(store, { id: room.id, topic: room.entry.topic }, 0)
      bindRoom(store, entryBinding(room.entry, { id: room.id, topic: room.entry.topic }, 'test', 0))
    }
    closeDb(store)
    const everyRoom = new Set(rooms.map((r) => r.id))
    a = await account('a1', prefix, everyRoom)
    b = await account('a2', prefix, everyRoom)
    core = startCore({
      env: { REDIS_URL: redisUrl, REDBAND_HTTP: 'off' },
      roster: rosterFile,
      db,
      evidenceDir: join(dir, 'evidence'),
      queuePrefix: prefix,
      charts: false,
      logger: log,
      lookEveryMs: 50,
      outbox: { minGapMs: 0, jitterMs: 0 },
    })
    await core.ready
    await until('both accounts live in every room', async () => {
      const { accounts } = await core.runtime.deps.status!()
      return accounts.filter((x) => x.live && x.rooms === rooms.length).length === 2
    })
  }, 60_000)

  const live = async () =>
    (await core.runtime.deps.status!()).accounts.filter((x) => x.live).map((x) => x.account)
  const saidIn = (roomId: string, text?: RegExp) =>
    [a, b].flatMap((x) => x.said).filter((m) => m.roomId === roomId && (!text || text.test(m.text)))

  afterAll(async () => {
    await core?.close()
    await Promise.all([a, b].map(async (x) => (await x?.gateway.close(), await x?.world.stop())))
    const redis = new Redis(redisUrl)
    const keys = await redis.keys(`${prefix}:*`)
    if (keys.length) await redis.del(...keys)
    await redis.quit()
  })

  it('stores a report both accounts saw once, and answers it once', async () => {
    // WeChat stamps a message once, on its server: both accounts see the same time.
    const at = Date.now()
    const text = '龙城所今日上岗 46 人'
    a.world.say('龙城所小王', longcheng.id, text, { timestamp: at })
    b.world.say('龙城所小王', longcheng.id, text, { timestamp: at })
    await until('the receipt', () => saidIn(longcheng.id, /46/).length > 0)
    await sleep(500)
    expect(saidIn(longcheng.id, /46/)).toHaveLength(1)
    const reports = core.runtime.deps.db.$client
      .prepare('select unit, count from reports where unit = ?')
      .all('龙城派出所')
    expect(reports).toEqual([{ unit: '龙城派出所', count: 46 }])
  })

  it('keeps a photo both accounts saw once, its bytes carried by the gateway', async () => {
    const at = Date.now()
    a.world.sendPhoto('龙城所小王', longcheng.id, { timestamp: at })
    b.world.sendPhoto('龙城所小王', longcheng.id, { timestamp: at })
    const photos = () =>
      core.runtime.deps.db.$client
        .prepare("select count(*) as n from messages where type = 'image'")
        .get() as { n: number }
    await until('both copies taken', () => photos().n > 0)
    await sleep(500)
    expect(photos().n).toBe(1)
    const kept = core.runtime.deps.db.$client.prepare('select unit from evidence').all()
    expect(kept).toEqual([{ unit: '龙城派出所' }])
  })

  it('sends a reminder to every liaison room through the two accounts, each room once', async () => {
    const now = Date.now()
    await core.runtime.jobs.scheduledJobs.add({
      id: `reminder-test-${now}`,
      name: 'reminder',
      data: { kind: 'reminder', day: localDay(now, roster.timezone), dueAt: now },
    })
    await until('every liaison room reminded', () =>
      liaisonRooms.every((r) => saidIn(r.id, /早上好/).length > 0),
    )
    await sleep(300)
    for (const room of liaisonRooms)
      expect(saidIn(room.id, /早上好/), room.entry.topic).toHaveLength(1)
    // How the rooms spread over the accounts is the multi-process test's (test/faults/multi-account).
  })

  it('sends through the other account while one is logged out', async () => {
    await a.world.bot.logout()
    await until('a1 down', async () => !(await live()).includes('a1'))
    const before = a.said.length
    const now = Date.now()
    await core.runtime.jobs.scheduledJobs.add({
      id: `reminder-test-b-${now}`,
      name: 'reminder',
      data: { kind: 'reminder', day: localDay(now + 86_400_000, roster.timezone), dueAt: now },
    })
    await until('every liaison room reminded again', () =>
      liaisonRooms.every((r) => saidIn(r.id, /早上好/).length >= 2),
    )
    expect(a.said.length).toBe(before)
  })
})
