import { z } from 'zod'

/** The group robots an alert can go to, by the body each expects, or plain JSON. */
export const webhookTypes = ['wecom', 'dingtalk', 'feishu', 'json'] as const
export type WebhookType = (typeof webhookTypes)[number]

export interface Webhook {
  type: WebhookType
  url: string
}

/** One alert: a cause (its key), and the short Chinese sentence people read. */
export interface Alert {
  /** What is wrong, e.g. `logged-out` or `redis-lost`: one alert a cause until it clears. */
  cause: string
  text: string
  /** The cause has cleared (已恢复). */
  recovered: boolean
  at: number
}

/**
 * One endpoint of REDBAND_ALERT_WEBHOOKS: `TYPE=URL` (wecom, dingtalk, feishu, json) or a bare
 * URL (json). Undefined when it is neither.
 * @example parseWebhook('wecom=https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=K')
 */
export function parseWebhook(value: string): Webhook | undefined {
  const match = /^([a-z]+)=(.+)$/.exec(value)
  const type = match ? match[1] : 'json'
  const address = match ? match[2]! : value
  if (!webhookTypes.includes(type as WebhookType)) return undefined
  try {
    const url = new URL(address)
    return /^https?:$/.test(url.protocol) ? { type: type as WebhookType, url: url.href } : undefined
  } catch {
    return undefined
  }
}

/** REDBAND_ALERT_WEBHOOKS: endpoints separated by spaces or commas; none by default. */
export const alertWebhooks = z
  .string()
  .default('')
  .transform((value, ctx): Webhook[] => {
    const parts = value.split(/[\s,，]+/).filter(Boolean)
    const hooks = parts.map(parseWebhook)
    const bad = parts.filter((_, i) => hooks[i] === undefined)
    if (bad.length === 0) return hooks as Webhook[]
    ctx.addIssue({
      code: 'custom',
      message: `"${bad[0]}" is not a webhook; write TYPE=URL with TYPE one of ${webhookTypes.join(', ')} (or a bare http(s) URL for JSON), several separated by spaces`,
    })
    return z.NEVER
  })

/** The request body each kind of group robot expects for a text message. */
export function webhookBody(type: WebhookType, alert: Alert): object {
  switch (type) {
    case 'wecom':
    case 'dingtalk':
      return { msgtype: 'text', text: { content: alert.text } }
    case 'feishu':
      return { msg_type: 'text', content: { text: alert.text } }
    case 'json':
      return {
        source: 'redband',
        cause: alert.cause,
        recovered: alert.recovered,
        at: new Date(alert.at).toISOString(),
        text: alert.text,
      }
  }
}
