import { log as wechatyLog } from 'wechaty'
import type { Logger } from '../../src/logger.js'
import type { WechatyLogLevel } from './read-start-settings.js'

const ourLevel = { ERR: 'error', WARN: 'warn', INFO: 'info', VERB: 'debug', SILL: 'trace' } as const

/**
 * Sends the log of Wechaty and its puppets (brolog: plain text on the console) into ours, as
 * lines with `source: "wechaty"`, at the level WECHATY_LOG gave.
 */
export function routeWechatyLog(log: Logger, level: WechatyLogLevel): void {
  wechatyLog.level(level)
  wechatyLog.timestamp(false)
  wechatyLog.enableLogging((title, text) => {
    const level = ourLevel[title as keyof typeof ourLevel] ?? 'info'
    log[level]({ source: 'wechaty' }, (text ?? '').slice(title.length + 1))
  })
}
