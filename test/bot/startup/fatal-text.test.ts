import { describe, expect, it } from 'vitest'
import { fatalText } from '../../../bot/startup/fatal-text.js'
import { StartupError } from '../../../bot/startup/startup-error.js'
import { RedisUnreachableError } from '../../../jobs/queue/check-redis.js'
import { ConfigError } from '../../../src/config/read-config.js'
import { RosterError } from '../../../src/roster/parse-roster.js'
import { TemplateError } from '../../../templates/load-templates.js'

describe('fatalText', () => {
  it.each([
    new ConfigError([
      'REDBAND_DEADLINE_AT: "9点" is not a time; write HH:mm such as 09:00, or off',
    ]),
    new RosterError('roster.yaml', [
      { place: { at: 'unit', name: '东华派出所' }, kind: 'name-twice', name: '东华派出所' },
    ]),
    new TemplateError(['receipt.hbs: "{{#if" is not closed']),
    new RedisUnreachableError('redis://127.0.0.1:6379', 'connect ECONNREFUSED 127.0.0.1:6379'),
    new StartupError('could not log in to WeChat for 15 min'),
  ])('shows a known problem as its own words, without a stack: $name', (error) => {
    const text = fatalText(error, false)
    expect(text).toBe(`redband 无法启动 (cannot start): ${error.message}`)
    expect(text).not.toMatch(/^\s+at /m)
  })

  it('keeps the stack of an unexpected error, and says when a running bot stopped', () => {
    const text = fatalText(
      new TypeError("Cannot read properties of undefined (reading 'id')"),
      true,
    )
    expect(text).toMatch(
      /^redband 已停止 \(stopped\), on an unexpected error:\nTypeError: Cannot read/,
    )
    expect(text).toMatch(/^\s+at /m)
  })
})
