import type { Samples } from './samples.js'

/** What the bot tells the command rooms about its own health. */
export interface HealthViews {
  /** Redis (the queue) has been away for a while: since HH:mm. */
  'alert-redis-lost': { since: string }
  /** Redis is back: it was away since HH:mm. */
  'alert-redis-back': { since: string }
  /** The WeChat account has been logged out for a while: since HH:mm (to the webhooks). */
  'alert-logged-out': { since: string }
  /** It is logged in again: it was out since HH:mm. */
  'alert-logged-in': { since: string }
  /** The work bulletin of HH:mm had not gone out five minutes later (to the webhooks). */
  'alert-bulletins-late': { time: string }
  /** It has gone out since. */
  'alert-bulletins-sent': { time: string }
}

export const healthSamples: Samples<HealthViews> = {
  'alert-redis-lost': { since: '09:12' },
  'alert-redis-back': { since: '09:12' },
  'alert-logged-out': { since: '09:12' },
  'alert-logged-in': { since: '09:12' },
  'alert-bulletins-late': { time: '20:00' },
  'alert-bulletins-sent': { time: '20:00' },
}
