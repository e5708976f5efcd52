import { Redis } from 'ioredis'

/** The Redis that REDIS_URL names did not answer: the queues would wait for it for ever. */
export class RedisUnreachableError extends Error {
  constructor(
    readonly url: string,
    readonly reason: string,
  ) {
    super(
      `Redis at ${url} is unreachable (${reason}); start Redis or unset REDIS_URL to use the embedded queue`,
    )
    this.name = 'RedisUnreachableError'
  }
}

/**
 * Connects to Redis once, without retrying, and pings it within `timeoutMs`. Run before the
 * queues start: once running they wait for a lost Redis rather than fail, which at start-up
 * would look like a bot that stores messages and answers nobody.
 * @example await checkRedis('redis://127.0.0.1:6379') // throws RedisUnreachableError when down
 */
export async function checkRedis(url: string, timeoutMs = 5000): Promise<void> {
  const client = new Redis(url, {
    lazyConnect: true,
    connectTimeout: timeoutMs,
    retryStrategy: () => null,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
  })
  // connect() rejects with "Connection is closed."; the cause comes as an error event first.
  let cause: Error | undefined
  client.on('error', (error: Error) => (cause = error))
  let timer: ReturnType<typeof setTimeout> | undefined
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs / 1000} s`)), timeoutMs)
  })
  try {
    await Promise.race([client.connect().then(() => client.ping()), timedOut])
  } catch (error) {
    throw new RedisUnreachableError(withoutPassword(url), (cause ?? (error as Error)).message)
  } finally {
    clearTimeout(timer)
    client.disconnect()
  }
}

/** The URL as it may be printed: a password in it is masked. */
function withoutPassword(url: string): string {
  try {
    const parsed = new URL(url)
    if (!parsed.password) return url
    parsed.password = '***'
    return parsed.toString()
  } catch {
    return url
  }
}
