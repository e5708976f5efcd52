import { stringify } from 'yaml'
import type { Db } from '../../db/client.js'
import { parseRoster } from '../../src/roster/parse-roster.js'
import type { Roster } from '../../src/roster/roster.js'
import { daysBetween, instantOf, type Day } from '../../src/time/zoned.js'

/** A roster of `top` sub-bureaus × `mid` districts × `leaves` stations, with liaison rooms per sub-bureau. */
/** The YAML of a roster of `top` sub-bureaus × `mid` districts × `leaves` stations, a room per sub-bureau. */
export function largeRosterYaml(top: number, mid: number, leaves: number): string {
  const units = Array.from({ length: top }, (_, t) => ({
    name: `第${t + 1}分局`,
    units: Array.from({ length: mid }, (_, m) => ({
      name: `第${t + 1}分局${m + 1}片区`,
      units: Array.from({ length: leaves }, (_, l) => ({
        name: `${t + 1}-${m + 1}-${l + 1}派出所`,
        target: 100 + l * 10,
        points: 5 + l,
      })),
    })),
  }))
  const rooms = [
    ...units.map((u) => ({ topic: `${u.name}联络群`, unit: u.name, role: 'liaison' })),
    { topic: '指挥部', role: 'command' },
  ]
  return stringify({ timezone: 'Asia/Shanghai', units, rooms })
}

export function largeRoster(top: number, mid: number, leaves: number): Roster {
  return parseRoster(largeRosterYaml(top, mid, leaves), 'large roster')
}

/**
 * Days of history: most leaves report once before 09:00, some twice (a correction), some late,
 * some not at all; each report carries patrol counts. Written with prepared statements: set-up, not the subject.
 */
export function writeHistory(db: Db, roster: Roster, from: Day, to: Day): void {
  const sqlite = db.$client
  const message = sqlite.prepare(
    `insert into messages (id, room_id, room_topic, sender_id, sender_name, sent_at, type, text, fingerprint, received_at)
     values (?, 'room', 'room', 's', 's', ?, 'text', '', ?, ?)`,
  )
  const report = sqlite.prepare(
    `insert into reports (message_id, unit, day, count, approx, points, correction, status, sender_id, reported_at)
     values (?, ?, ?, ?, 0, ?, ?, 'counted', 's', ?)`,
  )
  const activity = sqlite.prepare(
    `insert into activities (message_id, unit, day, kind, count, reported_at) values (?, ?, ?, 'patrol', ?, ?)`,
  )
  const leaves = [...roster.units.values()].filter((u) => u.children.length === 0)
  let id = 0
  sqlite.transaction(() => {
    for (const day of daysBetween(from, to)) {
      leaves.forEach((unit, i) => {
        if ((i + day.length) % 17 === 0) return
        const reports = i % 11 === 0 ? 2 : 1
        for (let r = 0; r < reports; r++) {
          const at = instantOf(
            day,
            i % 13 === 0 ? '09:40' : `08:${String(10 + r * 5).padStart(2, '0')}`,
            roster.timezone,
          )
          const messageId = `h${++id}`
          message.run(messageId, at, messageId, at)
          report.run(
            messageId,
            unit.name,
            day,
            (unit.target ?? 100) - (i % 7) + r,
            unit.points ?? null,
            r,
            at,
          )
          activity.run(messageId, unit.name, day, 3 + (i % 5), at)
        }
      })
    }
  })()
}
