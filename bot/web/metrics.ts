import type { FastifyInstance, FastifyRequest } from 'fastify'
import { timingSafeEqual } from 'node:crypto'
import { collectDefaultMetrics, Counter, Gauge, Registry } from 'prom-client'
import { anyLive, healthOf, type HealthDeps } from './health.js'

export interface MetricsDeps extends HealthDeps {
  /** Opens /metrics from elsewhere than this machine (Authorization: Bearer …); none: localhost only. */
  token?: string
}

const loopback = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1'])
const forwardHeaders = ['x-forwarded-for', 'forwarded', 'x-real-ip']

/**
 * From this machine and not through a proxy: a reverse proxy on the same machine says whom it
 * forwards for, and a request it forwards is not local, whatever its socket says.
 */
function isLocal(request: FastifyRequest): boolean {
  return (
    loopback.has(request.socket.remoteAddress ?? '') &&
    forwardHeaders.every((h) => request.headers[h] === undefined)
  )
}

function hasToken(request: FastifyRequest, token: string | undefined): boolean {
  const given = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1]
  if (!token || !given) return false
  const a = Buffer.from(given)
  const b = Buffer.from(token)
  return a.length === b.length && timingSafeEqual(a, b)
}

/**
 * GET /metrics in Prometheus' format (prom-client), from localhost or with the token: messages
 * in, records, unread messages, outbox pending by lane, sends by result, logged in, the last
 * inbound time, and the process's own figures. The store is read when scraped.
 * @returns what counts a handled message (the bot calls it after each one)
 */
export function registerMetrics(app: FastifyInstance, deps: MetricsDeps): { messageIn(): void } {
  const registry = new Registry()
  collectDefaultMetrics({ register: registry, prefix: 'redband_' })
  const messagesIn = new Counter({
    name: 'redband_messages_in_total',
    help: 'Group messages handled by this process since it started.',
    registers: [registry],
  })
  const gauge = (name: string, help: string, labelNames: string[] = []) =>
    new Gauge({ name, help, labelNames, registers: [registry] })
  const records = gauge('redband_records_today', 'Counted headcount reports of the local day.')
  const unread = gauge(
    'redband_unread_open',
    'Messages that may be reports, not read, not settled (待核).',
  )
  const pending = gauge('redband_outbox_pending', 'Messages waiting to be sent, by lane.', ['lane'])
  const sends = gauge('redband_sends', 'Messages in the outbox by how their sending ended.', [
    'result',
  ])
  const loggedIn = gauge(
    'redband_logged_in',
    '1 while any of the bot’s accounts is logged in to WeChat.',
  )
  const lastInbound = gauge(
    'redband_last_inbound_timestamp_seconds',
    'When the latest group message was received (Unix seconds).',
  )
  const queueUp = gauge('redband_queue_up', '1 while the queue backend answers.', ['backend'])

  app.get('/metrics', async (request, reply) => {
    if (!isLocal(request) && !hasToken(request, deps.token))
      return reply.code(403).send('metrics: from this machine, or with the metrics token\n')
    // One read of the store per scrape, for every gauge.
    // Prometheus scrapes often, and no gauge shows the queue's job counts.
    const health = await healthOf(deps, { counts: false })
    records.set(health.reportsToday)
    unread.set(health.unread)
    for (const [lane, n] of Object.entries(health.outbox.pending)) pending.set({ lane }, n)
    for (const result of ['sent', 'failed', 'dropped'] as const)
      sends.set({ result }, health.outbox[result])
    loggedIn.set(anyLive(health.accounts) ? 1 : 0)
    if (health.lastInboundAt !== null) lastInbound.set(health.lastInboundAt / 1000)
    queueUp.reset()
    queueUp.set({ backend: health.queue.backend }, health.queue.up ? 1 : 0)
    reply.header('content-type', registry.contentType).header('cache-control', 'no-store')
    return registry.metrics()
  })
  return { messageIn: () => messagesIn.inc() }
}
