import type { Alerter } from '../jobs/alert-webhooks.js'
import { localTime } from '../src/time/zoned.js'
import type { Templates } from '../templates/load-templates.js'

export interface LoginAlerts {
  loggedIn(): void
  loggedOut(): void
  stop(): void
}

/**
 * A logout that lasts `afterMs` is told on the second channel (the WeChat account cannot tell
 * anyone itself), and the next login that it has cleared. A quick re-login is nobody's business.
 */
export function loginAlerts(options: {
  alerter: Alerter
  templates: Templates
  timezone: string
  now: () => number
  afterMs: number
}): LoginAlerts {
  const { alerter, templates, now } = options
  let outSince: number | undefined
  let timer: ReturnType<typeof setTimeout> | undefined
  const since = (at: number) => localTime(at, options.timezone)
  return {
    loggedOut() {
      outSince ??= now()
      const at = outSince
      clearTimeout(timer)
      timer = setTimeout(
        () =>
          void alerter.raise(
            'logged-out',
            templates.render('alert-logged-out', { since: since(at) }),
          ),
        options.afterMs,
      )
      timer.unref?.()
    },
    loggedIn() {
      clearTimeout(timer)
      if (outSince === undefined) return
      const at = outSince
      outSince = undefined
      void alerter.recover('logged-out', templates.render('alert-logged-in', { since: since(at) }))
    },
    stop() {
      clearTimeout(timer)
    },
  }
}
