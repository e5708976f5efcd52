import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible'

/** What to do with a person's command: run it, refuse it once with a word, or ignore it. */
export type CommandAllowance = 'run' | 'refuse' | 'ignore'

export interface CommandLimiter {
  allow(personId: string): Promise<CommandAllowance>
}

/**
 * At most `perMinute` commands a person a minute, so one person cannot make the bot spam a
 * group: the first command over the limit gets a short answer, the rest of the minute silence.
 */
export function createCommandLimiter(perMinute: number): CommandLimiter {
  const limiter = new RateLimiterMemory({ points: perMinute, duration: 60 })
  return {
    async allow(personId) {
      try {
        await limiter.consume(personId)
        return 'run'
      } catch (rejection) {
        if (!(rejection instanceof RateLimiterRes)) throw rejection
        return rejection.consumedPoints === perMinute + 1 ? 'refuse' : 'ignore'
      }
    },
  }
}
