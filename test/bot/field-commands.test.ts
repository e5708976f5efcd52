import { eq } from 'drizzle-orm'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { Command } from '../../bot/commands/command.js'
import { fieldRecordCommand } from '../../bot/commands/field-record.js'
import { commendationCommand, focusCommand, problemCommand } from '../../bot/commands/notes.js'
import type { BotDeps, MessageContext } from '../../bot/context.js'
import { createLogger } from '../../bot/logger.js'
import { openDb } from '../../db/client.js'
import { storeMessage } from '../../db/messages.js'
import { fieldRecords, notes } from '../../db/schema.js'
import type { Inbound } from '../../src/inbound.js'
import { parseMessage } from '../../src/parse/parse-message.js'
import { exportRooms } from '../../bot/room-directory.js'
import { defaultSchedule } from '../../src/schedule/schedule.js'
import { localDay } from '../../src/time/zoned.js'
import { loadTemplates } from '../../templates/load-templates.js'
import { startBotWorld, type BotWorld } from '../helpers/bot-world.js'
import { exampleRoster } from '../helpers/fixtures.js'
import { rolesOf } from '../../src/roles/roles.js'

const inspection = '红袖标督导组'
const command = '红袖标指挥部'
const liaison = '呈贡分局红袖标联络群'

const fieldCommands: Command[] = [
  fieldRecordCommand,
  commendationCommand,
  problemCommand,
  focusCommand,
]

/** The command handlers over a real store, templates and the example roster; replies are collected. */
function handlers() {
  const roster = exampleRoster()
  const db = openDb(':memory:')
  const deps: BotDeps = {
    db,
    roster,
    // The rooms as the roster names them, as an imported export trusts them.
    rooms: exportRooms(db, roster),
    schedule: defaultSchedule,
    templates: loadTemplates(),
    log: createLogger('silent'),
    now: Date.now,
    startedAt: 0,
    evidenceDir: '/nonexistent',
    send: async () => undefined,
    later: async () => undefined,
  }
  let sequence = 0
  /** Someone writes `text` in the room: it is stored, then handed to its command. */
  async function say(topic: string, text: string): Promise<string[]> {
    const inbound: Inbound = {
      id: `m${++sequence}`,
      roomId: `${topic}@chatroom`,
      roomTopic: topic,
      senderId: 'wxid_speaker',
      senderName: '督导员',
      sentAt: Date.parse('2026-10-12T10:00:00+08:00') + sequence * 60_000,
      type: 'text',
      text,
    }
    storeMessage(deps.db, inbound, inbound.sentAt)
    const parsed = parseMessage(text, roster)
    if (parsed.kind !== 'command') throw new Error(`not a command: ${text}`)
    const handler = fieldCommands.find((c) => c.name === parsed.command.name)
    if (!handler) throw new Error(`not a field command: ${parsed.command.name}`)
    const replies: string[] = []
    const room = deps.rooms.of(inbound)
    const ctx: MessageContext = {
      deps,
      inbound,
      room,
      rooms: deps.rooms.all,
      parse: () => parsed,
      roles: rolesOf(room?.role, false),
      day: localDay(inbound.sentAt, roster.timezone),
      log: deps.log,
      mayRepeat: false,
      deferUntilRoomsKnown: () => false,
      reply: async (reply) => void replies.push(reply),
    }
    await handler.run(ctx, parsed.command)
    return replies
  }
  return { db: deps.db, say }
}

describe('#督检 handler', () => {
  it('records what was found and says what it recorded', async () => {
    const { db, say } = handlers()
    expect(await say(inspection, '＃督检 马金铺所 北京路口 在岗3人，管事')).toEqual([
      '已记录督检：马金铺派出所 北京路口 在岗 3 人，管事',
    ])
    expect(db.select().from(fieldRecords).all()).toMatchObject([
      {
        messageId: 'm1',
        day: '2026-10-12',
        unit: '马金铺派出所',
        post: '北京路口',
        onDuty: true,
        volunteers: 3,
        engaged: true,
        inspectorId: 'wxid_speaker',
        retracted: false,
      },
    ])
  })

  it.each<[string, string]>([
    ['#督检 龙城所 东风广场 缺岗', '已记录督检：龙城派出所 东风广场 缺岗'],
    [
      '#督检 龙城所，东风广场：3人在岗，不管事',
      '已记录督检：龙城派出所 东风广场 在岗 3 人，不管事',
    ],
    [
      '#督检 洛龙所 北京路口 在岗 2人 管事，劝阻了占道经营',
      '已记录督检：洛龙派出所 北京路口 在岗 2 人，管事\n备注：劝阻了占道经营',
    ],
  ])('%s', async (text, reply) => {
    expect(await handlers().say(inspection, text)).toEqual([reply])
  })

  it.each<[string, string]>([
    ['#督检 龙成所 北京路口 在岗3人', '没有找到单位“龙成所”，是不是：龙城派出所、洛龙派出所？'],
    ['#督检', '没有看出是哪个单位'],
    ['#督检 龙城所 在岗3人', '没有看出是哪个点位'],
    ['#督检 龙城所 北京路口 3人', '没有看出是在岗还是缺岗'],
    ['#督检 龙城所 北京路口 在岗 缺岗', '前后对不上'],
    ['#督检 龙城所 北京路口 在岗\n洛龙所 东风广场 缺岗', '一条消息只写一个点位'],
  ])('answers %j with the form, recording nothing', async (text, problem) => {
    const { db, say } = handlers()
    const [reply, ...more] = await say(inspection, text)
    expect(more).toEqual([])
    expect(reply).toContain(`没有记录：${problem}`)
    expect(reply).toContain('督检请这样写：#督检 单位 点位 在岗或缺岗 人数 管事或不管事')
    expect(reply).toContain('例如：#督检 龙城所 北京路口 在岗 3人 管事')
    expect(db.select().from(fieldRecords).all()).toEqual([])
  })
})

describe('#表扬, #问题 and #明日重点 handlers', () => {
  it('records a commendation and a problem with their unit and subject', async () => {
    const { db, say } = handlers()
    expect(await say(inspection, '#表扬 龙城所 张三 劝阻占道经营')).toEqual([
      '已记录表扬：龙城派出所 张三，劝阻占道经营',
    ])
    expect(await say(command, '#问题 洛龙所：东风广场，无人值守')).toEqual([
      '已记录问题：洛龙派出所 东风广场，无人值守',
    ])
    expect(await say(inspection, '#问题 洛龙所东风广场无人值守')).toEqual([
      '已记录问题：洛龙派出所，东风广场无人值守',
    ])
    expect(
      db
        .select()
        .from(notes)
        .all()
        .map((n) => [n.kind, n.unit, n.subject, n.text]),
    ).toEqual([
      ['commendation', '龙城派出所', '张三', '劝阻占道经营'],
      ['problem', '洛龙派出所', '东风广场', '无人值守'],
      ['problem', '洛龙派出所', null, '东风广场无人值守'],
    ])
  })

  it('keeps every focus of the day and says so from the second on', async () => {
    const { db, say } = handlers()
    expect(await say(command, '#明日重点 北京路口早高峰加派2人')).toEqual([
      '已记录明日重点：北京路口早高峰加派2人',
    ])
    expect(await say(command, '#明日重点：东风广场8点前到岗')).toEqual([
      '已记录明日重点（今天第 2 条，前面的都保留）：东风广场8点前到岗',
    ])
    expect(db.select().from(notes).where(eq(notes.kind, 'focus')).all()).toMatchObject([
      { unit: null, subject: null, text: '北京路口早高峰加派2人', day: '2026-10-12' },
      { unit: null, subject: null, text: '东风广场8点前到岗', day: '2026-10-12' },
    ])
  })

  it.each<[string, string[]]>([
    ['#表扬', ['没有记录：没有看出是哪个单位', '表扬请这样写：#表扬 单位 姓名 事迹']],
    ['#表扬 龙城所', ['没有记录：没有看到内容', '例如：#表扬 龙城所 张三 劝阻占道经营']],
    ['#问题 东风广场 无人值守', ['没有找到单位“东风广场”。', '问题请这样写：#问题 单位 点位']],
    ['#问题 洛龙所', ['没有看到内容', '例如：#问题 龙城所 东风广场 无人值守']],
    ['#明日重点', ['没有看到内容', '明日重点请这样写：#明日重点 内容']],
  ])('answers %j with its form, recording nothing', async (text, parts) => {
    const { db, say } = handlers()
    const [reply] = await say(inspection, text)
    for (const part of parts) expect(reply).toContain(part)
    expect(db.select().from(notes).all()).toEqual([])
  })
})

// Runs once bot/commands/run-command.ts registers the four commands in `commands`.
describe('field commands on mock WeChat', () => {
  let bot: BotWorld

  beforeEach(async () => {
    bot = await startBotWorld()
  })
  afterEach(() => bot.close())

  it('records a #督检 from the inspection room and retracts it when recalled', async () => {
    const id = bot.world.say('督导员', inspection, '＃督检 马金铺所，北京路口：在岗3人，管事')
    await vi.waitFor(() => expect(bot.world.sentTo(inspection)).toHaveLength(1))
    expect(bot.world.sentTo(inspection)[0]).toContain(
      '已记录督检：马金铺派出所 北京路口 在岗 3 人，管事',
    )
    expect(bot.db.select().from(fieldRecords).all()).toMatchObject([
      { messageId: id, unit: '马金铺派出所', volunteers: 3, retracted: false },
    ])
    bot.world.recall('督导员', inspection, id)
    await vi.waitFor(() =>
      expect(bot.db.select().from(fieldRecords).all()).toMatchObject([{ retracted: true }]),
    )
  })

  it('lets commanders write notes and the focus, and inspectors notes only', async () => {
    bot.world.say('指挥长', command, '#表扬 龙城所 张三 劝阻占道经营')
    bot.world.say('指挥长', command, '#明日重点 东风广场8点前到岗')
    bot.world.say('督导员', inspection, '#问题 洛龙所 东风广场 无人值守')
    bot.world.say('督导员', inspection, '#明日重点 北京路口加派2人')
    await vi.waitFor(() => expect(bot.world.sentTo(command)).toHaveLength(2))
    await vi.waitFor(() => expect(bot.world.sentTo(inspection)).toHaveLength(2))
    expect(bot.world.sentTo(command).join('\n')).toContain('已记录表扬：龙城派出所 张三')
    expect(bot.world.sentTo(command).join('\n')).toContain('已记录明日重点：东风广场8点前到岗')
    expect(bot.world.sentTo(inspection).join('\n')).toContain('已记录问题：洛龙派出所 东风广场')
    expect(bot.world.sentTo(inspection).join('\n')).toContain('#明日重点 只能由指挥部使用')
    expect(
      bot.db
        .select()
        .from(notes)
        .all()
        .map((n) => n.kind)
        .sort(),
    ).toEqual(['commendation', 'focus', 'problem'])
  })

  it.each([
    [command, '#督检 龙城所 北京路口 在岗3人', '#督检 只能由督导组使用'],
    [liaison, '#表扬 龙城所 张三 劝阻占道经营', '#表扬 只能由督导组、指挥部使用'],
  ])('refuses in %s: %s', async (room, text, refusal) => {
    bot.world.say('某人', room, text)
    await vi.waitFor(() => expect(bot.world.sentTo(room)).toHaveLength(1))
    expect(bot.world.sentTo(room)[0]).toContain(refusal)
    await bot.settle()
    expect(bot.db.select().from(fieldRecords).all()).toEqual([])
    expect(bot.db.select().from(notes).all()).toEqual([])
  })
})
