import { beforeEach, describe, expect, it } from 'vitest'
import { statusCommand } from '../../../bot/commands/admin.js'
import type { AccountState, BotStatus } from '../../../bot/context.js'
import { openDb, type Db } from '../../../db/client.js'
import { instantOf } from '../../../src/time/zoned.js'
import { accountState, busyAccount } from '../../helpers/accounts.js'
import { commandContext } from '../../helpers/command-context.js'
import { tempDir } from '../../helpers/temp.js'

const zone = 'Asia/Shanghai'
const day = '2026-12-02'
const at = (time: string) => instantOf(day, time, zone)

describe('#状态', () => {
  let db: Db
  beforeEach(() => {
    db = openDb(':memory:')
  })

  /** The reply to #状态 from the bot whose deps.status answers `accounts`. */
  const ask = async (accounts: AccountState[]) => {
    const { deps, ctxFor, parsed, replies } = commandContext(db, { day, evidenceDir: tempDir() })
    const live = accounts.flatMap((a) => (a.live && a.loggedInSince ? [a.loggedInSince] : []))
    deps.status = async (): Promise<BotStatus> => ({
      loggedInSince: live.length ? Math.min(...live) : null,
      queue: { waiting: 2, active: 0, delayed: 1, failed: 0 },
      accounts,
    })
    await statusCommand.run(ctxFor('#状态'), parsed('#状态'))
    return replies
  }

  it('gives every account a line: live with its rooms and sends, silent or logged out with no figures', async () => {
    const replies = await ask([
      busyAccount(at('07:01')),
      accountState('acct-3', {
        loggedInSince: at('06:50'),
        rooms: 40,
        sentToday: 12,
        throttledToday: 0,
        silentSince: at('09:15'),
      }),
      accountState('acct-4', { name: '红袖标助手4', rooms: 3, sentToday: 0, throttledToday: 0 }),
    ])
    expect(replies).toEqual([
      [
        '红袖标助手状态：',
        '· 账号「红袖标助手2」：在线，自 12月2日 07:01；在 212 个群；今日已发 340 条，被限流 1 次',
        '· 账号「acct-3」：失联（网关自 12月2日 09:15 起没有心跳）',
        '· 账号「红袖标助手4」：掉线（未登录微信）',
        '· 待发送消息 0 条（队列：等待 2，延后 1，失败 0）',
        '· 最近一次通报：无',
        '· 今日收到消息 0 条，登记上报 0 条',
      ].join('\n'),
    ])
  })

  it('says nothing of throttles on a day without any', async () => {
    const live = {
      loggedInSince: at('08:00'),
      live: true,
      rooms: 5,
      sentToday: 9,
      throttledToday: 0,
    }
    const [reply] = await ask([accountState('acct-1', { name: '助手', ...live })])
    expect(reply).toContain('· 账号「助手」：在线，自 12月2日 08:00；在 5 个群；今日已发 9 条\n')
  })

  it('keeps the one login line for the plugin’s single account, which knows no figures', async () => {
    const plugin = accountState('wechat', {
      name: '红袖标助手',
      loggedInSince: at('07:00'),
      live: true,
    })
    const [reply] = await ask([plugin])
    expect(reply).toContain('红袖标助手状态：\n· 已登录，自 12月2日 07:00\n· 待发送消息')
    expect(reply).not.toContain('账号')
    const [loggedOut] = await ask([accountState('wechat', {})])
    expect(loggedOut).toContain('· 未登录（消息会排队等待，登录后发送）')
  })
})
