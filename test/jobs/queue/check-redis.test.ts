import { once } from 'node:events'
import { createServer, type AddressInfo, type Server } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { checkRedis, RedisUnreachableError } from '../../../jobs/queue/check-redis.js'

/** A port on 127.0.0.1 that was free a moment ago and is closed now. */
async function closedPort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1')
  await once(server, 'listening')
  const { port } = server.address() as AddressInfo
  await new Promise((resolve) => server.close(resolve))
  return port
}

let silent: Server | undefined
afterEach(async () => {
  await new Promise((resolve) => (silent ? silent.close(resolve) : resolve(undefined)))
  silent = undefined
})

describe('checkRedis', () => {
  it('passes against the Redis the tests use', async () => {
    await expect(checkRedis('redis://127.0.0.1:6379')).resolves.toBeUndefined()
  })

  it('refuses a closed port at once, in one sentence that says what to do', async () => {
    const port = await closedPort()
    const started = Date.now()
    const error = await checkRedis(`redis://127.0.0.1:${port}`).catch((e: unknown) => e)
    expect(Date.now() - started).toBeLessThan(1_000)
    expect(error).toBeInstanceOf(RedisUnreachableError)
    expect((error as Error).message).toBe(
      `Redis at redis://127.0.0.1:${port} is unreachable (connect ECONNREFUSED 127.0.0.1:${port}); ` +
        'start Redis or unset REDIS_URL to use the embedded queue',
    )
  })

  it('never prints the password of the URL', async () => {
    const port = await closedPort()
    const error = await checkRedis(`redis://:s3cret@127.0.0.1:${port}/2`).catch((e: Error) => e)
    expect((error as Error).message).toContain(`Redis at redis://:***@127.0.0.1:${port}/2 is`)
    expect((error as Error).message).not.toContain('s3cret')
  })

  it('gives up on a server that accepts and never answers, after the timeout', async () => {
    const held: Array<{ destroy(): void }> = []
    silent = createServer((socket) => held.push(socket)).listen(0, '127.0.0.1')
    await once(silent, 'listening')
    const { port } = silent.address() as AddressInfo
    const started = Date.now()
    const error = await checkRedis(`redis://127.0.0.1:${port}`, 300).catch((e: Error) => e)
    expect(Date.now() - started).toBeLessThan(2_000)
    expect((error as Error).message).toContain(
      'is unreachable (no answer within 0.3 s); start Redis',
    )
    for (const socket of held) socket.destroy()
  })
})
