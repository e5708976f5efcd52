import { describe, expect, it } from 'vitest'
import { runCli } from '../../../bot/cli/run-cli.js'
import { memoryIo } from '../../helpers/cli-io.js'

/** `redband core` that cannot start says why on one line, and what to do. */
describe('redband core, unable to start', () => {
  it('asks for REDIS_URL when it is not set', async () => {
    const { io, err, out } = memoryIo('', {})
    expect(await runCli(['core'], io)).toBe(1)
    expect(err().trim().split('\n')).toEqual([
      'redband core talks to its gateways over Redis: set REDIS_URL (e.g. redis://127.0.0.1:6379)',
    ])
    expect(out()).toBe('')
  })

  it('says a Redis that is not there, without offering the embedded queue', async () => {
    const { io, err } = memoryIo('', { REDIS_URL: 'redis://127.0.0.1:1' })
    expect(await runCli(['core'], io)).toBe(1)
    const lines = err().trim().split('\n')
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatch(
      /^Redis at redis:\/\/127\.0\.0\.1:1 is unreachable .*talk only through Redis$/,
    )
  })
})
