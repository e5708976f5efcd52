import { describe, expect, it } from 'vitest'
import { ConfigError, readConfig } from '../../../src/config/read-config.js'

describe('readConfig', () => {
  it('has defaults a newcomer can run with', () => {
    expect(readConfig({})).toMatchObject({
      rosterFile: 'roster.example.yaml',
      dbFile: 'data/redband.db',
      evidenceDir: 'data/evidence',
      logLevel: 'info',
    })
  })

  it('takes every value from the environment it is given', () => {
    const config = readConfig({
      REDBAND_ROSTER: '/etc/redband/roster.yaml',
      REDBAND_DB: '/var/lib/redband/redband.db',
      REDBAND_EVIDENCE_DIR: '/var/lib/redband/photos',
      REDBAND_TEMPLATES: '/etc/redband/templates',
      LOG_LEVEL: 'debug',
    })
    expect(config).toMatchObject({
      rosterFile: '/etc/redband/roster.yaml',
      dbFile: '/var/lib/redband/redband.db',
      evidenceDir: '/var/lib/redband/photos',
      templatesDir: '/etc/redband/templates',
      logLevel: 'debug',
    })
  })

  it('refuses a bad value, naming the variable and the allowed values', () => {
    expect(() => readConfig({ LOG_LEVEL: 'loud' })).toThrow(ConfigError)
    expect(() => readConfig({ LOG_LEVEL: 'loud' })).toThrow(
      /LOG_LEVEL: must be one of fatal, error/,
    )
  })
})
