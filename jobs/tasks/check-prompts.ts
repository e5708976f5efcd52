import type { SpotCheck } from '../../db/spot-checks.js'
import { localTime } from '../../src/time/zoned.js'
import type { Templates } from '../../templates/load-templates.js'
import type { OutboxItem } from '../outbox.js'

/**
 * The prompts for checks just opened, one message per liaison room (by id) naming its units,
 * keyed by `keyPrefix` so a repeated step queues them once. A check is timed, so its prompt goes
 * in the alert lane, ahead of a broadcast to every room that may be under way.
 */
export function checkPrompts(
  templates: Templates,
  timezone: string,
  checks: SpotCheck[],
  keyPrefix: string,
): OutboxItem[] {
  const byRoom = new Map<string, SpotCheck[]>()
  for (const check of checks) {
    const room = check.roomId ?? check.roomTopic
    byRoom.set(room, [...(byRoom.get(room) ?? []), check])
  }
  return [...byRoom.values()].map((roomChecks, i) => {
    const first = roomChecks[0]!
    return {
      key: `${keyPrefix}-${i}`,
      ...(first.roomId ? { roomId: first.roomId } : {}),
      roomTopic: first.roomTopic,
      dueAt: first.askedAt,
      lane: 'alert',
      text: templates.render('check-prompt', {
        units: roomChecks.map((c) => c.unit),
        deadline: localTime(first.deadlineAt, timezone),
        minutes: Math.round((first.deadlineAt - first.askedAt) / 60_000),
      }),
    }
  })
}

/** The follow-up job that closes checks still open at their deadline (checks of one deadline). */
export function deadlineJob(checks: SpotCheck[], id: string, now: number) {
  const first = checks[0]!
  return {
    id,
    name: 'check-deadline',
    data: {
      kind: 'check-deadline' as const,
      day: first.day,
      dueAt: first.deadlineAt,
      checkIds: checks.map((c) => c.id),
    },
    options: { delayMs: Math.max(0, first.deadlineAt - now) },
  }
}
