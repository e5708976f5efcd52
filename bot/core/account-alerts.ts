import type { AccountBoard, AccountView } from '../../jobs/accounts/account-board.js'
import type { Alerter } from '../../jobs/alert-webhooks.js'
import { localTime } from '../../src/time/zoned.js'
import type { Logger } from '../../src/logger.js'
import type { Templates } from '../../templates/load-templates.js'

export interface AccountAlertsOptions {
  board: AccountBoard
  alerter: Alerter
  templates: Templates
  timezone: string
  now: () => number
  /** Tells the command rooms (through any account still live); keyed so each alert goes once. */
  tellCommandRooms: (key: string, text: string) => Promise<void>
  /** A logout lasting this long is told; a lapsed heartbeat (a dead gateway) is told at once. */
  logoutAfterMs: number
  log: Logger
}

const nameOf = (view: AccountView) => view.heartbeat.name ?? view.account

/**
 * Tells the webhooks and the command rooms when an account stops being able to speak (logged
 * out for a while, or its gateway's heartbeat lapsed), when it is back, and when WeChat
 * throttles it. Returns the stopper.
 */
export function accountAlerts(options: AccountAlertsOptions): () => void {
  const { board, alerter, templates, now } = options
  const timers = new Map<string, ReturnType<typeof setTimeout>>()
  /** Accounts told lost, with since when. */
  const told = new Map<string, number>()
  const since = (at: number) => localTime(at, options.timezone)

  let stopped = false
  const tell = (key: string, text: string, raise: () => Promise<void>) =>
    void Promise.all([raise(), options.tellCommandRooms(key, text)]).catch((error: unknown) =>
      options.log.error({ err: error, alert: key }, 'could not tell of an account'),
    )

  function lost(account: string, at: number): void {
    const view = board.get(account)
    if (stopped || !view || view.live) return
    told.set(account, at)
    const others = board.live()
    const reachable = new Set(others.flatMap((a) => a.rooms.map((r) => r.id)))
    const alone = view.rooms.filter((r) => !reachable.has(r.id))
    const text = templates.render('alert-account-lost', {
      name: nameOf(view),
      since: since(at),
      lapsed: !view.beating,
      others: others.length,
      alone: alone.length,
      aloneTopics: alone
        .slice(0, 10)
        .map((r) => `「${r.topic}」`)
        .join('')
        .concat(alone.length > 10 ? ` 等 ${alone.length} 个` : ''),
    })
    tell(`account-lost-${account}-${at}`, text, () => alerter.raise(`account-${account}`, text))
  }

  board.onChange(({ up, down, throttled }) => {
    if (stopped) return
    const at = now()
    for (const account of down) {
      const beating = board.get(account)?.beating ?? false
      clearTimeout(timers.get(account))
      // A gateway that stopped beating is gone for good until someone restarts it: at once.
      const timer = setTimeout(() => lost(account, at), beating ? options.logoutAfterMs : 0)
      timer.unref?.()
      timers.set(account, timer)
    }
    for (const account of up) {
      clearTimeout(timers.get(account))
      const lostAt = told.get(account)
      if (lostAt === undefined) continue
      told.delete(account)
      const view = board.get(account)!
      const text = templates.render('alert-account-back', {
        name: nameOf(view),
        since: since(lostAt),
      })
      tell(`account-back-${account}-${at}`, text, () => alerter.recover(`account-${account}`, text))
    }
    for (const account of throttled) {
      const view = board.get(account)!
      const text = templates.render('alert-account-throttled', {
        name: nameOf(view),
        count: view.heartbeat.throttledToday,
      })
      tell(`account-throttled-${account}-${view.heartbeat.lastThrottleAt}`, text, () =>
        alerter.raise(`account-throttled-${account}`, text),
      )
    }
  })
  return () => {
    stopped = true
    for (const timer of timers.values()) clearTimeout(timer)
  }
}
