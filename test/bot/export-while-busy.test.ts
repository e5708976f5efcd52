import { afterEach, describe, expect, it, vi } from 'vitest'
import { addDays, localDay } from '../../src/time/zoned.js'
import { writeHistory } from '../bench/large-day.js'
import { startBotWorld, type BotWorld } from '../helpers/bot-world.js'
import { exampleRoster } from '../helpers/fixtures.js'

let bot: BotWorld | undefined

afterEach(async () => {
  await bot?.close()
  bot = undefined
})

describe('#导出 while reports come in', () => {
  it('answers a report at once while a long export is being written', async () => {
    bot = await startBotWorld()
    const roster = exampleRoster()
    const today = localDay(Date.now(), roster.timezone)
    // A year of every unit's reports: seconds to read, which the event loop must not wait for.
    writeHistory(bot.db, roster, addDays(today, -365), addDays(today, -1))
    const sent: Array<{ text: string; at: number }> = []
    bot.world.onSent((m) => sent.push({ text: m.text, at: performance.now() }))

    bot.world.say('指挥长', '红袖标指挥部', '#导出 全程')
    // Let the command start its export before the report comes in.
    await new Promise((resolve) => setTimeout(resolve, 200))
    const saidAt = performance.now()
    bot.world.say('龙城所联络员', '龙城派出所红袖标群', '龙城所今日上岗 150 人')
    await vi.waitFor(() => expect(sent.some((m) => m.text.includes('已导出'))).toBe(true), {
      timeout: 60_000,
      interval: 100,
    })
    const receipt = sent.find((m) => m.text.includes('已登记'))!
    const exported = sent.find((m) => m.text.includes('已导出'))!
    // The receipt went out while the export was still being written, not after it.
    expect(receipt.at).toBeLessThan(exported.at)
    expect(receipt.at - saidAt).toBeLessThan(1000)
  }, 90_000)
})
