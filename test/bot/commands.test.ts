import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { startBotWorld, type BotWorld } from '../helpers/bot-world.js'

const command = '红袖标指挥部'
const liaison = '呈贡分局红袖标联络群'
const station = '龙城派出所红袖标群'
const inspection = '红袖标督导组'

describe('commands on mock WeChat', () => {
  let bot: BotWorld

  beforeEach(async () => {
    bot = await startBotWorld()
  })
  afterEach(() => bot.close())

  /** Liaisons report a small day; waits for every receipt. */
  async function reportSomeUnits() {
    const { world } = bot
    world.say('张三', station, '今日上岗 148 人，点位 10 个')
    world.say('李四', liaison, '洛龙所今日上岗 118 人')
    world.say('李四', liaison, '【更正】洛龙所今日上岗 120 人')
    world.say('王五', '行业部门联络群', '保安集团今日上岗 1.2万 人')
    await vi.waitFor(() => expect(world.sent).toHaveLength(4))
  }

  it('answers #工作通报 in a command room with the figures the rules give', async () => {
    await reportSomeUnits()
    bot.world.say('指挥长', command, '#工作通报')
    await vi.waitFor(() => expect(bot.world.sentTo(command).length).toBeGreaterThan(0))
    const bulletin = bot.world.sentTo(command).join('\n')
    // 龙城 148 + 洛龙 120 (the correction) = 268 for 呈贡分局; 保安集团 12000; total 12268.
    expect(bulletin).toContain('红袖标工作情况通报')
    expect(bulletin).toContain('12268')
    expect(bulletin).toMatch(/【呈贡分局】\s*268/)
    expect(bulletin).toMatch(/洛龙派出所\s*120/)
    expect(bulletin).toMatch(/吴家营派出所\s*未报/)
    expect(bulletin).toContain('更正')
  })

  it.each([liaison, inspection])(
    'refuses #工作通报 in %s politely and sends nothing elsewhere',
    async (room) => {
      await reportSomeUnits()
      const before = bot.world.sent.length
      bot.world.say('张三', room, '#工作通报')
      await vi.waitFor(() => expect(bot.world.sent.length).toBe(before + 1))
      expect(bot.world.sentTo(room).at(-1)).toContain('#工作通报 只能由指挥部使用')
      await bot.settle()
      expect(bot.world.sentTo(command)).toEqual([])
      expect(bot.world.sent.length).toBe(before + 1)
    },
  )

  it('answers #工作通报 for a past day named in Chinese', async () => {
    bot.world.say('指挥长', command, '#工作通报 昨天')
    await vi.waitFor(() => expect(bot.world.sentTo(command).length).toBeGreaterThan(0))
    expect(bot.world.sentTo(command)[0]).toMatch(/红袖标工作情况通报（\d+月\d+日）/)
  })

  it('lists the units still missing with #未报, all of them for commanders and its own for a liaison room', async () => {
    await reportSomeUnits()
    bot.world.say('指挥长', command, '#未报')
    bot.world.say('李四', liaison, '#未报')
    await vi.waitFor(() => expect(bot.world.sentTo(command)).toHaveLength(1))
    await vi.waitFor(() => expect(bot.world.sentTo(liaison)).toHaveLength(3))
    const all = bot.world.sentTo(command)[0]!
    for (const unit of ['吴家营派出所', '昆阳派出所', '晋城派出所', '马金铺派出所', '环卫集团'])
      expect(all).toContain(unit)
    const own = bot.world.sentTo(liaison)[2]!
    expect(own).toContain('吴家营派出所')
    expect(own).not.toContain('昆阳派出所')
    expect(own).not.toContain('龙城派出所')
  })

  it('lists with #帮助 only the commands the asker may use', async () => {
    bot.world.say('张三', liaison, '#帮助')
    bot.world.say('指挥长', command, '#帮助')
    await vi.waitFor(() => expect(bot.world.sentTo(liaison)).toHaveLength(1))
    await vi.waitFor(() => expect(bot.world.sentTo(command)).toHaveLength(1))
    expect(bot.world.sentTo(liaison)[0]).toContain('#确认')
    expect(bot.world.sentTo(liaison)[0]).not.toContain('#工作通报')
    expect(bot.world.sentTo(command)[0]).toContain('#工作通报')
    expect(bot.world.sentTo(command)[0]).not.toContain('#确认')
  })

  it('answers an unknown command with the way to #帮助', async () => {
    bot.world.say('张三', liaison, '#工作通告')
    await vi.waitFor(() => expect(bot.world.sentTo(liaison)).toHaveLength(1))
    expect(bot.world.sentTo(liaison)[0]).toContain('没有 #工作通告 这个命令')
  })
})
