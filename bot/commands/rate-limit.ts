import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible'

/** What to do with a person's command: run it, refuse it once with a word, or ignore it. */
export type CommandAllowance = 'run' | 'refuse' | 'ignore'

export interface CommandLimiter {
  /** The allowance for a command message; the same message asked again gets the same answer. */
  allow(personId: string, messageId: string): Promise<CommandAllowance>
}

/**
 * Decisions kept for messages whose handling may run again (the store was locked part-way):
 * many more than a minute's commands, few enough to stay small.
 */
const rememberedMessages = 1000

/**
 * At most `perMinute` commands a person a minute, so one person cannot make the bot spam a
 * group: the first command over the limit gets a short answer, the rest of the minute silence.
 * A message handled again is not counted again.
 */
export function createCommandLimiter(perMinute: number): CommandLimiter {
  const limiter = new RateLimiterMemory({ points: perMinute, duration: 60 })
  const decided = new Map<string, Promise<CommandAllowance>>()
  const decide = async (personId: string): Promise<CommandAllowance> => {
    try {
      await limiter.consume(personId)
      return 'run'
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) throw rejection
      return rejection.consumedPoints === perMinute + 1 ? 'refuse' : 'ignore'
    }
  }
  return {
    allow(personId, messageId) {
      const known = decided.get(messageId)
      if (known) return known
      const allowance = decide(personId)
      decided.set(messageId, allowance)
      // Maps keep insertion order: the oldest decision goes first.
      if (decided.size > rememberedMessages) decided.delete(decided.keys().next().value!)
      return allowance
    },
  }
}
