import { EventEmitter } from 'node:events'
import { join } from 'node:path'
import type { AccountState } from '../../bot/context.js'
import { servePage } from '../../bot/web/serve-page.js'
import { commandContext } from './command-context.js'
import { startJobsInstance } from './jobs-instance.js'
import { tempDir } from './temp.js'

/** An account as a gateway reports it; unknown (null) where `state` does not say. */
export const accountState = (account: string, state: Partial<AccountState>): AccountState => ({
  account,
  name: null,
  loggedInSince: null,
  live: false,
  rooms: null,
  sentToday: null,
  throttledToday: null,
  silentSince: null,
  ...state,
})

/** A live account well into a busy day: 212 rooms, 340 sent, one throttle. */
export const busyAccount = (loggedInSince: number): AccountState =>
  accountState('acct-2', {
    name: '红袖标助手2',
    loggedInSince,
    live: true,
    rooms: 212,
    sentToday: 340,
    throttledToday: 1,
  })

/**
 * The command-centre page served as the core serves it (servePage), speaking through `accounts`
 * (the core's gateways) instead of the plugin's one account; `link` signs an admin in.
 */
export async function serveAccountsPage(accounts: () => AccountState[]) {
  const dir = tempDir()
  const instance = await startJobsInstance({ dbFile: join(dir, 'redband.db'), delivered: [] })
  const { deps } = commandContext(instance.db, { day: '2026-12-02', evidenceDir: dir })
  const page = servePage({
    deps: { ...deps, now: Date.now },
    web: { listen: { host: '127.0.0.1', port: 0 } },
    jobs: instance.jobs,
    redis: false,
    accounts,
    handled: new EventEmitter(),
  })
  return {
    base: (await page.url())!,
    link: () => page.link('admin', { id: 'wxid_admin', name: '王管理' })!,
    async close() {
      await page.close()
      await instance.close()
    },
  }
}
