/**
 * One gateway on a mock WeChat, as a process of its own, for tests of a core and several
 * gateways: `tsx test/helpers/gateway-process.ts`.
 *
 * In:
 * - GATEWAY_SPEC (env): JSON GatewayProcessSpec below. People and rooms keep the given ids, so
 *   several gateways can sit in the same rooms with the same liaisons. A room id ends with
 *   '@chatroom', as WeChat's do: the mock takes an id without '@' for a person's.
 * - stdin, one JSON command a line:
 *     {"say":{"roomId":"r1@chatroom","talkerId":"p1","text":"到岗 12 人"}}  a liaison speaks
 *       (optional "at": the message's time, epoch ms; WeChat stamps a message once, on its server,
 *       so two accounts in the room see the same time: give both gateways the same "at")
 *     {"rename":{"roomId":"r1@chatroom","topic":"新群名"}}                  a room is renamed
 * Out:
 * - GATEWAY_SAID (env): a file; every message the bot says is appended as a JSON line
 *   {"account","roomId","text","at"} (and "file", the file's name, for a file).
 * - stdout: {"ready":true} once the gateway has beaten with its rooms published.
 * - SIGTERM: closes the gateway (its heartbeat key is deleted), stops the mock, exits 0.
 */
import { appendFileSync } from 'node:fs'
import { createInterface } from 'node:readline'
import { setTimeout as sleep } from 'node:timers/promises'
import { Redis } from 'ioredis'
import { startGateway } from '../../bot/gateway/gateway.js'
import { createLogger } from '../../bot/logger.js'
import { MockWorld } from '../../bot/wechaty/mock-world.js'
import { accountKeys, type AccountHeartbeat } from '../../jobs/accounts/protocol.js'

export interface GatewayProcessSpec {
  account: string
  redisUrl: string
  prefix: string
  self: { id: string; name: string }
  people: Array<{ id: string; name: string }>
  rooms: Array<{ id: string; topic: string; memberIds: string[] }>
  /** Default 50 and 0: tests need not wait seconds between sends. */
  minGapMs?: number
  jitterMs?: number
  /** Default 10 MB. */
  mediaLimitBytes?: number
  /** Default 'warn', on stderr. */
  logLevel?: string
}

type Command =
  | { say: { roomId: string; talkerId: string; text: string; at?: number } }
  | { rename: { roomId: string; topic: string } }

const spec = JSON.parse(process.env.GATEWAY_SPEC ?? 'null') as GatewayProcessSpec | null
const saidFile = process.env.GATEWAY_SAID
if (!spec || !saidFile) throw new Error('set GATEWAY_SPEC (JSON) and GATEWAY_SAID (a file path)')

const log = createLogger(spec.logLevel ?? 'warn')
const world = new MockWorld([], Date.now, spec.self)
const people = new Map(spec.people.map((p) => [p.id, world.newPerson(p.name, { id: p.id })]))
for (const room of spec.rooms) {
  if (!room.id.endsWith('@chatroom')) throw new Error(`room id ${room.id}: end it with @chatroom`)
  const members = room.memberIds.map((id) => {
    const person = people.get(id)
    if (!person) throw new Error(`room ${room.id}: member ${id} is not among the people`)
    return person
  })
  world.addRoom(room.topic, { id: room.id, members })
}
world.onSent((sent) => {
  const line = {
    account: spec.account,
    roomId: sent.roomId,
    text: sent.text,
    at: sent.at,
    ...(sent.file ? { file: sent.file } : {}),
  }
  appendFileSync(saidFile, `${JSON.stringify(line)}\n`)
})

await world.start()
const gateway = startGateway({
  bot: world.bot,
  account: spec.account,
  connection: spec.redisUrl,
  prefix: spec.prefix,
  log,
  settings: {
    minGapMs: spec.minGapMs ?? 50,
    jitterMs: spec.jitterMs ?? 0,
    heartbeatEveryMs: 1000,
    heartbeatLapseMs: 4000,
    mediaLimitBytes: spec.mediaLimitBytes ?? 10 * 1024 * 1024,
    roomsDebounceMs: 50,
  },
})

process.once('SIGTERM', () => {
  void (async () => {
    await gateway.close()
    await world.stop()
    process.exit(0)
  })()
})

createInterface({ input: process.stdin }).on('line', (line) => {
  if (line.trim() === '') return
  const command = JSON.parse(line) as Command
  if ('say' in command) {
    const { roomId, talkerId, text, at } = command.say
    const talker = people.get(talkerId)
    if (!talker) throw new Error(`say: no person ${talkerId} in GATEWAY_SPEC`)
    world.say(talker, roomId, text, at === undefined ? {} : { timestamp: at })
  } else {
    void world.renameRoom(command.rename.roomId, command.rename.topic)
  }
})

// Ready once the heartbeat carries the rooms: a core reading it then finds them.
const redis = new Redis(spec.redisUrl)
for (;;) {
  const beat = await redis.get(accountKeys.heartbeat(spec.prefix, spec.account))
  if (beat && (JSON.parse(beat) as AccountHeartbeat).roomCount === spec.rooms.length) break
  await sleep(50)
}
await redis.quit()
process.stdout.write(`${JSON.stringify({ ready: true })}\n`)
