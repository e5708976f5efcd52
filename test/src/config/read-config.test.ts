import { describe, expect, it } from 'vitest'
import { ConfigError, readConfig } from '../../../src/config/read-config.js'

describe('readConfig', () => {
  it('has defaults a newcomer can run with', () => {
    expect(readConfig({})).toMatchObject({
      rosterFile: 'roster.example.yaml',
      dbFile: 'data/redband.db',
      evidenceDir: 'data/evidence',
      logLevel: 'info',
      keepFilesDays: 30,
    })
  })

  it('keeps generated files the days it is told, at least one', () => {
    expect(readConfig({ REDBAND_KEEP_FILES_DAYS: '7' }).keepFilesDays).toBe(7)
    for (const bad of ['0', '-3', '2.5', 'forever'])
      expect(() => readConfig({ REDBAND_KEEP_FILES_DAYS: bad })).toThrow(
        /REDBAND_KEEP_FILES_DAYS: /,
      )
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

  it.each(['2026-10-01', '2024-02-29', '2026-12-31'])(
    'takes %s as a day of the security period',
    (day) => {
      expect(
        readConfig({ REDBAND_EVENT_START: day, REDBAND_EVENT_END: day }).schedule.event,
      ).toEqual({
        start: day,
        end: day,
      })
    },
  )

  it.each<[string, string]>([
    ['REDBAND_EVENT_START', '2026-02-30'],
    ['REDBAND_EVENT_START', '2026-02-29'],
    ['REDBAND_EVENT_END', '2026-04-31'],
    ['REDBAND_EVENT_END', '2026-13-01'],
    ['REDBAND_EVENT_START', '2026-00-10'],
    ['REDBAND_EVENT_START', '2026-10-00'],
    ['REDBAND_EVENT_START', '2026-2-3'],
    ['REDBAND_EVENT_START', '2026/10/01'],
    ['REDBAND_EVENT_END', '10月1日'],
  ])('refuses %s=%s with the variable and the fix named', (name, value) => {
    expect(() => readConfig({ [name]: value })).toThrow(ConfigError)
    expect(() => readConfig({ [name]: value })).toThrow(
      `${name}: "${value}" is not a calendar date; write a real day as YYYY-MM-DD, e.g. 2026-10-01`,
    )
  })

  it('refuses a bad value, naming the variable and the allowed values', () => {
    expect(() => readConfig({ LOG_LEVEL: 'loud' })).toThrow(ConfigError)
    expect(() => readConfig({ LOG_LEVEL: 'loud' })).toThrow(
      /LOG_LEVEL: must be one of fatal, error/,
    )
  })
})
