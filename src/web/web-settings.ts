import { z } from 'zod'

export interface ListenAddress {
  host: string
  port: number
}

/** The command-centre page's settings (REDBAND_HTTP, REDBAND_PUBLIC_URL, REDBAND_METRICS_TOKEN). */
export interface WebConfig {
  /** Where the page listens; undefined when REDBAND_HTTP is off. */
  listen?: ListenAddress
  /** The origin people open, when a reverse proxy stands in front of the page. */
  publicUrl?: string
  /** Bearer token that opens /metrics from elsewhere than this machine. */
  metricsToken?: string
}

/**
 * host:port ([::1]:8080 for IPv6), or `off`.
 * @example parseListenAddress('0.0.0.0:8080') // { host: '0.0.0.0', port: 8080 }
 */
export function parseListenAddress(value: string): ListenAddress | 'off' | undefined {
  if (value.trim().toLowerCase() === 'off') return 'off'
  const match = /^(?:\[([0-9a-fA-F:.]+)\]|([^:\s[\]]+)):(\d{1,5})$/.exec(value.trim())
  const port = Number(match?.[3])
  if (!match || port > 65535) return undefined
  return { host: match[1] ?? match[2]!, port }
}

/** The origin of an http(s) address with no path, query or fragment; undefined for anything else. */
export function parsePublicUrl(value: string): string | undefined {
  let url: URL
  try {
    url = new URL(value)
  } catch {
    return undefined
  }
  const bare = url.pathname === '/' && url.search === '' && url.hash === '' && !url.username
  return /^https?:$/.test(url.protocol) && bare ? url.origin : undefined
}

/** REDBAND_HTTP: where the page listens, default 127.0.0.1:8080; undefined when off. */
export const listenAddress = z
  .string()
  .default('127.0.0.1:8080')
  .transform((value, ctx): ListenAddress | undefined => {
    const parsed = parseListenAddress(value)
    if (parsed === 'off') return undefined
    if (parsed) return parsed
    ctx.addIssue({
      code: 'custom',
      message: `"${value}" is not a listen address; write host:port such as 127.0.0.1:8080, or off`,
    })
    return z.NEVER
  })

/** REDBAND_PUBLIC_URL: the origin people open behind a reverse proxy. */
export const publicUrl = z
  .string()
  .optional()
  .transform((value, ctx) => {
    if (value === undefined) return undefined
    const origin = parsePublicUrl(value)
    if (origin) return origin
    ctx.addIssue({
      code: 'custom',
      message: `"${value}" is not an address to open; write an origin such as https://redband.example.org (no path)`,
    })
    return z.NEVER
  })

/**
 * The settings with a host's options over them (the plugin's `http` and `publicUrl`), each
 * checked as its variable is.
 * @example withWebOptions(readConfig().web, { http: '127.0.0.1:0' })
 */
export function withWebOptions(
  web: WebConfig,
  options: { http?: string; publicUrl?: string },
): WebConfig {
  const result = { ...web }
  if (options.http !== undefined) {
    const listen = parseListenAddress(options.http)
    if (!listen) throw new Error(`http: "${options.http}" is not host:port or off`)
    result.listen = listen === 'off' ? undefined : listen
  }
  if (options.publicUrl !== undefined) {
    result.publicUrl = parsePublicUrl(options.publicUrl)
    if (!result.publicUrl) throw new Error(`publicUrl: "${options.publicUrl}" is not an origin`)
  }
  return result
}
