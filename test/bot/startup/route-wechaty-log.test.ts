import { describe, expect, it } from 'vitest'
import { log as wechatyLog } from 'wechaty'
import { routeWechatyLog } from '../../../bot/startup/route-wechaty-log.js'
import { memoryLogger } from '../../helpers/memory-logger.js'

describe('routeWechatyLog', () => {
  it("puts Wechaty's lines into ours, at the level WECHATY_LOG gave", () => {
    const { log, lines } = memoryLogger('debug')
    routeWechatyLog(log, 'warn')
    wechatyLog.warn('PuppetWatchdogAgent', 'start() reset() reason: %s', '{"data":"heartbeat"}')
    wechatyLog.error('PuppetWechat4u', 'onLogin() rejection: %s', 'no contact')
    wechatyLog.info('Wechaty', 'start() v%s', '1.20.2')
    expect(lines.map((l) => [l.level, l.source, l.msg])).toEqual([
      [40, 'wechaty', 'PuppetWatchdogAgent start() reset() reason: {"data":"heartbeat"}'],
      [50, 'wechaty', 'PuppetWechat4u onLogin() rejection: no contact'],
    ])

    routeWechatyLog(log, 'verbose')
    wechatyLog.verbose('PuppetServiceMixin', 'start()')
    expect(lines.at(-1)).toMatchObject({
      level: 20,
      source: 'wechaty',
      msg: 'PuppetServiceMixin start()',
    })
  })
})
