import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { types } from 'wechaty'
import { activities, fieldRecords, messages, notes, reports, spotChecks } from '../../db/schema.js'
import { startBotWorld, type BotWorld } from '../helpers/bot-world.js'

const liaison = '呈贡分局红袖标联络群'
const command = '红袖标指挥部'
const inspection = '红袖标督导组'

const KB100 = 100_000
/** WeChat's quote separator, as padlocal, wechat4u and wechatferry write it. */
const SEP = '- - - - - - - - - - - - - - -'
/** The longest reply a hostile message may get: a sentence or two and the form to follow. */
const CONCISE = 400

/** Hostile texts the bot must store and then stay silent about. */
const silent: Array<[string, string]> = [
  ['empty text', ''],
  ['100 KB of letters', 'a'.repeat(KB100)],
  ['100 KB of digits', '1'.repeat(KB100)],
  ['100 KB of digits and 人', '1人'.repeat(KB100 / 2)],
  ['100 KB of digits then 人', '1'.repeat(KB100 / 2) + '人'.repeat(KB100 / 2)],
  ['100 KB of 人人人', '人'.repeat(KB100)],
  ['100 KB of 所所所', '所'.repeat(KB100)],
  ['100 KB of unit names', '龙城所'.repeat(KB100 / 3)],
  ['100 KB of unit names with spaces', '龙城所 洛龙所 吴家营所 '.repeat(KB100 / 12)],
  ['100 KB of chatter', '今天天气不错，大家辛苦了。'.repeat(KB100 / 13)],
  [
    '10,000 lines of chatter',
    Array.from({ length: 10_000 }, (_, i) => `第${i + 1}行 收到`).join('\n'),
  ],
  ['@所有人 with a request', '@所有人\u2005请各单位尽快上报'],
  ['@所有人 typed by hand', '@所有人 请各单位尽快上报人数'],
  ['emoji only', '👍👍👍🌹🌹[强][抱拳]'],
  ['zero-width characters only', '\u200B\u200C\u200D\uFEFF'.repeat(KB100 / 4)],
  ['right-to-left controls only', '\u202E\u202D\u2067\u2069'.repeat(KB100 / 4)],
  ["SQL after a unit name: 龙城所'; DROP TABLE", "龙城所'; DROP TABLE reports;-- 150人"],
  ['SQL alone: "; DELETE FROM', '"; DELETE FROM messages; --'],
  ['SQL with a figure: "; DELETE FROM', '"; DELETE FROM messages; -- 今日上岗 150 人'],
  ["SQL tautology: ' OR '1'='1", "龙城所' OR '1'='1 150人"],
  ['SQL in the room’s name', "Robert'); DROP TABLE units;-- 今日上岗 150 人"],
  ['a long run of digits then a letter', '1'.repeat(KB100 - 1) + 'x'],
  ['nested brackets', '（【(['.repeat(KB100 / 8) + '])】）'.repeat(KB100 / 8)],
  ['unclosed brackets', '（('.repeat(KB100 / 2)],
  ['alternating 1, and 1.', '1,1.'.repeat(KB100 / 4)],
  ['thousands separators', '1,'.repeat(KB100 / 2)],
  ['mentions and spaces', '@ '.repeat(KB100 / 2)],
  ['mentions', '@'.repeat(KB100)],
  ['hashes', '#'.repeat(KB100)],
  ['dashes and spaces', '- '.repeat(KB100 / 2)],
  ['quote marks', '「'.repeat(KB100)],
  ['quote separators', `「a」\n${SEP}\n`.repeat(KB100 / 36)],
  ['commas after words', '龙城所' + '，'.repeat(KB100) + 'x'],
  ['在岗 again and again', '在岗'.repeat(KB100 / 2)],
]

/** Message kinds other than text, photo and recall: stored, never answered. */
const otherKinds: Array<[string, types.Message, string]> = [
  [
    'a forwarded chat history',
    types.Message.ChatHistory,
    '群聊的聊天记录\n张三：龙城所今日上岗150人\n李四：洛龙所今日上岗118人',
  ],
  ['a link card', types.Message.Url, '龙城所今日上岗150人 https://example.com/a?b=1&c=2'],
  ['a mini program card', types.Message.MiniProgram, '<appmsg>龙城所 150</appmsg>'],
  ['a contact card', types.Message.Contact, '龙城所 张三 13912345678'],
  ['a file', types.Message.Attachment, '龙城所上岗150人.xlsx'],
  ['a location', types.Message.Location, '龙城派出所 150号'],
  ['an unknown kind', types.Message.Unknown, '龙城所今日上岗150人'],
  ['a voice message', types.Message.Audio, ''],
  ['a sticker', types.Message.Emoticon, '<msg><emoji md5="x"/></msg>'],
  ['a transfer', types.Message.Transfer, '转账 150元'],
  ['a red envelope', types.Message.RedEnvelope, '恭喜发财 150'],
  ['a group note', types.Message.GroupNote, '群公告：请各单位9:00前上报人数，龙城所150人'],
  ['a video', types.Message.Video, ''],
  ['a post', types.Message.Post, '龙城所今日上岗150人'],
  ['a kind no Wechaty version knows', 99 as types.Message, '龙城所今日上岗150人'],
]

describe('hostile and odd input on mock WeChat', () => {
  let bot: BotWorld
  let figure: number

  beforeEach(async () => {
    bot = await startBotWorld()
    figure = 100
  })
  afterEach(() => bot.close())

  const stored = (id: string) =>
    bot.db
      .select()
      .from(messages)
      .all()
      .find((m) => m.id === id)
  const counted = () =>
    bot.db
      .select()
      .from(reports)
      .all()
      .filter((r) => r.status === 'counted')
  /** Rows in every table a message can add to, besides the raw store. */
  const records = () => ({
    reports: bot.db.select().from(reports).all().length,
    activities: bot.db.select().from(activities).all().length,
    spotChecks: bot.db.select().from(spotChecks).all().length,
    fieldRecords: bot.db.select().from(fieldRecords).all().length,
    notes: bot.db.select().from(notes).all().length,
  })
  const none = { reports: 0, activities: 0, spotChecks: 0, fieldRecords: 0, notes: 0 }

  /** The message is kept exactly as sent (compared without printing 100 KB on failure). */
  async function expectStoredVerbatim(id: string, text: string, type = 'text') {
    await vi.waitFor(() => expect(stored(id)).toBeDefined())
    const row = stored(id)!
    expect(row.type).toBe(type)
    expect(row.text.length).toBe(text.length)
    expect(row.text === text).toBe(true)
  }

  /** Waits until the room has `count` messages from the bot; returns the last. */
  async function replyIn(room: string, count: number): Promise<string> {
    await vi.waitFor(() => expect(bot.world.sentTo(room)).toHaveLength(count))
    return bot.world.sentTo(room).at(-1)!
  }

  /** A normal report right after still gets its receipt, at once. */
  async function expectStillWorking() {
    const count = ++figure
    bot.world.say('李四', liaison, `洛龙所今日上岗 ${count} 人`)
    await vi.waitFor(() =>
      expect(
        bot.world.sentTo(liaison).some((m) => m.includes(`洛龙派出所 今日上岗 ${count} 人`)),
      ).toBe(true),
    )
  }

  describe('text that gets silence', () => {
    it.each(silent)('%s: stored raw, no answer, no record', async (_name, text) => {
      const id = bot.world.say('张三', liaison, text)
      await expectStoredVerbatim(id, text)
      await bot.settle()
      expect(bot.world.sentTo(liaison)).toEqual([])
      expect(records()).toEqual(none)
      await expectStillWorking()
    })

    it('keeps every table after SQL-looking text', async () => {
      bot.world.say('张三', liaison, '龙城所今日上岗 150 人')
      await replyIn(liaison, 1)
      for (const text of [
        "龙城所'; DROP TABLE reports;-- 150人",
        '"; DELETE FROM messages; --',
        "'; UPDATE reports SET count = 9999; --",
      ]) {
        bot.world.say('张三', liaison, text)
      }
      await bot.settle()
      const tables = bot.db.$client
        .prepare("select name from sqlite_master where type = 'table'")
        .all()
        .map((t) => (t as { name: string }).name)
      expect(tables).toEqual(expect.arrayContaining(['messages', 'reports', 'spot_checks']))
      expect(counted()).toMatchObject([{ unit: '龙城派出所', count: 150 }])
      expect(
        bot.db
          .select()
          .from(messages)
          .all()
          .map((m) => m.text),
      ).toEqual(
        expect.arrayContaining([
          "龙城所'; DROP TABLE reports;-- 150人",
          '"; DELETE FROM messages; --',
        ]),
      )
      expect(bot.world.sentTo(liaison)).toHaveLength(1)
    })
  })

  describe('quoted messages', () => {
    const quotes: Array<[string, string]> = [
      ['WeChat’s own form', `「张三：龙城所今日上岗 150 人」\n${SEP}\n收到`],
      ['with 16 dashes', `「张三：龙城所今日上岗 150 人」\n${SEP} -\n好的`],
      ['without the name', `「龙城所今日上岗 150 人」\n${SEP}\n👍`],
      ['with the line breaks lost', `「张三：龙城所今日上岗 150 人」 ${SEP} 收到`],
      ['with the brackets lost', `张三：龙城所今日上岗 150 人\n${SEP}\n收到`],
      ['quoted after the reply', `收到\n${SEP}\n「张三：龙城所今日上岗 150 人」`],
      ['in curly quotes under a line of dashes', '“张三：龙城所今日上岗 150 人”\n----------\n收到'],
      ['under a line of em dashes', '「张三：龙城所今日上岗 150 人」\n————————\n收到'],
      ['with Windows line breaks', `「张三：龙城所今日上岗 150 人」\r\n${SEP}\r\n收到`],
      [
        'a quote of a quote',
        `「李四：「张三：龙城所今日上岗 150 人」\n${SEP}\n收到」\n${SEP}\n好的`,
      ],
      [
        'as raw appmsg XML',
        '<?xml version="1.0"?><msg><appmsg appid="" sdkver="0"><title>收到</title><type>57</type>' +
          '<refermsg><type>1</type><displayname>张三</displayname>' +
          '<content>龙城所今日上岗 150 人</content></refermsg></appmsg></msg>',
      ],
    ]

    it.each(quotes)('a report quoted (%s) never counts again', async (_name, text) => {
      bot.world.say('张三', liaison, '龙城所今日上岗 150 人')
      await replyIn(liaison, 1)
      const id = bot.world.say('李四', liaison, text)
      await expectStoredVerbatim(id, text)
      await bot.settle()
      expect(bot.world.sentTo(liaison)).toHaveLength(1)
      expect(bot.db.select().from(reports).all()).toHaveLength(1)
      await expectStillWorking()
    })

    it('reads the new words of a quote reply, and only them', async () => {
      bot.world.say('张三', liaison, '龙城所今日上岗 150 人')
      await replyIn(liaison, 1)
      bot.world.say(
        '李四',
        liaison,
        `「张三：龙城所今日上岗 150 人」\n${SEP}\n洛龙所今日上岗 118 人`,
      )
      const receipt = await replyIn(liaison, 2)
      expect(receipt).toContain('已登记：洛龙派出所 今日上岗 118 人')
      expect(receipt).not.toContain('龙城')
      expect(counted().map((r) => [r.unit, r.count])).toEqual([
        ['龙城派出所', 150],
        ['洛龙派出所', 118],
      ])
    })

    it('does not take a quoted receipt for a report', async () => {
      bot.world.say('张三', liaison, '龙城所今日上岗 150 人')
      const receipt = await replyIn(liaison, 1)
      bot.world.say('张三', liaison, `「红袖标助手：${receipt}」\n${SEP}\n好的，谢谢`)
      await bot.settle()
      expect(bot.world.sentTo(liaison)).toHaveLength(1)
      expect(counted()).toHaveLength(1)
    })

    it('runs a command written under a quote', async () => {
      bot.world.say('张三', liaison, `「李四：今天要报吗」\n${SEP}\n#帮助`)
      expect(await replyIn(liaison, 1)).toContain('红袖标助手可以用的命令')
    })

    it('does not take a quoted check answer for an answer', async () => {
      const station = '龙城派出所红袖标群'
      bot.world.say('督导员', inspection, '#抽查 龙城所')
      await replyIn(station, 1)
      bot.world.say('张三', station, `「李四：北京路口 在岗 3人」\n${SEP}\n收到`)
      await bot.settle(station)
      expect(bot.world.sentTo(station)).toHaveLength(1)
      expect(bot.db.select().from(spotChecks).all()).toMatchObject([{ status: 'open' }])
      bot.world.say('张三', station, `「李四：收到」\n${SEP}\n北京路口 在岗 3人`)
      expect(await replyIn(station, 2)).toContain('已收到 龙城派出所 的抽查回复（北京路口）')
    })

    it('does not run a command that is only quoted', async () => {
      bot.world.say('指挥长', command, `「张三：#工作通报」\n${SEP}\n收到`)
      await bot.settle(command)
      expect(bot.world.sentTo(command)).toEqual([])
    })
  })

  describe('text that still reads as the report it is', () => {
    it.each<[string, string]>([
      ['zero-width spaces inside the figure', '龙城所今日上岗1\u200B5\u200C0人'],
      ['zero-width joiners inside the unit', '龙\u200D城所今日上岗150人'],
      ['a byte-order mark in front', '\uFEFF龙城所今日上岗150人'],
      ['a right-to-left embedding around it', '\u202B龙城所今日上岗150人\u202C'],
      ['right-to-left marks between words', '\u200F龙城所\u061C今日上岗\u200F150人'],
      ['an isolate around the figure', '龙城所今日上岗\u2067150\u2069人'],
      ['full-width digits', '龙城所今日上岗１５０人'],
    ])('%s: the same figure', async (_name, text) => {
      const id = bot.world.say('张三', liaison, text)
      expect(await replyIn(liaison, 1)).toContain('已登记：龙城派出所 今日上岗 150 人')
      await expectStoredVerbatim(id, text)
      expect(counted()).toMatchObject([{ messageId: id, unit: '龙城派出所', count: 150 }])
      await expectStillWorking()
    })

    it('reads the first lines of a 10,000-line paste, once per unit', async () => {
      const text = Array.from({ length: 10_000 }, (_, i) =>
        i % 2 ? '龙城所 150人' : '洛龙所 120人',
      ).join('\n')
      const id = bot.world.say('张三', liaison, text)
      const receipt = await replyIn(liaison, 1)
      expect(receipt).toContain('洛龙派出所 今日上岗 120 人')
      expect(receipt).toContain('龙城派出所 今日上岗 150 人')
      expect(receipt.length).toBeLessThan(CONCISE)
      await expectStoredVerbatim(id, text)
      expect(counted()).toHaveLength(2)
      await expectStillWorking()
    })

    it('names only a few of a hundred unknown units', async () => {
      const sounds = [...'东西南北中新老大小金']
      const name = (i: number) => `${sounds[i % 10]}${sounds[Math.floor(i / 10)]}`
      const text = Array.from({ length: 100 }, (_, i) => `${name(i)}所到岗${i + 1}人`).join('\n')
      bot.world.say('张三', liaison, text)
      const reply = await replyIn(liaison, 1)
      expect(reply).toContain('没有找到单位')
      expect(reply.split('没有找到单位').length - 1).toBeLessThanOrEqual(10)
      expect(records()).toEqual(none)
      await expectStillWorking()
    })
  })

  describe('@所有人', () => {
    it('runs a command after @所有人', async () => {
      const id = bot.world.say('张三', liaison, '@所有人\u2005#帮助')
      expect(await replyIn(liaison, 1)).toContain('红袖标助手可以用的命令')
      await expectStoredVerbatim(id, '@所有人\u2005#帮助')
      await expectStillWorking()
    })
  })

  describe('cards and other kinds', () => {
    it.each(otherKinds)('%s: stored raw, no answer, no record', async (_name, type, text) => {
      const id = bot.world.sendOther('张三', liaison, type, text)
      await vi.waitFor(() => expect(stored(id)).toBeDefined())
      expect(stored(id)!.text).toBe(text)
      expect(['card', 'other']).toContain(stored(id)!.type)
      await bot.settle()
      expect(bot.world.sentTo(liaison)).toEqual([])
      expect(records()).toEqual(none)
      await expectStillWorking()
    })
  })

  describe('commands with hostile arguments', () => {
    const stations = ['龙城所', '洛龙所', '吴家营所', '昆阳所', '晋城所', '马金铺所']

    it('#抽查 with 5,000 unit names orders each unit once', async () => {
      const text = `#抽查 ${Array.from({ length: 5000 }, (_, i) => stations[i % 6]).join(' ')}`
      const id = bot.world.say('督导员', inspection, text)
      const reply = await replyIn(inspection, 1)
      await expectStoredVerbatim(id, text)
      expect(reply).toContain('已发出抽查')
      expect(reply.length).toBeLessThan(CONCISE)
      expect(bot.db.select().from(spotChecks).all()).toHaveLength(6)
      await expectStillWorking()
    })

    it('#抽查 with 5,000 names not in the roster names a few and orders nothing', async () => {
      const text = `#抽查 ${Array.from({ length: 5000 }, (_, i) => `测试${i}所`).join(' ')}`
      bot.world.say('督导员', inspection, text)
      const reply = await replyIn(inspection, 1)
      expect(reply).toContain('没有找到单位“测试0所”')
      expect(reply.length).toBeLessThan(CONCISE)
      expect(records()).toEqual(none)
      await expectStillWorking()
    })

    it('#抽查 with one 100 KB word answers briefly', async () => {
      bot.world.say('督导员', inspection, `#抽查 ${'龙'.repeat(KB100)}`)
      const reply = await replyIn(inspection, 1)
      expect(reply).toContain('没有找到单位')
      expect(reply.length).toBeLessThan(CONCISE)
      expect(records()).toEqual(none)
    })

    it('#抽查 with a word of 15,000 commas answers at once', async () => {
      // Within the 16,000 characters a command is read from, so the x is not cut off.
      bot.world.say('督导员', inspection, `#抽查 龙城所${'，'.repeat(15_000)}x`)
      const reply = await replyIn(inspection, 1)
      expect(reply).toContain('没有找到单位')
      expect(reply.length).toBeLessThan(CONCISE)
      await expectStillWorking()
    })

    it('#工作通报 with a 10 KB date says it cannot read the date, and sends no bulletin', async () => {
      const text = `#工作通报 ${'10月11日'.repeat(2000)}`
      const id = bot.world.say('指挥长', command, text)
      const reply = await replyIn(command, 1)
      await expectStoredVerbatim(id, text)
      expect(reply).toContain('没看懂日期')
      expect(reply).not.toContain('还没到')
      await bot.settle(command)
      expect(bot.world.sentTo(command)).toHaveLength(1)
      await expectStillWorking()
    })

    it('an unknown command 100 KB long is answered as unknown', async () => {
      bot.world.say('张三', liaison, `#${'查'.repeat(KB100)}`)
      expect(await replyIn(liaison, 1)).toContain('这个命令')
      expect(records()).toEqual(none)
      await expectStillWorking()
    })

    // These fail while the replies repeat what was written in full: the parser cannot shorten
    // them. bot/commands/work-bulletin.ts (dayArgument) passes command.rest uncut to the
    // bad-date template, bot/commands/run-command.ts the command name to unknown-command.
    it('#工作通报 with a 10 KB date answers in a sentence', async () => {
      bot.world.say('指挥长', command, `#工作通报 ${'10月11日'.repeat(2000)}`)
      expect((await replyIn(command, 1)).length).toBeLessThan(CONCISE)
    })

    it('an unknown command 100 KB long is answered in a sentence', async () => {
      bot.world.say('张三', liaison, `#${'查'.repeat(KB100)}`)
      expect((await replyIn(liaison, 1)).length).toBeLessThan(CONCISE)
    })

    it.each<[string, string]>([
      ['#工作通报 constructor', '没看懂日期'],
      ['#工作通报 __proto__', '没看懂日期'],
    ])('%s is no date', async (text, answer) => {
      bot.world.say('指挥长', command, text)
      expect(await replyIn(command, 1)).toContain(answer)
    })

    it.each<[string, string]>([
      ['100 KB', `#督检 ${'龙城所北京路口在岗3人管事'.repeat(KB100 / 13)}`],
      ['a unit then 100 KB', `#督检 龙城所 北京路口 在岗3人 ${'劝阻了占道经营'.repeat(KB100 / 7)}`],
      ['100 KB of one word', `#督检 ${'东'.repeat(KB100)}`],
    ])('#督检 with %s answers with the form and records nothing', async (_name, text) => {
      const id = bot.world.say('督导员', inspection, text)
      const reply = await replyIn(inspection, 1)
      await expectStoredVerbatim(id, text)
      expect(reply).toContain('督检请这样写')
      expect(reply.length).toBeLessThan(CONCISE)
      expect(records()).toEqual(none)
      await expectStillWorking()
    })

    it('#问题 with 100 KB answers with the form and records nothing', async () => {
      bot.world.say('督导员', inspection, `#问题 龙城所 北京路口 ${'无人值守'.repeat(KB100 / 4)}`)
      const reply = await replyIn(inspection, 1)
      expect(reply).toContain('问题请这样写')
      expect(reply.length).toBeLessThan(CONCISE)
      expect(records()).toEqual(none)
    })

    it('a short #督检 still records after all that', async () => {
      bot.world.say('督导员', inspection, `#督检 ${'东'.repeat(KB100)}`)
      await replyIn(inspection, 1)
      bot.world.say('督导员', inspection, '#督检 龙城所 北京路口 在岗3人 管事')
      await vi.waitFor(() => expect(bot.db.select().from(fieldRecords).all()).toHaveLength(1))
    })
  })
})
