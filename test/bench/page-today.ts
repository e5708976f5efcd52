import type { Logger } from '../../src/logger.js'
import { liveRooms } from '../../bot/room-directory.js'
import { createSignInLink } from '../../bot/web/links.js'
import { createWebApp } from '../../bot/web/server.js'
import { closeDb, openDb } from '../../db/client.js'
import { defaultSchedule } from '../../src/schedule/schedule.js'
import type { Roster } from '../../src/roster/roster.js'
import { addDays, instantOf, type Day } from '../../src/time/zoned.js'
import type { Templates } from '../../templates/load-templates.js'
import { WebClient } from '../helpers/web-client.js'
import { largeRoster, writeHistory } from './large-day.js'

/**
 * A day's display-period checks for every leaf: the morning's answered (some late or never),
 * the afternoon's still open at 17:10. Prepared statements: set-up, not the subject.
 */
function writeDisplayChecks(db: ReturnType<typeof openDb>, roster: Roster, day: Day): void {
  const insert = db.$client.prepare(
    `insert into spot_checks (id, day, kind, unit, room_id, room_topic, asked_at, deadline_at, status, answered_at)
     values (?, ?, 'display', ?, 'room', 'room', ?, ?, ?, ?)`,
  )
  const leaves = [...roster.units.values()].filter((u) => u.children.length === 0)
  const at = (time: string) => instantOf(day, time, roster.timezone)
  db.$client.transaction(() => {
    leaves.forEach((unit, i) => {
      const status = i % 13 === 0 ? 'unanswered' : i % 7 === 0 ? 'late' : 'answered'
      const answered = status === 'unanswered' ? null : at(status === 'late' ? '09:05' : '08:20')
      insert.run(`am-${i}`, day, unit.name, at('08:00'), at('09:00'), status, answered)
      insert.run(`pm-${i}`, day, unit.name, at('17:00'), at('18:00'), 'open', null)
    })
  })()
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]!
}

/**
 * Server time to answer the Today data for 2,000 leaf units (30 days of history, the day's
 * display checks) as a commander's browser asks for it over HTTP: from the request's arrival to
 * its answer written (Fastify's elapsed time), the median of `runs`; the round trip a client on
 * this machine sees; the size of the answer.
 */
export async function pageTodayMs(
  templates: Templates,
  log: Logger,
  runs = 9,
): Promise<{ ms: number; roundTripMs: number; kb: number }> {
  const roster = largeRoster(20, 10, 10)
  const db = openDb(':memory:')
  const day = '2026-10-30'
  writeHistory(db, roster, addDays(day, -29), day)
  writeDisplayChecks(db, roster, day)
  const now = instantOf(day, '17:10', roster.timezone)
  const app = await createWebApp({
    deps: {
      db,
      roster,
      schedule: defaultSchedule,
      templates,
      log,
      now: () => now,
      rooms: liveRooms(db, roster),
      send: async () => {},
    },
    web: {},
    health: async () => ({ accounts: [], queue: { backend: 'embedded', up: true, counts: null } }),
    onHandled: () => () => {},
  })
  const served: number[] = []
  app.addHook('onResponse', async (request, reply) => {
    if (request.url === '/api/today') served.push(reply.elapsedTime)
  })
  const url = await app.listen({ host: '127.0.0.1', port: 0 })
  try {
    const client = new WebClient(url)
    await client.signIn(
      createSignInLink(db, {
        role: 'commander',
        by: { id: 'bench', name: 'bench' },
        at: now,
        baseUrl: url,
      }),
    )
    const roundTrips: number[] = []
    let bytes = 0
    for (let i = 0; i < runs; i++) {
      const start = performance.now()
      const response = await client.get('/api/today')
      bytes = (await response.arrayBuffer()).byteLength
      roundTrips.push(performance.now() - start)
      if (response.status !== 200) throw new Error(`/api/today answered ${response.status}`)
    }
    return { ms: median(served), roundTripMs: median(roundTrips), kb: Math.round(bytes / 1024) }
  } finally {
    await app.close()
    closeDb(db)
  }
}
