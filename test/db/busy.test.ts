import { join } from 'node:path'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { createLogger } from '../../bot/logger.js'
import { isBusy, retryBusy } from '../../db/busy.js'
import { closeDb, openDb } from '../../db/client.js'
import { tempDir } from '../helpers/temp.js'

const log = createLogger('silent')

/** The bot's store with a short busy timeout, and a second connection that can hold the write lock. */
function lockedStore() {
  const file = join(tempDir(), 'redband.db')
  const db = openDb(file, { busyTimeoutMs: 5 })
  const other = new Database(file)
  const write = () =>
    db.$client
      .prepare(
        "insert into audit_log (at, actor_id, actor_name, room_topic, action) values (1, 'a', 'a', '', 'x')",
      )
      .run()
  return { db, other, write, close: () => (other.close(), closeDb(db)) }
}

describe('isBusy', () => {
  it('knows SQLite refusing because another connection holds the lock, and nothing else', () => {
    const store = lockedStore()
    store.other.exec('BEGIN IMMEDIATE')
    let busy: unknown
    try {
      store.write()
    } catch (error) {
      busy = error
    }
    store.other.exec('ROLLBACK')
    expect(isBusy(busy)).toBe(true)
    expect(isBusy(Object.assign(new Error('snapshot'), { code: 'SQLITE_BUSY_SNAPSHOT' }))).toBe(
      true,
    )
    expect(isBusy(Object.assign(new Error('constraint'), { code: 'SQLITE_CONSTRAINT' }))).toBe(
      false,
    )
    expect(isBusy(new Error('database is locked'))).toBe(false)
    expect(isBusy(undefined)).toBe(false)
    store.close()
  })
})

describe('retryBusy', () => {
  it('waits on timers while the lock is held, then writes; the event loop runs meanwhile', async () => {
    const store = lockedStore()
    store.other.exec('BEGIN IMMEDIATE')
    let ticks = 0
    const ticker = setInterval(() => ticks++, 1)
    setTimeout(() => store.other.exec('COMMIT'), 60)
    const started = performance.now()
    const result = await retryBusy(() => store.write().changes, {
      log,
      what: 'test',
      tries: 20,
      baseMs: 5,
      maxMs: 20,
    })
    clearInterval(ticker)
    expect(result).toBe(1)
    expect(performance.now() - started).toBeGreaterThanOrEqual(55)
    // Each try blocks for at most the 5 ms busy timeout; between tries timers fire.
    expect(ticks).toBeGreaterThan(5)
    store.close()
  })

  it('gives up after its tries with the busy error', async () => {
    const store = lockedStore()
    store.other.exec('BEGIN IMMEDIATE')
    let tries = 0
    const attempt = retryBusy(
      () => {
        tries++
        return store.write()
      },
      { log, what: 'test', tries: 3, baseMs: 1 },
    )
    await expect(attempt).rejects.toMatchObject({ code: 'SQLITE_BUSY' })
    expect(tries).toBe(3)
    store.other.exec('ROLLBACK')
    store.close()
  })

  it('throws any other error at once', async () => {
    let tries = 0
    const attempt = retryBusy(
      () => {
        tries++
        throw new Error('no such table: nothing')
      },
      { log, what: 'test' },
    )
    await expect(attempt).rejects.toThrow('no such table')
    expect(tries).toBe(1)
  })
})
