import { anySentWithPrefix } from '../db/outbox.js'
import type { Db } from '../db/client.js'
import { scheduledJobId, type Schedule } from '../src/schedule/schedule.js'
import { instantOf, localDay } from '../src/time/zoned.js'
import type { Templates } from '../templates/load-templates.js'
import type { Alerter } from './alert-webhooks.js'

/** Past the bulletins' minute by this much with none sent, the webhooks are told. */
export const bulletinsLateAfterMs = 5 * 60_000
/** Looked at no later than this past the minute: a bot started the next morning says nothing. */
const watchForMs = 4 * 60 * 60_000

/**
 * Looks each minute whether the evening's work bulletin has reached a command room by its
 * minute plus five; if not, the webhooks are told (the command rooms may be what cannot be
 * reached), and told again when it has gone. Returns the stopper.
 */
export function watchBulletins(options: {
  db: Db
  schedule: Schedule
  timezone: string
  templates: Templates
  alerter: Alerter
  now: () => number
  everyMs?: number
}): () => void {
  const { db, schedule, timezone, templates, alerter, now } = options
  /** The day whose bulletins were seen sent: nothing more to look at until the next. */
  let sentDay: string | undefined
  const look = () => {
    if (!schedule.bulletins) return
    const at = now()
    const day = localDay(at, timezone)
    const due = instantOf(day, schedule.bulletins, timezone)
    if (day === sentDay || at < due + bulletinsLateAfterMs || at > due + watchForMs) return
    const cause = `bulletins-late-${day}`
    const words = { time: schedule.bulletins }
    if (anySentWithPrefix(db, `${scheduledJobId('bulletins', day)}-work-`)) {
      sentDay = day
      void alerter.recover(cause, templates.render('alert-bulletins-sent', words))
    } else void alerter.raise(cause, templates.render('alert-bulletins-late', words))
  }
  const timer = setInterval(look, options.everyMs ?? 60_000)
  timer.unref?.()
  return () => clearInterval(timer)
}
