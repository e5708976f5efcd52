import { webhookBody, type Alert, type Webhook } from '../src/alerts/webhooks.js'
import type { Logger } from '../src/logger.js'

export interface AlerterOptions {
  webhooks: readonly Webhook[]
  log: Logger
  now: () => number
  /** A cause still active is told again at most this often; default 30 minutes. */
  repeatAfterMs?: number
  /** Tries per endpoint and the pause before each retry; default 3 tries, 1 s then 3 s. */
  retryDelaysMs?: readonly number[]
  /** How long one request may take; default 5 s. */
  timeoutMs?: number
}

/** The second channel: alerts to group robots over HTTP, for when WeChat itself is the problem. */
export interface Alerter {
  /** Tells every endpoint that `cause` is wrong, unless it was told within repeatAfterMs. */
  raise(cause: string, text: string): Promise<void>
  /** Tells every endpoint that `cause` has cleared (已恢复), if it was raised. */
  recover(cause: string, text: string): Promise<void>
}

/**
 * An alerter over the configured webhooks (none: it does nothing). Each alert goes to every
 * endpoint, retried on failure; a failure is logged with the endpoint's origin only, since the
 * rest of its address is its secret key. It never throws: an alert must not break what raised it.
 */
export function createAlerter(options: AlerterOptions): Alerter {
  const { webhooks, log, now } = options
  const repeatAfterMs = options.repeatAfterMs ?? 30 * 60_000
  const retryDelaysMs = options.retryDelaysMs ?? [1000, 3000]
  const timeoutMs = options.timeoutMs ?? 5000
  /** Causes raised and not yet recovered, with when they were last told. */
  const active = new Map<string, number>()

  async function post(hook: Webhook, alert: Alert): Promise<void> {
    const origin = new URL(hook.url).origin
    for (let attempt = 0; ; attempt++) {
      try {
        const response = await fetch(hook.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(webhookBody(hook.type, alert)),
          signal: AbortSignal.timeout(timeoutMs),
        })
        if (response.ok) return
        throw new Error(`HTTP ${response.status}`)
      } catch (error) {
        const delay = retryDelaysMs[attempt]
        if (delay === undefined) {
          log.error(
            { err: error, webhook: origin, cause: alert.cause },
            'could not deliver an alert to a webhook; check REDBAND_ALERT_WEBHOOKS',
          )
          return
        }
        await new Promise((resolve) => setTimeout(resolve, delay))
      }
    }
  }

  const send = (alert: Alert) =>
    Promise.all(webhooks.map((hook) => post(hook, alert))).then(() => {})

  return {
    async raise(cause, text) {
      const at = now()
      const told = active.get(cause)
      if (told !== undefined && at - told < repeatAfterMs) return
      active.set(cause, at)
      log.warn({ cause, webhooks: webhooks.length }, 'alert raised')
      await send({ cause, text, recovered: false, at })
    },
    async recover(cause, text) {
      if (!active.delete(cause)) return
      log.info({ cause, webhooks: webhooks.length }, 'alert recovered')
      await send({ cause, text, recovered: true, at: now() })
    },
  }
}
