import { createHash, randomBytes } from 'node:crypto'
import type { Db } from '../../db/client.js'
import { insertWebLink } from '../../db/web-sessions.js'
import type { ListenAddress, WebConfig } from '../../src/web/web-settings.js'
import type { WebRole } from '../../src/web/web-roles.js'

/** A sign-in link opens a session once, within this long. */
export const linkTtlMs = 10 * 60_000

/** A session lasts this long; then a new link is needed. */
export const sessionTtlMs = 12 * 3600_000

/** 256 random bits, URL-safe: links and session ids. */
export function newSecret(): string {
  return randomBytes(32).toString('base64url')
}

/** What the store keeps of a link token or session id: its hash, never the secret itself. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex')
}

/**
 * The address people open: REDBAND_PUBLIC_URL when a reverse proxy stands in front, else the
 * address the page listens on (`bound`, once listening: a port 0 becomes the one given).
 * @example pageBaseUrl({ listen: { host: '127.0.0.1', port: 8080 } }) // 'http://127.0.0.1:8080'
 */
export function pageBaseUrl(web: WebConfig, bound?: ListenAddress): string | undefined {
  if (web.publicUrl) return web.publicUrl
  const at = bound ?? web.listen
  if (!at) return undefined
  return `http://${at.host.includes(':') ? `[${at.host}]` : at.host}:${at.port}`
}

/**
 * A one-time sign-in link for `role`, kept (hashed) in the store so that the bot's page, in this
 * process or another, accepts it once within linkTtlMs.
 * @example createSignInLink(db, { role: 'commander', by: { id: 'wxid_1', name: '张指挥' }, at: Date.now(), baseUrl })
 */
export function createSignInLink(
  db: Db,
  link: { role: WebRole; by: { id: string; name: string }; at: number; baseUrl: string },
): string {
  const token = newSecret()
  insertWebLink(db, {
    tokenHash: hashSecret(token),
    role: link.role,
    createdBy: link.by.id,
    createdByName: link.by.name,
    createdAt: link.at,
    expiresAt: link.at + linkTtlMs,
  })
  return `${link.baseUrl}/s/${token}`
}
