import { readdirSync } from 'node:fs'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { inArray } from 'drizzle-orm'
import { reviewItemsOf } from '../../db/review.js'
import { outbox, reports } from '../../db/schema.js'
import { startBotWorld, type BotWorld } from '../helpers/bot-world.js'
import { fixturePath, readJsonLines } from '../helpers/fixtures.js'

/** A labelled corpus line (test/fixtures/corpus/*.jsonl). */
interface CorpusLine {
  room: string
  text: string
  expect: Array<[string, number]>
  /** It should get the unsure reply. */
  ask?: boolean
  /** A misspelt unit: the bot should ask "您是指<suggest>吗？". */
  suggest?: string
  note?: string
}

const corpus = readdirSync(fixturePath('corpus'))
  .filter((file) => file.endsWith('.jsonl'))
  .sort()
  .flatMap((file) =>
    readJsonLines<CorpusLine>(`corpus/${file}`).map((line, i) => ({
      ...line,
      where: `${file}:${i + 1}`,
    })),
  )

/** The unsure reply (templates/unsure.hbs), either form. */
const isUnsure = (reply: string) => /^(没能确认人数|您是指.+吗？)/.test(reply)

/** What the bot said in a room to one person: its replies @mention them first. */
function repliesTo(bot: BotWorld, room: string, name: string): string[] {
  const mention = new RegExp(`^@${name}[\\s\\u2005]`)
  return bot.world
    .sentTo(room)
    .filter((text) => mention.test(text))
    .map((text) => text.replace(mention, ''))
}

describe('asking when unsure, on mock WeChat', () => {
  let bot: BotWorld | undefined
  afterEach(async () => {
    await bot?.close()
    bot = undefined
  })

  it('asks about a report it could not read and a misspelt unit, lists both for 待核, and stays silent on chatter', async () => {
    bot = await startBotWorld()
    bot.world.say('张三', '龙城派出所红袖标群', '刚才报的少算了三个')
    bot.world.say('李四', '行业部门联络群', '马今铺所上岗100人')
    bot.world.say('王五', '龙城派出所红袖标群', '收到，辛苦了')
    await vi.waitFor(() => {
      expect(repliesTo(bot!, '龙城派出所红袖标群', '张三')).toHaveLength(1)
      expect(repliesTo(bot!, '行业部门联络群', '李四')).toHaveLength(1)
    })
    await bot.settle('龙城派出所红袖标群')
    expect(repliesTo(bot, '龙城派出所红袖标群', '张三')).toEqual([
      '没能确认人数，请按「单位 今日上岗 N 人」重发，如「龙城所 今日上岗 150 人」。',
    ])
    expect(repliesTo(bot, '行业部门联络群', '李四')).toEqual([
      '您是指马金铺派出所吗？如是，请按「马金铺所 今日上岗 N 人」重发。',
    ])
    expect(repliesTo(bot, '龙城派出所红袖标群', '王五')).toEqual([])
    expect(reviewItemsOf(bot.db).map((i) => [i.roomTopic, i.text, i.units])).toEqual([
      ['龙城派出所红袖标群', '刚才报的少算了三个', ['龙城派出所']],
      ['行业部门联络群', '马今铺所上岗100人', ['马金铺派出所']],
    ])

    bot.world.say('指挥长', '红袖标指挥部', '#待核')
    await vi.waitFor(() => expect(bot!.world.sentTo('红袖标指挥部')).toHaveLength(1))
    const list = bot.world.sentTo('红袖标指挥部')[0]!
    expect(list).toContain('今日待核消息（2 条）：')
    expect(list).toContain('龙城派出所红袖标群 张三：刚才报的少算了三个（龙城派出所）')
    expect(list).toContain('行业部门联络群 李四：马今铺所上岗100人（马金铺派出所）')
  })

  it('on the labelled corpus: one question for every line marked ask or suggest, none to chatter', async () => {
    bot = await startBotWorld({
      roster: fixturePath('roster.corpus.yaml'),
      // Hundreds of lines in a few rooms: no daily cap on replies here.
      outbox: { minGapMs: 0, jitterMs: 0, roomDailyCap: 100_000 },
    })
    // One sender per line, so no line waits out another's 10 minutes.
    const sender = (i: number) => `联络员${i}`
    const ids = corpus.map((line, i) => bot!.world.say(sender(i), line.room, line.text))
    // Every line handled (each room's sentinel comes after its lines), every reply sent.
    for (const room of new Set(corpus.map((line) => line.room))) await bot.settle(room)
    await vi.waitFor(
      () =>
        expect(
          bot!.db
            .select({ key: outbox.key })
            .from(outbox)
            .where(inArray(outbox.status, ['pending', 'sending']))
            .all(),
        ).toEqual([]),
      { timeout: 30_000, interval: 100 },
    )
    const recorded = new Set(
      bot.db
        .select({ messageId: reports.messageId })
        .from(reports)
        .all()
        .map((r) => r.messageId),
    )

    const wrong: string[] = []
    corpus.forEach((line, i) => {
      const replies = repliesTo(bot!, line.room, sender(i))
      const said = `${line.where} ${line.room}「${line.text}」→ ${JSON.stringify(replies)}`
      if (line.ask || line.suggest) {
        // One question (this one, or the form for a malformed figure, an unnamed unit…), no record.
        if (replies.length !== 1 || recorded.has(ids[i]!))
          wrong.push(`should ask once and record nothing: ${said}`)
        else if (line.suggest && !replies[0]!.startsWith(`您是指${line.suggest}吗？`))
          wrong.push(`should ask about ${line.suggest}: ${said}`)
      } else if (line.expect.length === 0 && replies.some(isUnsure)) {
        wrong.push(`should not be asked about: ${said}`)
      }
    })
    expect(wrong).toEqual([])
  })
})
