import { join } from 'node:path'
import { vi } from 'vitest'
import { loadRoster } from '../../bot/load-roster.js'
import { createLogger } from '../../bot/logger.js'
import { Redband, type RedbandOptions, type RedbandPlugin } from '../../bot/plugin.js'
import { MockWorld } from '../../bot/wechaty/mock-world.js'
import { closeDb, openDb, type Db } from '../../db/client.js'
import { bindExpectedRooms } from '../../db/room-report.js'
import { noteRoom } from '../../db/rooms.js'
import { messages } from '../../db/schema.js'
import { exampleRoster, exampleRosterFile } from './fixtures.js'
import { tempDir } from './temp.js'

export interface BotWorld {
  world: MockWorld
  redband: RedbandPlugin
  /** A second connection to the bot's store, for assertions. */
  db: Db
  dir: string
  /** Posts a message handled silently and waits until it is stored: what came before is done. */
  settle(topic?: string): Promise<void>
  close(): Promise<void>
}

/**
 * The plugin installed on a mock WeChat with the roster's rooms (the example roster unless
 * `options.roster` names another), a temp store, no schedule and no send gap, unless `options`
 * say otherwise.
 */
export async function startBotWorld(
  options: Partial<RedbandOptions> & {
    /** Confirm the roster's rooms as an operator would (`redband rooms bind --expected`); default true. */
    bindRooms?: boolean
  } = {},
): Promise<BotWorld> {
  const { bindRooms = true, ...pluginOptions } = options
  const dir = tempDir()
  // The world has the rooms of the roster the plugin reads.
  const roster = options.roster ? loadRoster(options.roster) : exampleRoster()
  const world = MockWorld.forRoster(roster, options.now)
  const redband = Redband({
    // Tests do not read the machine's REDBAND_* settings.
    env: {},
    roster: exampleRosterFile,
    db: join(dir, 'redband.db'),
    evidenceDir: join(dir, 'evidence'),
    logger: createLogger('silent'),
    schedule: { event: {} },
    outbox: { minGapMs: 0, jitterMs: 0 },
    // No page unless a test asks for one (it would take port 8080).
    http: 'off',
    ...pluginOptions,
  })
  world.bot.use(redband)
  await world.start()
  await redband.ready()
  const db = openDb(join(dir, 'redband.db'))
  if (bindRooms) {
    const at = Date.now()
    for (const room of world.rooms) noteRoom(db, { id: room.id, topic: room.payload.topic }, at)
    bindExpectedRooms(db, roster, { actorId: 'cli', actorName: 'operator' }, at)
  }
  let settled = 0
  return {
    world,
    redband,
    db,
    dir,
    async settle(topic = '呈贡分局红袖标联络群') {
      // Different raw text each time (zero-width spaces, read as nothing), so it is never a replay.
      const id = world.say('哨兵', topic, `收到${'\u200b'.repeat(++settled)}`)
      await vi.waitFor(() => {
        if (
          !db
            .select({ id: messages.id })
            .from(messages)
            .all()
            .some((m) => m.id === id)
        ) {
          throw new Error('not stored yet')
        }
      })
      // Let the handling of what came before finish, on a fake clock or a real one.
      if (vi.isFakeTimers()) await vi.advanceTimersByTimeAsync(50)
      else await new Promise((resolve) => setTimeout(resolve, 50))
    },
    async close() {
      await redband.close()
      await world.stop()
      closeDb(db)
    },
  }
}
