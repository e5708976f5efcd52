import { setTimeout as sleep } from 'node:timers/promises'
import { afterEach, describe, expect, it } from 'vitest'
import { types, WechatyBuilder, type Wechaty } from 'wechaty'
import { PuppetMock } from 'wechaty-puppet-mock'
import { watchLogin } from '../../../bot/startup/login.js'
import type { StartupError } from '../../../bot/startup/startup-error.js'
import { memoryLogger } from '../../helpers/memory-logger.js'

/**
 * wechaty-puppet-mock playing wechat4u without a network: once started it reports the same
 * error every few milliseconds until stopped. With `onlineFrom` set, that start and the ones
 * after it reach WeChat: a QR code, then the login.
 */
class OfflinePuppet extends PuppetMock {
  starts = 0
  onlineFrom = Infinity
  private loop: ReturnType<typeof setInterval> | undefined

  override async onStart(): Promise<void> {
    await super.onStart()
    this.starts++
    if (this.starts >= this.onlineFrom) {
      setTimeout(() => {
        this.emit('scan', {
          qrcode: 'https://login.weixin.qq.com/l/abc',
          status: types.ScanStatus.Waiting,
        })
        this.mocker.login(this.mocker.createContact({ name: '红袖标助手' }))
      }, 10)
      return
    }
    this.loop = setInterval(() => {
      this.emit('error', { gerror: 'getaddrinfo ENOTFOUND login.wx.qq.com' })
    }, 2)
  }

  override async onStop(): Promise<void> {
    clearInterval(this.loop)
    await super.onStop()
  }
}

let bot: Wechaty | undefined
afterEach(async () => {
  await bot?.stop()
  bot = undefined
})

function setup(puppet: OfflinePuppet) {
  bot = WechatyBuilder.build({ puppet })
  const { log, lines } = memoryLogger('info')
  const gaveUp: StartupError[] = []
  const login = watchLogin(bot, {
    log,
    firstRetryMs: 50,
    maxRetryMs: 200,
    giveUpAfterMs: 1_000,
    onGiveUp: (error) => gaveUp.push(error),
  })
  const failures = () => lines.filter((l) => String(l.msg).startsWith('WeChat login failed'))
  return { bot, login, lines, gaveUp, failures }
}

async function until(condition: () => boolean, ms = 5_000): Promise<void> {
  const deadline = Date.now() + ms
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out')
    await sleep(10)
  }
}

describe('watchLogin on a real Wechaty', () => {
  it('stops the looping puppet after each failure, one line each, and gives up after the bound', async () => {
    const puppet = new OfflinePuppet()
    const { login, gaveUp, failures } = setup(puppet)
    const started = Date.now()
    await login.start()
    await until(() => gaveUp.length > 0)
    const took = Date.now() - started

    expect(took).toBeGreaterThanOrEqual(1_000)
    expect(took).toBeLessThan(3_000)
    expect(failures().length).toBeGreaterThanOrEqual(4)
    // Every start but the last ended in one line and a stop (Wechaty starts a puppet only
    // after a stop); the last one gave up.
    expect(puppet.starts).toBe(failures().length + 1)
    expect(failures().map((l) => l.attempt)).toEqual(failures().map((_, i) => i + 1))
    expect(gaveUp[0]!.message).toMatch(
      /^could not log in to WeChat for 1 s \(\d+ attempts; the last: getaddrinfo ENOTFOUND login\.wx\.qq\.com\)/,
    )
  })

  it('ends the failures at the QR code, and the bot logs in', async () => {
    const puppet = new OfflinePuppet()
    puppet.onlineFrom = 3
    const { bot, login, gaveUp, failures } = setup(puppet)
    await login.start()
    await until(() => bot.isLoggedIn)
    await sleep(1_200)
    expect(failures().map((l) => l.retryInMs)).toEqual([50, 100])
    expect(gaveUp).toHaveLength(0)
    expect(puppet.starts).toBe(3)
  })
})
