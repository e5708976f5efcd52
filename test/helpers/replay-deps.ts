import type { BotDeps } from '../../bot/context.js'
import { createLogger } from '../../bot/logger.js'
import { exportRooms } from '../../bot/room-directory.js'
import type { Db } from '../../db/client.js'
import { defaultSchedule } from '../../src/schedule/schedule.js'
import { loadTemplates } from '../../templates/load-templates.js'
import { exampleRoster } from './fixtures.js'

const roster = exampleRoster()
const templates = loadTemplates()

/**
 * What `redband ingest` handles an export with, on the example roster: rooms by topic, history
 * from the beginning, records made and nothing sent (`overrides` to watch the sends or fix the clock).
 */
export function replayDeps(db: Db, overrides: Partial<BotDeps> = {}): BotDeps {
  return {
    db,
    roster,
    rooms: exportRooms(db, roster),
    schedule: defaultSchedule,
    templates,
    log: createLogger('silent'),
    now: Date.now,
    startedAt: 0,
    replay: true,
    evidenceDir: '/nonexistent',
    send: async () => {},
    later: async () => {},
    ...overrides,
  }
}
