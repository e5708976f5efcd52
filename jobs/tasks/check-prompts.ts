import type { SpotCheck } from '../../db/spot-checks.js'
import { localTime } from '../../src/time/zoned.js'
import type { Templates } from '../../templates/load-templates.js'
import type { OutboxItem } from '../outbox.js'

/**
 * The prompts for checks just opened, one message per liaison room naming its units, keyed by
 * `keyPrefix` so a repeated step queues them once.
 */
export function checkPrompts(
  templates: Templates,
  timezone: string,
  checks: SpotCheck[],
  keyPrefix: string,
): OutboxItem[] {
  const byRoom = new Map<string, SpotCheck[]>()
  for (const check of checks)
    byRoom.set(check.roomTopic, [...(byRoom.get(check.roomTopic) ?? []), check])
  return [...byRoom].map(([roomTopic, roomChecks], i) => {
    const first = roomChecks[0]!
    return {
      key: `${keyPrefix}-${i}`,
      roomTopic,
      dueAt: first.askedAt,
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
