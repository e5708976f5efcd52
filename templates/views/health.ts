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
  /**
   * One of several accounts cannot speak since HH:mm: `lapsed` when its gateway stopped beating
   * (else it logged out); `others` accounts are still live; `alone` rooms only it sat in wait.
   */
  'alert-account-lost': {
    name: string
    since: string
    lapsed: boolean
    others: number
    alone: number
    aloneTopics: string
  }
  /** It can speak again; it was lost since HH:mm. */
  'alert-account-back': { name: string; since: string }
  /** WeChat refused one of its sends as too frequent, the count-th time today. */
  'alert-account-throttled': { name: string; count: number }
}

export const healthSamples: Samples<HealthViews> = {
  'alert-redis-lost': { since: '09:12' },
  'alert-redis-back': { since: '09:12' },
  'alert-logged-out': { since: '09:12' },
  'alert-logged-in': { since: '09:12' },
  'alert-bulletins-late': { time: '20:00' },
  'alert-bulletins-sent': { time: '20:00' },
  'alert-account-lost': {
    name: '红袖标助手2',
    since: '09:12',
    lapsed: true,
    others: 2,
    alone: 1,
    aloneTopics: '「呈贡分局红袖标联络群」',
  },
  'alert-account-back': { name: '红袖标助手2', since: '09:12' },
  'alert-account-throttled': { name: '红袖标助手2', count: 3 },
}
