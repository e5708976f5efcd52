import { describe, expect, it } from 'vitest'
import { ConfigError } from '../../../src/config/read-config.js'
import { readGatewayConfig } from '../../../src/config/read-gateway-config.js'

const needed = { REDBAND_ACCOUNT: 'bot-1', REDIS_URL: 'redis://10.0.0.5:6379' }

describe('readGatewayConfig', () => {
  it('needs only the account and Redis, with the core’s defaults for the rest', () => {
    expect(readGatewayConfig(needed)).toEqual({
      account: 'bot-1',
      redisUrl: 'redis://10.0.0.5:6379',
      queuePrefix: 'redband',
      minGapMs: 2000,
      jitterMs: 1000,
      mediaLimitBytes: 10 * 1024 * 1024,
      logLevel: 'info',
    })
  })

  it('takes every value it is given', () => {
    expect(
      readGatewayConfig({
        ...needed,
        REDBAND_QUEUE_PREFIX: 'rb-prod',
        REDBAND_SEND_GAP_MS: '5000',
        REDBAND_SEND_JITTER_MS: '0',
        REDBAND_MEDIA_LIMIT_MB: '2.5',
        LOG_LEVEL: 'debug',
      }),
    ).toMatchObject({
      queuePrefix: 'rb-prod',
      minGapMs: 5000,
      jitterMs: 0,
      mediaLimitBytes: 2.5 * 1024 * 1024,
      logLevel: 'debug',
    })
  })

  it('says what to set when the account or Redis is missing, both at once', () => {
    let error: unknown
    try {
      readGatewayConfig({ REDBAND_ACCOUNT: '' })
    } catch (caught) {
      error = caught
    }
    expect(error).toBeInstanceOf(ConfigError)
    const problems = (error as ConfigError).problems
    expect(problems).toHaveLength(2)
    expect(problems[0]).toMatch(/^REDBAND_ACCOUNT: required: set it .*--account/)
    expect(problems[1]).toMatch(/^REDIS_URL: required for a gateway.*redis:\/\//)
  })

  it('refuses an account id, prefix or limit it cannot use, naming the fix', () => {
    expect(() => readGatewayConfig({ ...needed, REDBAND_ACCOUNT: 'bot:1' })).toThrow(
      /REDBAND_ACCOUNT: must be 1 to 40 letters, digits, - or _/,
    )
    expect(() => readGatewayConfig({ ...needed, REDIS_URL: '10.0.0.5:6379' })).toThrow(
      /REDIS_URL: must look like redis:\/\//,
    )
    expect(() => readGatewayConfig({ ...needed, REDBAND_QUEUE_PREFIX: 'a:b' })).toThrow(
      /REDBAND_QUEUE_PREFIX: /,
    )
    expect(() => readGatewayConfig({ ...needed, REDBAND_MEDIA_LIMIT_MB: '0' })).toThrow(
      /REDBAND_MEDIA_LIMIT_MB: must be a number of megabytes above 0/,
    )
  })
})
