import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { reports } from '../../db/schema.js'
import { startBotWorld, type BotWorld } from '../helpers/bot-world.js'

const liaison = '呈贡分局红袖标联络群'

describe('a malformed figure on mock WeChat', () => {
  let bot: BotWorld

  beforeEach(async () => {
    bot = await startBotWorld()
  })
  afterEach(() => bot.close())

  const counted = () =>
    bot.db
      .select()
      .from(reports)
      .all()
      .map((r) => [r.unit, r.count])

  async function replyTo(text: string): Promise<string> {
    const before = bot.world.sentTo(liaison).length
    bot.world.say('张三', liaison, text)
    await vi.waitFor(() => expect(bot.world.sentTo(liaison)).toHaveLength(before + 1))
    return bot.world.sentTo(liaison).at(-1)!
  }

  it('records nothing of 150+20 and shows the plain form', async () => {
    expect(await replyTo('龙城所今日上岗150+20人')).toBe(
      '@张三 「150+20」没能识别为人数，请直接写出合计人数，如「龙城所 170人」',
    )
    expect(counted()).toEqual([])
    expect(await replyTo('龙城所今日上岗170人')).toContain('龙城派出所 今日上岗 170 人')
    expect(counted()).toEqual([['龙城派出所', 170]])
  })

  it('records the well-formed figures beside a malformed one, and says both', async () => {
    const reply = await replyTo('龙城所今日上岗-50人，洛龙所今日上岗118人')
    expect(reply).toContain('洛龙派出所 今日上岗 118 人')
    expect(reply).toContain('「-50」没能识别为人数，请直接写出合计人数，如「龙城所 120人」')
    expect(counted()).toEqual([['洛龙派出所', 118]])
  })
})
