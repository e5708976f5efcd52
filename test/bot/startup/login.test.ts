import { EventEmitter } from 'node:events'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { ConfigError } from '../../../src/config/read-config.js'
import { readLoginSettings, watchLogin } from '../../../bot/startup/login.js'
import type { StartupError } from '../../../bot/startup/startup-error.js'
import { memoryLogger } from '../../helpers/memory-logger.js'

const offline = 'getaddrinfo ENOTFOUND login.wx.qq.com'

/**
 * A puppet host like Wechaty on wechat4u: each start() that finds no network emits a burst of
 * errors (wechat4u retries at once, on and on), until stop().
 */
class FakeBot extends EventEmitter {
  starts = 0
  stops = 0
  running = false
  /** What the next start() meets. */
  network: 'down' | 'up' | 'silent' | { refuse: Error } = 'down'

  async start(): Promise<void> {
    this.starts++
    this.running = true
    const network = this.network
    if (typeof network === 'object') throw network.refuse
    queueMicrotask(() => {
      if (network === 'up') this.emit('scan')
      else if (network === 'silent') return
      else for (let i = 0; i < 14 && this.running; i++) this.emit('error', new Error(offline))
    })
  }

  async stop(): Promise<void> {
    this.stops++
    this.running = false
  }
}

function setup(giveUpAfterMs = 15 * 60_000) {
  const bot = new FakeBot()
  const { log, lines } = memoryLogger('info')
  const gaveUp: StartupError[] = []
  const login = watchLogin(bot, { log, giveUpAfterMs, onGiveUp: (e) => gaveUp.push(e) })
  const failures = () => lines.filter((l) => String(l.msg).startsWith('WeChat login failed'))
  return { bot, login, lines, gaveUp, failures }
}

beforeEach(() => {
  vi.useFakeTimers({ now: Date.parse('2026-10-12T07:00:00+08:00') })
})
afterEach(() => {
  vi.useRealTimers()
})

describe('watchLogin: a puppet that cannot reach WeChat', () => {
  it('says so once per attempt, waits longer each time, and gives up after the bound', async () => {
    const { bot, login, lines, gaveUp, failures } = setup()
    await login.start()
    await vi.advanceTimersByTimeAsync(20 * 60_000)

    // 14 errors an attempt from the puppet, one line from us; the puppet stopped each time.
    expect(failures().map((l) => l.retryInMs)).toEqual([
      5_000, 10_000, 20_000, 40_000, 80_000, 120_000, 120_000, 120_000, 120_000, 120_000, 120_000,
      25_000,
    ])
    expect(failures()[0]).toMatchObject({
      level: 40,
      attempt: 1,
      reason: offline,
      msg: `WeChat login failed (attempt 1): ${offline}; retrying in 5 s`,
    })
    expect(bot.starts).toBe(13)
    expect(bot.stops).toBe(12)
    expect(gaveUp).toHaveLength(1)
    expect(gaveUp[0]!.message).toBe(
      `could not log in to WeChat for 15 min (13 attempts; the last: ${offline}). Check this ` +
        "machine's network, proxy and firewall, or the puppet's token, then start again; " +
        'REDBAND_LOGIN_GIVE_UP_MIN sets how long to keep trying',
    )
    // No stack anywhere: network trouble is not a bug.
    expect(lines.some((l) => JSON.stringify(l).includes('    at '))).toBe(false)
  })

  it('gives up at the bound it was given, counting from the first failure', async () => {
    const { login, gaveUp, failures } = setup(60_000)
    await login.start()
    await vi.advanceTimersByTimeAsync(59_000)
    expect(gaveUp).toHaveLength(0)
    await vi.advanceTimersByTimeAsync(1_000)
    expect(failures().map((l) => l.retryInMs)).toEqual([5_000, 10_000, 20_000, 25_000])
    expect(gaveUp[0]!.message).toContain('could not log in to WeChat for 60 s (5 attempts;')
  })

  it('takes a QR code as the network being back: waiting for a scan never gives up', async () => {
    const { bot, login, gaveUp, failures } = setup(60_000)
    await login.start()
    await vi.advanceTimersByTimeAsync(6_000)
    expect(failures()).toHaveLength(2)
    bot.network = 'up'
    await vi.advanceTimersByTimeAsync(10_000)
    await vi.advanceTimersByTimeAsync(3 * 3_600_000)
    expect(gaveUp).toHaveLength(0)
    expect(failures()).toHaveLength(2)

    // The network goes again (wechat4u restarts itself when a QR code expires): a new count.
    bot.emit('error', new Error('connect ECONNREFUSED 127.0.0.1:9'))
    await vi.advanceTimersByTimeAsync(0)
    expect(failures().at(-1)).toMatchObject({
      attempt: 1,
      reason: 'connect ECONNREFUSED 127.0.0.1:9',
    })
  })

  it('gives up at once on a puppet that cannot start for want of a token', async () => {
    const { bot, login, gaveUp } = setup()
    bot.network = {
      refuse: new Error(
        'wechaty-puppet-service: WECHATY_PUPPET_SERVICE_TOKEN not found\n(save token to WECHATY_PUPPET_SERVICE_TOKEN env var)',
      ),
    }
    await login.start()
    expect(gaveUp.map((e) => e.message)).toEqual([
      'the WeChat puppet could not start: wechaty-puppet-service: WECHATY_PUPPET_SERVICE_TOKEN not found',
    ])
    await vi.advanceTimersByTimeAsync(60_000)
    expect(bot.starts).toBe(1)
  })

  it('retries a start that is refused by the network', async () => {
    const { bot, login, gaveUp, failures } = setup()
    bot.network = {
      refuse: new Error(
        '14 UNAVAILABLE: No connection established. Last error: connect ECONNREFUSED',
      ),
    }
    await login.start()
    await vi.advanceTimersByTimeAsync(5_000)
    expect(bot.starts).toBe(2)
    expect(gaveUp).toHaveLength(0)
    expect(failures()[0]!.reason).toMatch(/^14 UNAVAILABLE/)
  })

  it('fails an attempt that hangs in silence, and one its host saw fail', async () => {
    const { bot, login, failures } = setup()
    bot.network = 'silent'
    await login.start()
    await vi.advanceTimersByTimeAsync(2 * 60_000 - 1)
    expect(failures()).toHaveLength(0)
    await vi.advanceTimersByTimeAsync(1)
    expect(failures()[0]!.reason).toBe('no QR code and no login within 2 min')

    // wechaty-token throws where nobody catches; main passes its meaning on.
    await vi.advanceTimersByTimeAsync(5_000)
    login.failed('no puppet service found for WECHATY_PUPPET_SERVICE_TOKEN')
    expect(failures().map((l) => [l.attempt, l.reason])).toEqual([
      [1, 'no QR code and no login within 2 min'],
      [2, 'no puppet service found for WECHATY_PUPPET_SERVICE_TOKEN'],
    ])
    await vi.advanceTimersByTimeAsync(10_000)
    bot.emit('login')
    login.failed('late news') // logged in: nothing to fail
    expect(failures()).toHaveLength(2)
  })

  it('stops retrying when closed during the wait (SIGINT while logging in)', async () => {
    const { bot, login, gaveUp, failures } = setup()
    await login.start()
    await vi.advanceTimersByTimeAsync(1_000)
    login.close()
    await vi.advanceTimersByTimeAsync(30 * 60_000)
    expect(bot.starts).toBe(1)
    expect(failures()).toHaveLength(1)
    expect(gaveUp).toHaveLength(0)
  })
})

describe('watchLogin: other puppet errors', () => {
  it('keeps a stray error (an expired QR code) with its stack, and fails only on a run of them', async () => {
    const { bot, login, lines, failures } = setup()
    bot.network = 'up'
    await login.start()
    await vi.advanceTimersByTimeAsync(0)
    const expired = Object.assign(new Error('400 != 400'), { name: 'AssertionError' })
    bot.emit('error', expired)
    bot.emit('scan')
    bot.emit('error', expired)
    bot.emit('scan')
    expect(failures()).toHaveLength(0)
    const logged = lines.filter((l) => l.msg === 'WeChat puppet error while logging in')
    expect(logged).toHaveLength(1) // the same error again within a minute: debug only
    expect((logged[0]!.err as { stack: string }).stack).toContain('    at ')

    // Three with no QR code between them: the puppet is stuck in a loop of its own.
    for (let i = 0; i < 3; i++) bot.emit('error', new Error('Unexpected token < in JSON'))
    expect(failures()).toHaveLength(1)
    expect(failures()[0]!.reason).toBe('Unexpected token < in JSON')
    expect(bot.stops).toBe(1)
  })

  it('once logged in, logs network trouble once a minute and leaves it to the puppet', async () => {
    const { bot, login, lines, gaveUp } = setup(60_000)
    bot.network = 'up'
    await login.start()
    await vi.advanceTimersByTimeAsync(0)
    bot.emit('login')
    for (let minute = 0; minute < 30; minute++) {
      for (let i = 0; i < 10; i++) bot.emit('error', new Error('socket hang up'))
      await vi.advanceTimersByTimeAsync(60_000)
    }
    const trouble = lines.filter((l) => l.msg === 'WeChat connection trouble: socket hang up')
    expect(trouble).toHaveLength(30)
    expect(trouble[0]!.level).toBe(40)
    expect(bot.stops).toBe(0)
    expect(gaveUp).toHaveLength(0)

    // Logged out, and the network gone: the login rules apply again.
    bot.emit('logout')
    bot.emit('error', new Error(offline))
    expect(lines.at(-1)).toMatchObject({ attempt: 1, reason: offline })
  })
})

describe('readLoginSettings', () => {
  it('reads REDBAND_LOGIN_GIVE_UP_MIN, a fraction allowed, and names a bad one', () => {
    expect(readLoginSettings({}).giveUpAfterMs).toBe(15 * 60_000)
    expect(readLoginSettings({ REDBAND_LOGIN_GIVE_UP_MIN: '0.5' }).giveUpAfterMs).toBe(30_000)
    for (const bad of ['soon', '0', '-5']) {
      expect(() => readLoginSettings({ REDBAND_LOGIN_GIVE_UP_MIN: bad })).toThrow(ConfigError)
    }
    expect(() => readLoginSettings({ REDBAND_LOGIN_GIVE_UP_MIN: 'soon' })).toThrow(
      /REDBAND_LOGIN_GIVE_UP_MIN: "soon" is not a number of minutes/,
    )
  })
})
