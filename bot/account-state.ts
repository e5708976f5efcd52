import type { AccountState } from './context.js'

/** What #状态 and the page say of an account: 在线, 掉线 (logged out) or 失联 (its gateway is silent). */
export type AccountCondition = 'live' | 'logged-out' | 'silent'

export function conditionOf(account: AccountState): AccountCondition {
  if (account.live) return 'live'
  return account.silentSince === null ? 'logged-out' : 'silent'
}

/** Since when it is in its condition; null when not known (a gateway does not say when it logged out). */
export function conditionSince(account: AccountState): number | null {
  return account.live ? account.loggedInSince : account.silentSince
}

/**
 * Every account gets a line of its own when there are several, or when one reports figures (a
 * gateway); the plugin's one account, which knows none, keeps the short login line.
 */
export function listsEachAccount(accounts: readonly AccountState[]): boolean {
  return (
    accounts.length > 1 ||
    accounts.some((a) => a.rooms !== null || a.sentToday !== null || a.throttledToday !== null)
  )
}
