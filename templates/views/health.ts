import type { Samples } from './samples.js'

/** What the bot tells the command rooms about its own health. */
export interface HealthViews {
  /** Redis (the queue) has been away for a while: since HH:mm. */
  'alert-redis-lost': { since: string }
  /** Redis is back: it was away since HH:mm. */
  'alert-redis-back': { since: string }
}

export const healthSamples: Samples<HealthViews> = {
  'alert-redis-lost': { since: '09:12' },
  'alert-redis-back': { since: '09:12' },
}
