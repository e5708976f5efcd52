import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { closeDb, openDb } from '../../db/client.js'
import { tempDir } from '../helpers/temp.js'

describe('openDb', () => {
  it('creates the store in WAL mode with every migration applied', () => {
    const file = join(tempDir(), 'redband.db')
    const db = openDb(file)
    expect(db.$client.pragma('journal_mode', { simple: true })).toBe('wal')
    const tables = db.$client
      .prepare("select name from sqlite_master where type = 'table'")
      .pluck()
      .all()
    expect(tables).toEqual(
      expect.arrayContaining(['messages', 'reports', 'activities', 'evidence']),
    )
    closeDb(db)
  })

  it('applies migrations twice as a no-op', () => {
    const file = join(tempDir(), 'redband.db')
    closeDb(openDb(file))
    const db = openDb(file)
    const applied = db.$client.prepare('select count(*) from __drizzle_migrations').pluck().get()
    closeDb(db)
    const again = openDb(file)
    expect(again.$client.prepare('select count(*) from __drizzle_migrations').pluck().get()).toBe(
      applied,
    )
    closeDb(again)
  })
})
