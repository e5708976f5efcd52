import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createLogger } from '../../bot/logger.js'
import { Redband, type RedbandPlugin } from '../../bot/plugin.js'
import { getMessage, storeMessage } from '../../db/messages.js'
import { reports } from '../../db/schema.js'
import { startBotWorld, type BotWorld } from '../helpers/bot-world.js'
import { exampleRosterFile } from '../helpers/fixtures.js'

const station = '龙城派出所红袖标群'

describe('a message stored but not handled when the bot stopped', () => {
  let bot: BotWorld
  let again: RedbandPlugin | undefined
  afterEach(async () => {
    await again?.close()
    await bot.close()
  })

  it('is handled at the next start, while fresh: recorded once and answered', async () => {
    bot = await startBotWorld()
    await bot.redband.close()
    // A crash between storing a report and handling it: stored, never marked handled.
    const inbound = {
      id: 'cut-short',
      roomId: bot.world.room(station).id,
      roomTopic: station,
      senderId: bot.world.person('王五').id,
      senderName: '王五',
      sentAt: Date.now() - 60_000,
      type: 'text' as const,
      text: '今日上岗 143 人',
    }
    storeMessage(bot.db, inbound, Date.now() - 59_000)
    // And one handled to the end before the stop: left alone.
    storeMessage(bot.db, { ...inbound, id: 'done', text: '今日上岗 1 人' }, Date.now() - 58_000, {
      handled: true,
    })

    again = Redband({
      env: {},
      roster: exampleRosterFile,
      db: join(bot.dir, 'redband.db'),
      evidenceDir: join(bot.dir, 'evidence'),
      logger: createLogger('silent'),
      schedule: { event: {} },
      outbox: { minGapMs: 0, jitterMs: 0 },
      http: 'off',
    })
    bot.world.bot.use(again)
    await again.ready()
    await vi.waitFor(() =>
      expect(bot.world.sentTo(station).join('\n')).toContain('已登记：龙城派出所 今日上岗 143 人'),
    )
    expect(
      bot.db
        .select()
        .from(reports)
        .all()
        .map((r) => r.count),
    ).toEqual([143])
    expect(getMessage(bot.db, 'cut-short')?.handledAt).toBeTypeOf('number')
  })
})
