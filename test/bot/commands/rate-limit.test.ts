import { describe, expect, it } from 'vitest'
import { createCommandLimiter } from '../../../bot/commands/rate-limit.js'

describe('createCommandLimiter', () => {
  it('runs a person’s first commands a minute, refuses the next once, then ignores', async () => {
    const limiter = createCommandLimiter(2)
    const answers = []
    for (let i = 1; i <= 4; i++) answers.push(await limiter.allow('wxid_a', `m${i}`))
    expect(answers).toEqual(['run', 'run', 'refuse', 'ignore'])
    expect(await limiter.allow('wxid_b', 'm5')).toBe('run')
  })

  it('counts a message handled again (the store was locked) once, and answers it the same', async () => {
    const limiter = createCommandLimiter(2)
    expect(await limiter.allow('wxid_a', 'm1')).toBe('run')
    for (let retry = 0; retry < 6; retry++) expect(await limiter.allow('wxid_a', 'm1')).toBe('run')
    expect(await limiter.allow('wxid_a', 'm2')).toBe('run')
    expect(await limiter.allow('wxid_a', 'm3')).toBe('refuse')
    expect(await limiter.allow('wxid_a', 'm3')).toBe('refuse')
  })
})
