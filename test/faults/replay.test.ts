import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { types } from 'wechaty'
import type { MockWorld } from '../../bot/wechaty/mock-world.js'
import { messages, reports } from '../../db/schema.js'
import { startBotWorld, type BotWorld } from '../helpers/bot-world.js'
import { memoryLogger } from '../helpers/memory-logger.js'

/**
 * The unofficial protocols deliver old messages again after a re-login, under new ids (of the
 * message, and of the sender and room as this login knows them) with the original timestamp,
 * sometimes in seconds, and sometimes history from before the bot started. A report is counted
 * and answered once, whatever comes back.
 */

const room = '呈贡分局红袖标联络群'
const text = '龙城所今日上岗红袖标150人，点位10个'

/** The bot's account logs out of WeChat and in again. */
async function relogin(world: MockWorld): Promise<void> {
  const loggedOut = new Promise((resolve) => world.bot.once('logout', resolve))
  await world.mocker.puppet.logout()
  await loggedOut
  const loggedIn = new Promise((resolve) => world.bot.once('login', resolve))
  world.mocker.login(world.self)
  await loggedIn
}

/**
 * The protocol delivers a message as this login knows it: a new message id, and when asked a
 * new contact id for the same person and a new room id for the same group.
 */
function replay(
  world: MockWorld,
  message: { id: string; name: string; topic: string; text: string; timestamp: number },
  newIds: { sender?: boolean; room?: boolean } = {},
): void {
  const original = world.room(message.topic)
  const sender = newIds.sender
    ? world.mocker.createContact({ name: message.name })
    : world.person(message.name)
  const roomMock = newIds.room
    ? world.mocker.createRoom({
        topic: message.topic,
        memberIdList: [...original.payload.memberIdList],
      })
    : original
  roomMock.payload.memberIdList.push(sender.id)
  world.mocker.MessageMock.create({
    id: message.id,
    talkerId: sender.id,
    roomId: roomMock.id,
    mentionIdList: [],
    timestamp: message.timestamp,
    type: types.Message.Text,
    text: message.text,
  })
  world.mocker.puppet.emit('message', { messageId: message.id })
}

describe('a report replayed after a re-login', () => {
  let bot: BotWorld
  let startedAt: number
  let logLines: Record<string, unknown>[]

  beforeEach(async () => {
    startedAt = Date.now()
    const { log, lines } = memoryLogger('debug')
    logLines = lines
    bot = await startBotWorld({ logger: log })
  })
  afterEach(() => bot.close())

  /** Receipts of reports and of corrections. */
  const receipts = () => bot.world.sentTo(room).filter((t) => /已登记|已更正/.test(t))
  /** Why the bot let a message pass, as its log says. */
  const ignored = (msgId: string) =>
    logLines
      .filter((l) => l.msgId === msgId && /^(ignored|stored, not acted on)/.test(String(l.msg)))
      .map((l) => l.msg)
  const storedIds = () =>
    bot.db
      .select({ id: messages.id })
      .from(messages)
      .all()
      .map((m) => m.id)

  it('is counted once and answered once, under new ids, with its timestamp in ms or s, or from before the start', async () => {
    const { world, db } = bot
    // A second into the run, so that the timestamp in whole seconds is still after the start.
    await new Promise((resolve) => setTimeout(resolve, 1000 - (Date.now() % 1000) + 10))
    const sentAt = Date.now()
    world.say('张三', room, text, { id: 'wx-1001', timestamp: sentAt })
    await vi.waitFor(() => expect(receipts()).toHaveLength(1))

    await relogin(world)
    const again = { name: '张三', topic: room, text }
    replay(world, { ...again, id: 'wx-2001', timestamp: sentAt })
    replay(world, { ...again, id: 'wx-2002', timestamp: sentAt }, { sender: true, room: true })
    replay(world, { ...again, id: 'wx-2003', timestamp: Math.floor(sentAt / 1000) })
    replay(world, { ...again, id: 'wx-2004', timestamp: startedAt - 60_000 }, { sender: true })
    await bot.settle()

    const rows = db.select().from(reports).all()
    expect(rows).toMatchObject([
      { messageId: 'wx-1001', unit: '龙城派出所', count: 150, status: 'counted' },
    ])
    expect(receipts()).toHaveLength(1)
    expect(storedIds()).toContain('wx-1001')
    // The one from before the start is kept raw (history), but neither counted nor answered.
    expect(storedIds().filter((id) => id.startsWith('wx-2'))).toEqual(['wx-2004'])
    for (const id of ['wx-2001', 'wx-2002', 'wx-2003'])
      expect({ id, ignored: ignored(id) }).toEqual({ id, ignored: ['ignored: already stored'] })
    expect(ignored('wx-2004')).toEqual([
      'stored, not acted on: sent before the bot started (a replay)',
    ])
  })

  it('a correction sent after the re-login is still read: only the replays are ignored', async () => {
    const { world, db } = bot
    const sentAt = Date.now()
    world.say('张三', room, text, { id: 'wx-1001', timestamp: sentAt })
    await vi.waitFor(() => expect(receipts()).toHaveLength(1))
    await relogin(world)
    replay(world, { id: 'wx-2001', name: '张三', topic: room, text, timestamp: sentAt })
    world.say('张三', room, '【更正】龙城所今日上岗人数为 155 人', { id: 'wx-2002' })
    await vi.waitFor(() => expect(receipts()).toHaveLength(2))
    await bot.settle()
    expect(
      db
        .select()
        .from(reports)
        .all()
        .map((r) => [r.messageId, r.count]),
    ).toEqual([
      ['wx-1001', 150],
      ['wx-2002', 155],
    ])
    expect(receipts()).toEqual([
      expect.stringContaining('已登记：龙城派出所 今日上岗 150 人'),
      expect.stringContaining('已更正：龙城派出所 今日上岗 155 人'),
    ])
  })
})
