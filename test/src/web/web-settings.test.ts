import { describe, expect, it } from 'vitest'
import { ConfigError, readConfig } from '../../../src/config/read-config.js'
import { withWebOptions } from '../../../src/web/web-settings.js'

describe('the page settings', () => {
  it('listens on 127.0.0.1:8080 unless told otherwise, and not at all when off', () => {
    expect(readConfig({}).web).toEqual({ listen: { host: '127.0.0.1', port: 8080 } })
    expect(readConfig({ REDBAND_HTTP: 'off' }).web.listen).toBeUndefined()
    expect(readConfig({ REDBAND_HTTP: 'OFF' }).web.listen).toBeUndefined()
    expect(readConfig({ REDBAND_HTTP: '0.0.0.0:80' }).web.listen).toEqual({
      host: '0.0.0.0',
      port: 80,
    })
    expect(readConfig({ REDBAND_HTTP: '[::1]:8443' }).web.listen).toEqual({
      host: '::1',
      port: 8443,
    })
  })

  it.each(['8080', 'localhost', '127.0.0.1:99999', 'http://127.0.0.1:8080', '::1:8080'])(
    'refuses REDBAND_HTTP=%s naming the variable and the fix',
    (value) => {
      expect(() => readConfig({ REDBAND_HTTP: value })).toThrow(ConfigError)
      expect(() => readConfig({ REDBAND_HTTP: value })).toThrow(
        `REDBAND_HTTP: "${value}" is not a listen address; write host:port such as 127.0.0.1:8080, or off`,
      )
    },
  )

  it('takes the public address as an origin, and refuses one with a path', () => {
    expect(readConfig({ REDBAND_PUBLIC_URL: 'https://redband.example.org/' }).web.publicUrl).toBe(
      'https://redband.example.org',
    )
    for (const value of ['https://example.org/redband', 'ftp://example.org', 'example.org'])
      expect(() => readConfig({ REDBAND_PUBLIC_URL: value })).toThrow(
        /REDBAND_PUBLIC_URL: .*\(no path\)/,
      )
  })

  it('wants a metrics token long enough not to be guessed', () => {
    expect(() => readConfig({ REDBAND_METRICS_TOKEN: 'short' })).toThrow(
      'REDBAND_METRICS_TOKEN: must be at least 16 characters',
    )
    expect(readConfig({ REDBAND_METRICS_TOKEN: 'a'.repeat(32) }).web.metricsToken).toBe(
      'a'.repeat(32),
    )
  })

  it('lets a host override the address, checked the same way', () => {
    const web = readConfig({}).web
    expect(withWebOptions(web, { http: '127.0.0.1:0' }).listen).toEqual({
      host: '127.0.0.1',
      port: 0,
    })
    expect(withWebOptions(web, { http: 'off' }).listen).toBeUndefined()
    expect(() => withWebOptions(web, { http: 'nowhere' })).toThrow(
      'http: "nowhere" is not host:port or off',
    )
  })
})
