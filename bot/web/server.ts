import fastifyCookie from '@fastify/cookie'
import fastifyCsrf from '@fastify/csrf-protection'
import fastifyHelmet from '@fastify/helmet'
import fastifyRateLimit from '@fastify/rate-limit'
import Fastify, { type FastifyInstance } from 'fastify'
import type { AddressInfo } from 'node:net'
import { webKey } from '../../db/web-sessions.js'
import type { ListenAddress, WebConfig } from '../../src/web/web-settings.js'
import type { BotDeps } from '../context.js'
import { registerEvent } from './event.js'
import { registerFeed } from './feed.js'
import { registerHealth, type HealthDeps } from './health.js'
import { newSecret, pageBaseUrl } from './links.js'
import { registerMetrics } from './metrics.js'
import { registerPages } from './pages.js'
import { registerReview } from './review.js'
import { registerRooms } from './rooms.js'
import { sendPage } from './send-page.js'
import { csrfUserInfo, refuse, registerSessions } from './sessions.js'
import { registerToday } from './today.js'

export interface WebServerOptions {
  deps: Pick<
    BotDeps,
    'db' | 'roster' | 'schedule' | 'templates' | 'log' | 'now' | 'rooms' | 'send' | 'retryHeld'
  >
  web: WebConfig
  /** The bot's login and queue, for the Health view, /healthz and /metrics. */
  health: HealthDeps['health']
  /** Calls `listener` after each message the bot has handled; returns what stops it. */
  onHandled: (listener: () => void) => () => void
}

export interface WebServer {
  /** The address people open (REDBAND_PUBLIC_URL, else where it listens). */
  url: string
  close(): Promise<void>
}

/**
 * The command-centre page as a Fastify app: security headers (a strict CSP: every script, style,
 * font and the chart library come from this server), signed session cookies, CSRF on every POST,
 * rate-limited sign-in, the views' data, the live feed and the metrics.
 */
export async function createWebApp(options: WebServerOptions): Promise<FastifyInstance> {
  const { deps, web } = options
  const { db, log, now } = deps
  const secure = web.publicUrl?.startsWith('https:') ?? false
  const app = Fastify({
    logger: false,
    bodyLimit: 16 * 1024,
    // A reverse proxy on this machine says whom it forwards for (rate limits go by that address).
    trustProxy: 'loopback',
    // Open live feeds would otherwise hold the server open at close.
    forceCloseConnections: true,
  })
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
        upgradeInsecureRequests: secure ? [] : null,
      },
    },
    strictTransportSecurity: secure,
  })
  await app.register(fastifyCookie, { secret: webKey(db, 'cookie-secret', newSecret, now()) })
  await app.register(fastifyCsrf, {
    cookieKey: 'redband_csrf',
    cookieOpts: { signed: true, httpOnly: true, sameSite: 'strict', secure, path: '/' },
    getUserInfo: csrfUserInfo,
    csrfOpts: { hmacKey: webKey(db, 'csrf-hmac', newSecret, now()) },
  })
  await app.register(fastifyRateLimit, { global: false })

  app.setErrorHandler((error: Error & { statusCode?: number; code?: string }, request, reply) => {
    const status = error.statusCode ?? 500
    if (status === 429) {
      log.warn({ url: request.url, ip: request.ip }, 'web: too many sign-in attempts')
      if (request.method === 'GET') return sendPage(reply.code(429), 'too-many.html')
      return refuse(reply, 429, 'rate-limited')
    }
    if (error.code?.startsWith('FST_CSRF')) {
      log.warn(
        { url: request.url, code: error.code },
        'web: request refused, CSRF token missing or wrong',
      )
      return refuse(reply, 403, 'csrf')
    }
    if (status < 500) return refuse(reply, status, 'bad-request')
    log.error({ err: error, url: request.url }, 'web: request failed')
    return refuse(reply, 500, 'server-error')
  })
  app.setNotFoundHandler((_request, reply) => refuse(reply, 404, 'not-found'))

  registerSessions(app, { db, log, now, secure })
  await registerPages(app)
  const feed = registerFeed(app)
  const changed = () => feed.changed()
  app.addHook('preClose', async () => feed.close())
  registerToday(app, deps)
  registerEvent(app, deps)
  registerRooms(app, { ...deps, changed })
  registerReview(app, { ...deps, changed })
  const healthDeps = { db, roster: deps.roster, now, health: options.health }
  registerHealth(app, healthDeps)
  const metrics = registerMetrics(app, { ...healthDeps, token: web.metricsToken })
  const stop = options.onHandled(() => {
    metrics.messageIn()
    feed.changed()
  })
  app.addHook('onClose', async () => stop())
  return app
}

/**
 * Listens at `listen` (port 0: any free port) and resolves once it does.
 * @example const server = await startWebServer(options, { host: '127.0.0.1', port: 8080 })
 */
export async function startWebServer(
  options: WebServerOptions,
  listen: ListenAddress,
): Promise<WebServer> {
  const app = await createWebApp(options)
  try {
    await app.listen({ host: listen.host, port: listen.port })
  } catch (error) {
    await app.close()
    throw error
  }
  const bound = app.server.address() as AddressInfo
  const url = pageBaseUrl(options.web, { host: listen.host, port: bound.port })!
  options.deps.log.info({ url, listen: `${listen.host}:${bound.port}` }, 'web: page served')
  return { url, close: () => app.close() }
}
