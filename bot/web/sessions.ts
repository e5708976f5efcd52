import type { FastifyInstance, FastifyReply, FastifyRequest, preHandlerHookHandler } from 'fastify'
import { audit } from '../../db/audit.js'
import type { Db } from '../../db/client.js'
import {
  activeWebSession,
  endWebSession,
  signInWithLink,
  webLinkState,
  type WebSessionRow,
} from '../../db/web-sessions.js'
import {
  actionsOf,
  canDo,
  canSee,
  viewsOf,
  type WebAction,
  type WebView,
} from '../../src/web/web-roles.js'
import type { Logger } from '../../src/logger.js'
import { hashSecret, newSecret, sessionTtlMs } from './links.js'
import { sendPage } from './send-page.js'

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in session of the browser, or null. */
    webSession: WebSessionRow | null
  }
}

const sessionCookie = 'redband_session'

export interface SessionDeps {
  db: Db
  log: Logger
  now: () => number
  /** Cookies only over HTTPS (the page is reached through a TLS proxy). */
  secure: boolean
}

/** Where the web page's audit lines say a change was made (a chat command names its room). */
const webAuditRoom = 'web'

/**
 * One audit line for a request that changes something, like a chat command's: who (the person
 * the sign-in link was made for), what and with what.
 */
export function auditRequest(
  db: Db,
  at: number,
  session: Pick<WebSessionRow, 'actorId' | 'actorName' | 'role'> | null,
  action: string,
  target: string | null,
  after: Record<string, unknown>,
): void {
  audit(db, {
    at,
    actorId: session?.actorId ?? 'web',
    actorName: session?.actorName ?? 'web',
    roomTopic: webAuditRoom,
    action,
    target,
    before: null,
    after: session ? { role: session.role, ...after } : after,
  })
}

/** An API answer that says what is wrong in a word the page turns into a sentence. */
export function refuse(reply: FastifyReply, status: number, error: string): FastifyReply {
  return reply.code(status).header('cache-control', 'no-store').send({ error })
}

function isApi(request: FastifyRequest): boolean {
  return request.url.startsWith('/api/')
}

/**
 * A view's guard: no session, the signed-out page (401); a role that may not see it, the
 * forbidden page (403). API requests get the same refusals as JSON.
 */
export function requireView(view: WebView): preHandlerHookHandler {
  return async (request, reply) => {
    const session = request.webSession
    if (!session) {
      if (isApi(request)) return refuse(reply, 401, 'signed-out')
      return sendPage(reply.code(401), 'signed-out.html')
    }
    if (!canSee(session.role, view)) {
      if (isApi(request)) return refuse(reply, 403, 'forbidden')
      return sendPage(reply.code(403), 'forbidden.html')
    }
  }
}

/** An action's guard (after CSRF): a role that may not do it is refused, logged and audited. */
export function requireAction(
  deps: Pick<SessionDeps, 'db' | 'log' | 'now'>,
  action: WebAction,
): preHandlerHookHandler {
  return async (request, reply) => {
    const session = request.webSession
    if (!session) return refuse(reply, 401, 'signed-out')
    if (canDo(session.role, action)) return
    deps.log.warn({ action, role: session.role }, 'web: action refused for the role')
    auditRequest(deps.db, deps.now(), session, 'refused', action, { url: request.url })
    return refuse(reply, 403, 'forbidden')
  }
}

/** What the page knows of the person at it, and the CSRF token its POSTs carry. */
function me(request: FastifyRequest, reply: FastifyReply) {
  const session = request.webSession
  const csrf = reply.generateCsrf({ userInfo: csrfUserInfo(request) })
  if (!session) return { signedIn: false, csrf }
  return {
    signedIn: true,
    role: session.role,
    name: session.actorName,
    views: viewsOf(session.role),
    actions: actionsOf(session.role),
    expiresAt: session.expiresAt,
    csrf,
  }
}

/** Binds a CSRF token to the session it was made for, so a token from another session is no use. */
export function csrfUserInfo(request: FastifyRequest): string {
  return request.webSession?.idHash ?? 'signed-out'
}

/**
 * Sessions: the signed cookie is read on every request but for the public assets; sign-in with a one-time link (GET shows
 * the link's page, POST uses it: a link preview or a scanner fetching the URL does not use it up),
 * sign-out, and /api/me. Sign-in is rate-limited and CSRF-protected like every POST.
 */
export function registerSessions(app: FastifyInstance, deps: SessionDeps): void {
  const { db, log, now } = deps
  app.decorateRequest('webSession', null)
  app.addHook('onRequest', async (request) => {
    // A page's scripts, styles and fonts are public and many: no store look-up for each.
    if (request.url.startsWith('/assets/')) return
    const raw = request.cookies[sessionCookie]
    if (!raw) return
    const unsigned = request.unsignCookie(raw)
    if (!unsigned.valid || unsigned.value === null) return
    request.webSession = activeWebSession(db, hashSecret(unsigned.value), now()) ?? null
  })

  // Per client address (behind a proxy on this machine: the address it forwards for).
  const linkPageLimit = { rateLimit: { max: 30, timeWindow: '1 minute' } }
  const signInLimit = { rateLimit: { max: 10, timeWindow: '1 minute' } }

  app.get<{ Params: { token: string } }>(
    '/s/:token',
    { config: linkPageLimit },
    async (request, reply) => {
      const state = webLinkState(db, hashSecret(request.params.token), now())
      if (state === 'valid') return sendPage(reply, 'sign-in.html')
      log.warn({ state }, 'web: sign-in link refused')
      return sendPage(reply.code(403), 'link-refused.html')
    },
  )

  app.post<{ Body: { token?: unknown } }>(
    '/api/sign-in',
    { config: signInLimit, onRequest: app.csrfProtection },
    async (request, reply) => {
      const token = typeof request.body?.token === 'string' ? request.body.token : ''
      const at = now()
      const id = newSecret()
      const session = token
        ? signInWithLink(db, hashSecret(token), {
            idHash: hashSecret(id),
            createdAt: at,
            expiresAt: at + sessionTtlMs,
          })
        : undefined
      if (!session) {
        const state = token ? webLinkState(db, hashSecret(token), at) : 'unknown'
        log.warn({ state }, 'web: sign-in refused')
        auditRequest(db, at, null, 'refused', 'sign-in', { link: state })
        return refuse(reply, 403, 'link-refused')
      }
      reply.setCookie(sessionCookie, id, {
        signed: true,
        httpOnly: true,
        sameSite: 'lax',
        secure: deps.secure,
        path: '/',
        maxAge: sessionTtlMs / 1000,
      })
      auditRequest(db, at, session, 'web-sign-in', session.role, {})
      log.info({ role: session.role, by: session.actorId }, 'web: signed in')
      return { role: session.role }
    },
  )

  app.post('/api/sign-out', { onRequest: app.csrfProtection }, async (request, reply) => {
    const session = request.webSession
    if (session && endWebSession(db, session.idHash, now()))
      auditRequest(db, now(), session, 'web-sign-out', session.role, {})
    reply.clearCookie(sessionCookie, { path: '/' })
    return { signedIn: false }
  })

  app.get('/api/me', async (request, reply) => {
    reply.header('cache-control', 'no-store')
    return me(request, reply)
  })
}
