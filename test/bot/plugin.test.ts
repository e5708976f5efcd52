import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { types } from 'wechaty'
import type { MockWorld } from '../../bot/wechaty/mock-world.js'
import type { Db } from '../../db/client.js'
import { evidence, messages, reports } from '../../db/schema.js'
import { startBotWorld, type BotWorld } from '../helpers/bot-world.js'

const liaisonRoom = '呈贡分局红袖标联络群'
const stationRoom = '龙城派出所红袖标群'

describe('Redband plugin on mock WeChat', () => {
  let world: MockWorld
  let db: Db
  let dir: string
  let bot: BotWorld

  beforeEach(async () => {
    bot = await startBotWorld()
    ;({ world, db, dir } = bot)
  })

  afterEach(() => bot.close())

  const counted = () =>
    db
      .select()
      .from(reports)
      .all()
      .filter((r) => r.status === 'counted')
  const settle = () => bot.settle()

  it('turns a report into a record and answers with a receipt', async () => {
    const id = world.say('张三', liaisonRoom, '龙城所今日上岗红袖标150人，点位10个')
    await vi.waitFor(() => expect(world.sentTo(liaisonRoom)).toHaveLength(1))
    expect(world.sentTo(liaisonRoom)[0]).toContain('已登记：龙城派出所 今日上岗 150 人，点位 10 个')
    expect(counted()).toMatchObject([
      { messageId: id, unit: '龙城派出所', count: 150, points: 10, approx: false },
    ])
    const stored = db.select().from(messages).all()
    expect(stored).toMatchObject([
      {
        id,
        roomTopic: liaisonRoom,
        senderName: '张三',
        type: 'text',
        text: '龙城所今日上岗红袖标150人，点位10个',
      },
    ])
  })

  it('uses the room’s unit when the message names none', async () => {
    world.say('李四', stationRoom, '今日上岗 148 人，点位 10 个')
    await vi.waitFor(() => expect(world.sentTo(stationRoom)).toHaveLength(1))
    expect(counted()).toMatchObject([{ unit: '龙城派出所', count: 148 }])
  })

  it('counts a message delivered twice in sequence once', async () => {
    const id = world.say('张三', liaisonRoom, '洛龙所：到岗 118 人')
    await vi.waitFor(() => expect(counted()).toHaveLength(1))
    world.redeliver(id)
    await settle()
    expect(counted()).toHaveLength(1)
    expect(world.sentTo(liaisonRoom)).toHaveLength(1)
  })

  it('counts a message delivered twice at once once', async () => {
    const id = world.say('张三', liaisonRoom, '洛龙所：到岗 118 人')
    world.redeliver(id)
    world.redeliver(id)
    await settle()
    expect(counted()).toHaveLength(1)
    expect(world.sentTo(liaisonRoom)).toHaveLength(1)
  })

  it('ignores its own messages and messages sent before it started', async () => {
    world.self.say('龙城所今日上岗 150 人').to(world.room(liaisonRoom))
    world.say('张三', liaisonRoom, '洛龙所今日上岗 118 人', { timestamp: Date.now() - 3_600_000 })
    await settle()
    expect(counted()).toEqual([])
    expect(world.sentTo(liaisonRoom)).toEqual(['龙城所今日上岗 150 人'])
  })

  it('retracts the report of a recalled message', async () => {
    const id = world.say('张三', liaisonRoom, '吴家营所今日上岗 198 人')
    await vi.waitFor(() => expect(counted()).toHaveLength(1))
    world.recall('张三', liaisonRoom, id)
    await vi.waitFor(() => expect(counted()).toHaveLength(0))
    await vi.waitFor(() => expect(world.sentTo(liaisonRoom)).toHaveLength(2))
    expect(world.sentTo(liaisonRoom)[1]).toContain('吴家营派出所 198 人')
    expect(
      db
        .select()
        .from(messages)
        .all()
        .find((m) => m.id === id)?.recalledAt,
    ).toBeTypeOf('number')
  })

  it('answers an unknown unit with the closest roster units, and counts nothing', async () => {
    world.say('张三', liaisonRoom, '龙成所今日上岗 150 人')
    await vi.waitFor(() => expect(world.sentTo(liaisonRoom)).toHaveLength(1))
    expect(world.sentTo(liaisonRoom)[0]).toContain('龙城派出所')
    expect(counted()).toEqual([])
  })

  it('holds an implausible figure until the liaison confirms it', async () => {
    world.say('张三', liaisonRoom, '龙城所今日上岗 1500 人')
    await vi.waitFor(() => expect(world.sentTo(liaisonRoom)).toHaveLength(1))
    expect(world.sentTo(liaisonRoom)[0]).toContain('暂未计入')
    expect(counted()).toEqual([])
    world.say('张三', liaisonRoom, '#确认')
    await vi.waitFor(() => expect(counted()).toMatchObject([{ unit: '龙城派出所', count: 1500 }]))
    await vi.waitFor(() => expect(world.sentTo(liaisonRoom)[1]).toContain('已确认'))
  })

  it('keeps a photo as evidence for the sender’s unit and day', async () => {
    world.say('王五', liaisonRoom, '洛龙所今日上岗 118 人')
    await vi.waitFor(() => expect(counted()).toHaveLength(1))
    world.sendPhoto('王五', liaisonRoom)
    await vi.waitFor(() => expect(db.select().from(evidence).all()).toHaveLength(1))
    const [photo] = db.select().from(evidence).all()
    expect(photo).toMatchObject({ unit: '洛龙派出所' })
    expect(photo!.path).toMatch(/洛龙派出所\/.+\.jpg$/)
    expect(existsSync(join(dir, 'evidence', photo!.path!))).toBe(true)
  })

  it('stores cards and other message kinds raw and says nothing', async () => {
    world.sendOther('张三', liaisonRoom, types.Message.MiniProgram, '<appmsg>龙城所 150</appmsg>')
    await settle()
    expect(
      db
        .select()
        .from(messages)
        .all()
        .map((m) => m.type),
    ).toContain('card')
    expect(counted()).toEqual([])
    expect(world.sentTo(liaisonRoom)).toEqual([])
  })

  it('says nothing in rooms the roster does not know', async () => {
    const topic = '家长群'
    world.addRoom(topic)
    world.say('张三', topic, '龙城所今日上岗 150 人')
    world.say('张三', topic, '#工作通报')
    await settle()
    expect(counted()).toEqual([])
    expect(world.sentTo(topic)).toEqual([])
  })
})
