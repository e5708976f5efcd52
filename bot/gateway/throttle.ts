/**
 * Whether WeChat refused a send as too frequent. No puppet gives it a code of its own: the
 * refusal comes as WeChat's words in the error's message, 操作过于频繁 ("operating too
 * frequently") or a shorter 频繁 in Chinese clients and "too frequent" in English ones.
 * @example isThrottle(new Error('操作过于频繁，请稍后再试')) // true
 */
export function isThrottle(error: unknown): boolean {
  const message = error instanceof Error ? error.message : String(error)
  return message.includes('频繁') || /too frequent/iu.test(message)
}
