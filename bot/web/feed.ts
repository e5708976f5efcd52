import type { FastifyInstance } from 'fastify'
import type { ServerResponse } from 'node:http'
import { requireView } from './sessions.js'

export interface LiveFeed {
  /** The figures may have changed: every open page is told (once per burst) to read them again. */
  changed(): void
  /** Ends every open stream (the server is closing). */
  close(): void
}

/** A burst of messages is told as one change, this long after its first. */
const gatherMs = 150
/** A comment this often keeps proxies from closing a quiet stream. */
const keepAliveMs = 20_000

/**
 * Server-sent events at /api/feed: a `change` event whenever a message has been handled (a
 * report, an answer, a field record) or the page changed something, so open pages read their
 * figures again within a second; they also read them every minute, for the time that passes.
 */
export function registerFeed(app: FastifyInstance): LiveFeed {
  const streams = new Set<ServerResponse>()
  let pending: ReturnType<typeof setTimeout> | undefined
  const send = (text: string) => {
    for (const stream of streams) stream.write(text)
  }
  const keepAlive = setInterval(() => send(': keep-alive\n\n'), keepAliveMs)
  keepAlive.unref()

  app.get('/api/feed', { preHandler: requireView('today') }, (request, reply) => {
    reply.hijack()
    const stream = reply.raw
    stream.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
      // nginx would otherwise hold the events back in its buffer.
      'x-accel-buffering': 'no',
    })
    stream.write('retry: 2000\n\n')
    streams.add(stream)
    request.raw.on('close', () => streams.delete(stream))
  })

  return {
    changed() {
      pending ??= setTimeout(() => {
        pending = undefined
        send(`event: change\ndata: ${Date.now()}\n\n`)
      }, gatherMs)
    },
    close() {
      clearInterval(keepAlive)
      clearTimeout(pending)
      for (const stream of streams) stream.end()
      streams.clear()
    },
  }
}
