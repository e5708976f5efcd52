import type { Wechaty } from 'wechaty'

/** Whether the bot is logged in; false before start, when asking Wechaty would throw (no puppet yet). */
export function isLoggedIn(bot: Wechaty): boolean {
  try {
    void bot.puppet
  } catch {
    return false
  }
  return bot.isLoggedIn
}
