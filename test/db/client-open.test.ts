import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { closeDb, openDb } from '../../db/client.js'
import { tempDir } from '../helpers/temp.js'

describe('openDb on a fresh clone', () => {
  it('creates the folder the store lives in', () => {
    const file = join(tempDir(), 'data', 'nested', 'redband.db')
    const db = openDb(file)
    expect(existsSync(file)).toBe(true)
    closeDb(db)
  })

  it('keeps a long busy timeout by default and takes a short one for the live bot', () => {
    const dir = tempDir()
    const cli = openDb(join(dir, 'redband.db'))
    const live = openDb(join(dir, 'redband.db'), { busyTimeoutMs: 5 })
    expect(cli.$client.pragma('busy_timeout', { simple: true })).toBe(5000)
    expect(live.$client.pragma('busy_timeout', { simple: true })).toBe(5)
    closeDb(cli)
    closeDb(live)
  })
})
