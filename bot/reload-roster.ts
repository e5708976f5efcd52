import { listBindings } from '../db/bindings.js'
import type { Db } from '../db/client.js'
import { roomReportOf } from '../db/room-report.js'
import type { Logger } from '../src/logger.js'
import type { LiveRoster } from '../src/roster/live-roster.js'
import { RosterError } from '../src/roster/parse-roster.js'
import { rosterProblemWords } from '../templates/roster-problem-words.js'
import type { Binding } from '../src/roster/rooms-in-force.js'
import { roomsInForce } from '../src/roster/rooms-in-force.js'
import type { Roster } from '../src/roster/roster.js'
import { loadRoster } from './load-roster.js'

/** How a reload went: what changed, or why the roster in force was kept. */
export type RosterReload =
  | {
      ok: true
      file: string
      units: number
      rooms: number
      added: string[]
      removed: string[]
      /** Topics of bound rooms whose roster room or unit the new roster no longer has. */
      stale: string[]
      /** Roster rooms seen in WeChat, waiting for an admin to confirm them. */
      waiting: number
    }
  | { ok: false; file: string; problems: string[] }

/** The bindings the roster leaves without a room or unit, each logged: they count for nothing. */
export function staleBindings(roster: Roster, db: Db, log: Logger): Binding[] {
  const { stale } = roomsInForce(roster, listBindings(db))
  for (const binding of stale)
    log.warn(
      { roomId: binding.roomId, room: binding.topic, entry: binding.entry, unit: binding.unit },
      'a bound room names a roster room or unit the roster no longer has; it counts for nothing until bound again',
    )
  return stale
}

/**
 * Reads the roster file again and puts it in force for new messages, schedules and the page; a
 * file that is not usable, or that moves the time zone the schedule runs in, is refused and the
 * roster in force kept. `db` is the bot's store, for the rooms the new roster leaves unbound.
 */
export function reloadRoster(file: string, live: LiveRoster, db: Db, log: Logger): RosterReload {
  const before = live.current()
  let next: Roster
  try {
    next = loadRoster(file)
  } catch (error) {
    if (!(error instanceof RosterError)) throw error
    log.error(
      { roster: file, problems: error.problems },
      'roster not reloaded: the file is not usable; the roster in force is kept',
    )
    // The log has them in English; the chat reply, in Chinese.
    return { ok: false, file, problems: error.details.map(rosterProblemWords) }
  }
  if (next.timezone !== before.timezone) {
    const problem = `时区由 ${before.timezone} 改为 ${next.timezone}：运行中不能改时区（每天的日程按启动时的时区排定），请重启`
    log.error(
      { roster: file, from: before.timezone, to: next.timezone },
      'roster not reloaded: a new time zone needs a restart; the roster in force is kept',
    )
    return { ok: false, file, problems: [problem] }
  }
  live.replace(next)
  const added = [...next.units.keys()].filter((name) => !before.units.has(name))
  const removed = [...before.units.keys()].filter((name) => !next.units.has(name))
  const stale = staleBindings(next, db, log).map((b) => b.topic)
  const waiting = roomReportOf(db, next).entries.filter((e) => e.state === 'waiting').length
  log.info(
    { roster: file, units: next.units.size, rooms: next.rooms.length, added, removed, waiting },
    'roster reloaded',
  )
  return {
    ok: true,
    file,
    units: next.units.size,
    rooms: next.rooms.length,
    added,
    removed,
    stale,
    waiting,
  }
}
