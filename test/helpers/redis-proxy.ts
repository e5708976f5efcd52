import { once } from 'node:events'
import { createServer, connect, type AddressInfo, type Server, type Socket } from 'node:net'

/** A TCP proxy in front of Redis that a test takes away and brings back on the same port. */
export interface RedisProxy {
  /** The port clients connect to; it stays the same across stop() and start(). */
  readonly port: number
  /** A redis:// URL through the proxy. */
  readonly url: string
  /** "Redis is down": closes the port and cuts every open connection. */
  stop(): Promise<void>
  /** "Redis is back": listens again on the same port. */
  start(): Promise<void>
}

/**
 * Puts a proxy in front of the Redis at `target`, listening at once unless `listening` is false
 * (then the port is chosen and closed again, so the first start() brings Redis "up").
 * @example
 * const proxy = await redisProxy(new URL('redis://127.0.0.1:6379'))
 * const queue = createBullQueue('q', { connection: proxy.url, log })
 * await proxy.stop() // Redis is away; await proxy.start() brings it back
 */
export async function redisProxy(target: URL, listening = true): Promise<RedisProxy> {
  const sockets = new Set<Socket>()
  let server: Server | undefined
  let port = 0

  const start = async () => {
    if (server) return
    const next = createServer((client) => {
      const upstream = connect(Number(target.port || 6379), target.hostname)
      for (const s of [client, upstream]) {
        sockets.add(s)
        s.on('error', () => s.destroy())
        s.on('close', () => sockets.delete(s))
      }
      client.pipe(upstream).pipe(client)
      client.on('close', () => upstream.destroy())
      upstream.on('close', () => client.destroy())
    })
    next.listen(port, '127.0.0.1')
    await once(next, 'listening')
    port = (next.address() as AddressInfo).port
    server = next
  }

  const stop = async () => {
    const current = server
    if (!current) return
    server = undefined
    const closing = new Promise<void>((resolve) => current.close(() => resolve()))
    for (const s of sockets) s.destroy()
    await closing
  }

  await start()
  if (!listening) await stop()
  return {
    get port() {
      return port
    },
    get url() {
      return `redis://127.0.0.1:${port}`
    },
    stop,
    start,
  }
}
