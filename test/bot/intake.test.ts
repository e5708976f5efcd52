import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import type { BotDeps } from '../../bot/context.js'
import { journalPathOf } from '../../bot/inbound-journal.js'
import { createRoomGate } from '../../bot/rooms/room-gate.js'
import { createIntake, type Intake } from '../../bot/intake.js'
import { createLogger } from '../../bot/logger.js'
import { exportRooms } from '../../bot/room-directory.js'
import { readAudit } from '../../db/audit.js'
import { liveBusyTimeoutMs } from '../../db/busy.js'
import { closeDb, openDb, type Db } from '../../db/client.js'
import { storeMessage } from '../../db/messages.js'
import { reports } from '../../db/schema.js'
import type { GroupedSends, OutboxItem } from '../../jobs/outbox.js'
import type { Inbound } from '../../src/inbound.js'
import { defaultSchedule } from '../../src/schedule/schedule.js'
import { loadTemplates } from '../../templates/load-templates.js'
import { waitFor } from '../faults/fault-kit.js'
import { exampleRoster } from '../helpers/fixtures.js'
import { tempDir } from '../helpers/temp.js'

const roster = exampleRoster()
const templates = loadTemplates()
const room = '呈贡分局红袖标联络群'
const start = Date.parse('2026-10-12T08:00:00+08:00')

const report = (id: string, text: string, at = start + 60_000): Inbound => ({
  id,
  roomId: room,
  roomTopic: room,
  senderId: `wxid_${id}`,
  senderName: `联络员${id}`,
  sentAt: at,
  type: 'text',
  text,
})

/** The bot's side: its store with the live busy timeout, an intake on it, and the outbox as sent keys. */
function liveBot(
  file: string,
  options: { startedAt?: number; send?: BotDeps['send']; groupSends?: () => GroupedSends } = {},
) {
  const db = openDb(file, { busyTimeoutMs: liveBusyTimeoutMs })
  const sent = new Map<string, OutboxItem>()
  const deps: BotDeps = {
    db,
    roster,
    // By topic, as ingest does: this test is about the store, not about binding rooms.
    rooms: exportRooms(db, roster),
    schedule: defaultSchedule,
    templates,
    log: createLogger('silent'),
    now: () => start + 120_000,
    startedAt: options.startedAt ?? start,
    evidenceDir: join(file, '..', 'evidence'),
    // Keyed as the outbox keys them: a reply queued twice is one reply.
    send:
      options.send ??
      (async (items) => {
        for (const item of items) if (!sent.has(item.key)) sent.set(item.key, item)
      }),
    later: async () => {},
  }
  const intake = createIntake(deps, {
    journal: journalPathOf(file),
    drainBaseMs: 10,
    drainMaxMs: 50,
    ...(options.groupSends ? { groupSends: options.groupSends } : {}),
  })
  return { db, deps, intake, sent }
}

/** An outbox send that finds the store locked `times` times first, then hands its items on. */
function lockedSend(times: number, sent: (items: OutboxItem[]) => void): BotDeps['send'] {
  let refusals = times
  return async (items) => {
    if (refusals-- > 0)
      throw Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' })
    sent(items)
  }
}

/** What another process holding the write lock looks like to the bot. */
function lockHolder(file: string) {
  const other = new Database(file)
  other.exec('BEGIN IMMEDIATE')
  return {
    release: () => {
      if (other.inTransaction) other.exec('COMMIT')
      other.close()
    },
  }
}

const storedIds = (db: Db) =>
  db.$client.prepare('select id from messages order by rowid').pluck().all() as string[]
/** Stored messages whose handling never ended: what a restart handles again. */
const unhandledIds = (db: Db) =>
  db.$client.prepare('select id from messages where handled_at is null').pluck().all() as string[]
const countedFigures = (db: Db) =>
  db
    .select()
    .from(reports)
    .all()
    .map((r) => [r.messageId, r.unit, r.count])

const open: Array<{ intake: Intake; db: Db }> = []
afterEach(async () => {
  for (const { intake, db } of open.splice(0)) {
    await intake.close()
    closeDb(db)
  }
})

describe('the intake, while another process holds the store', () => {
  it('journals live messages, then stores and answers them in the order they came', async () => {
    const file = join(tempDir(), 'redband.db')
    const bot = liveBot(file)
    open.push(bot)
    const lock = lockHolder(file)
    let longestStallMs = 0
    let last = performance.now()
    const ticker = setInterval(() => {
      const now = performance.now()
      longestStallMs = Math.max(longestStallMs, now - last)
      last = now
    }, 1)

    await bot.intake.accept(report('m1', '龙城所今日上岗 150 人'))
    await bot.intake.accept(report('m2', '洛龙所今日上岗 118 人'))
    await bot.intake.accept(report('m3', '【更正】龙城所今日上岗 152 人'))
    expect(bot.intake.waiting).toBe(3)
    const journal = readFileSync(journalPathOf(file)!, 'utf8').trim().split('\n')
    expect(journal.map((line) => (JSON.parse(line) as { inbound: Inbound }).inbound.id)).toEqual([
      'm1',
      'm2',
      'm3',
    ])
    expect(storedIds(bot.db)).toEqual([])

    lock.release()
    // A message that comes once the lock is gone still waits behind the journaled ones.
    await bot.intake.accept(report('m4', '吴家营所今日上岗 200 人'))
    await waitFor('the journal drained', () => bot.intake.waiting === 0)
    clearInterval(ticker)

    expect(storedIds(bot.db)).toEqual(['m1', 'm2', 'm3', 'm4'])
    expect(countedFigures(bot.db)).toEqual([
      ['m1', '龙城派出所', 150],
      ['m2', '洛龙派出所', 118],
      ['m3', '龙城派出所', 152],
      ['m4', '吴家营派出所', 200],
    ])
    expect([...bot.sent.values()].map((item) => item.text)).toEqual([
      expect.stringContaining('龙城派出所 今日上岗 150 人'),
      expect.stringContaining('洛龙派出所 今日上岗 118 人'),
      expect.stringContaining('龙城派出所 今日上岗 152 人'),
      expect.stringContaining('吴家营派出所 今日上岗 200 人'),
    ])
    expect(existsSync(journalPathOf(file)!)).toBe(false)
    // Each try waits on the lock for 5 ms at most (the old busy-wait: 5 s); the event loop is free
    // between tries. The bound leaves room for a loaded machine descheduling the process.
    expect(longestStallMs).toBeLessThan(500)
  })

  it('drains a journal left by a crash at the next start, as the run that received it would have', async () => {
    const file = join(tempDir(), 'redband.db')
    const first = liveBot(file)
    const lock = lockHolder(file)
    await first.intake.accept(report('m1', '龙城所今日上岗 150 人'))
    await first.intake.accept(report('m2', '洛龙所今日上岗 118 人'))
    // History a protocol replays at login: sent before that run started, kept raw, never answered.
    await first.intake.accept(report('old', '吴家营所今日上岗 190 人', start - 3_600_000))
    // The process dies with the lock still held elsewhere: the journal stays on disk.
    await first.intake.close()
    closeDb(first.db)
    lock.release()

    const restarted = liveBot(file, { startedAt: start + 3_600_000 })
    open.push(restarted)
    await waitFor('the journal drained at start', () => restarted.intake.waiting === 0)
    expect(storedIds(restarted.db)).toEqual(['m1', 'm2', 'old'])
    expect(countedFigures(restarted.db)).toEqual([
      ['m1', '龙城派出所', 150],
      ['m2', '洛龙派出所', 118],
    ])
    expect(restarted.sent.size).toBe(2)
    expect(existsSync(journalPathOf(file)!)).toBe(false)
  })

  it('stores a message drained twice once, and a replay under a new id not at all', async () => {
    const file = join(tempDir(), 'redband.db')
    const setup = openDb(file)
    const replayed = report('before-relogin', '晋城所今日上岗 80 人')
    storeMessage(setup, replayed, start)
    closeDb(setup)
    const entry = (inbound: Inbound) => JSON.stringify({ inbound, startedAt: start })
    // A drain cut short by a crash left m1 in the journal after storing it: it comes twice.
    writeFileSync(
      journalPathOf(file)!,
      [
        entry(report('m1', '龙城所今日上岗 150 人')),
        entry(report('m1', '龙城所今日上岗 150 人')),
        entry({ ...replayed, id: 'after-relogin' }),
        '{"inbound":{"id":"torn',
      ].join('\n'),
    )
    const bot = liveBot(file)
    open.push(bot)
    await waitFor('the journal drained', () => bot.intake.waiting === 0)
    expect(storedIds(bot.db)).toEqual(['before-relogin', 'm1'])
    expect(countedFigures(bot.db)).toEqual([['m1', '龙城派出所', 150]])
    expect([...bot.sent.keys()]).toEqual(['reply-m1-0'])
  })

  it('handles a message again when the lock cut its handling short, recording it once', async () => {
    const file = join(tempDir(), 'redband.db')
    const sent: OutboxItem[] = []
    // The outbox's write finds the store locked twice, as it would during an ingest.
    const bot = liveBot(file, { send: lockedSend(2, (items) => sent.push(...items)) })
    open.push(bot)
    await bot.intake.accept(report('m1', '龙城所今日上岗 150 人'))
    expect(countedFigures(bot.db)).toEqual([['m1', '龙城派出所', 150]])
    expect(sent.map((item) => item.key)).toEqual(['reply-m1-0'])
    expect(readAudit(bot.db, { action: 'report' })).toHaveLength(1)
    expect(bot.intake.waiting).toBe(0)
  })
})

describe('the intake, for messages that came together', () => {
  /** Three units' reports, and the figures they record. */
  const [m1, m2, m3] = [
    report('m1', '龙城所今日上岗 150 人'),
    report('m2', '洛龙所今日上岗 118 人'),
    report('m3', '吴家营所今日上岗 200 人'),
  ]
  const theirFigures = [
    ['m1', '龙城派出所', 150],
    ['m2', '洛龙派出所', 118],
    ['m3', '吴家营派出所', 200],
  ]

  /** Grouped sends that note what each flush queued, and what another connection saw then. */
  function watchedSends(file: string) {
    const reader = new Database(file, { readonly: true })
    const flushes: Array<{ keys: string[]; committed: string[] }> = []
    const sends = (): GroupedSends => {
      const noted: string[] = []
      return {
        send: async (items) => noted.push(...items.map((item) => item.key)),
        flush: async () => {
          const committed = reader.prepare('select id from messages order by rowid').pluck()
          flushes.push({ keys: noted.splice(0), committed: committed.all() as string[] })
        },
        drop: () => void noted.splice(0),
      }
    }
    return { sends, flushes, close: () => reader.close() }
  }

  /** A live bot on a new store, its group commits' receipts watched (watchedSends). */
  function groupingBot() {
    const file = join(tempDir(), 'redband.db')
    closeDb(openDb(file))
    const watched = watchedSends(file)
    const bot = liveBot(file, { groupSends: watched.sends })
    open.push(bot)
    return { bot, watched }
  }

  it('stores and answers a burst in order, and queues its receipts once it is committed', async () => {
    const { bot, watched } = groupingBot()
    await bot.intake.acceptMany([
      m1,
      m2,
      // The same message twice in a burst (a redelivery), and one stored already (another account).
      m2,
      m3,
    ])
    await bot.intake.acceptMany([m3])
    watched.close()
    expect(storedIds(bot.db)).toEqual(['m1', 'm2', 'm3'])
    expect(countedFigures(bot.db)).toEqual(theirFigures)
    // One flush for the burst, after its rows were visible to another connection: committed.
    expect(watched.flushes[0]).toEqual({
      keys: ['reply-m1-0', 'reply-m2-0', 'reply-m3-0'],
      committed: ['m1', 'm2', 'm3'],
    })
    expect(watched.flushes.flatMap((f) => f.keys)).toHaveLength(3)
    // Handled to the end: nothing for a restart to handle again.
    expect(unhandledIds(bot.db)).toEqual([])
  })

  it('takes them one by one, through the journal, while another process holds the store', async () => {
    const file = join(tempDir(), 'redband.db')
    const bot = liveBot(file)
    open.push(bot)
    const lock = lockHolder(file)
    await bot.intake.acceptMany([m1, m2])
    expect(bot.intake.waiting).toBe(2)
    // A burst behind the journaled ones waits behind them, even once the lock is gone.
    lock.release()
    await bot.intake.acceptMany([m3])
    await waitFor('the journal drained', () => bot.intake.waiting === 0)
    expect(storedIds(bot.db)).toEqual(['m1', 'm2', 'm3'])
    expect([...bot.sent.keys()]).toEqual(['reply-m1-0', 'reply-m2-0', 'reply-m3-0'])
  })

  it('undoes a group whose handling failed and takes its messages one by one', async () => {
    const file = join(tempDir(), 'redband.db')
    const sent: string[] = []
    // The first receipt finds the store locked: the group is rolled back, then done singly.
    const bot = liveBot(file, {
      send: lockedSend(1, (items) => sent.push(...items.map((item) => item.key))),
    })
    open.push(bot)
    await bot.intake.acceptMany([m1, m2])
    expect(storedIds(bot.db)).toEqual(['m1', 'm2'])
    expect(countedFigures(bot.db)).toEqual([
      ['m1', '龙城派出所', 150],
      ['m2', '洛龙派出所', 118],
    ])
    expect(sent).toEqual(['reply-m1-0', 'reply-m2-0'])
    expect(readAudit(bot.db, { action: 'report' })).toHaveLength(2)
  })

  it('stores a burst in the order it came while the lock is taken for part of it', async () => {
    const file = join(tempDir(), 'redband.db')
    const bot = liveBot(file)
    open.push(bot)
    const lock = lockHolder(file)
    // The first burst finds the store locked; the second comes while the first waits.
    const first = bot.intake.acceptMany([m1, m2])
    const second = bot.intake.acceptMany([m3])
    setTimeout(() => lock.release(), 8)
    await Promise.all([first, second])
    await waitFor('the journal drained', () => bot.intake.waiting === 0)
    expect(storedIds(bot.db)).toEqual(['m1', 'm2', 'm3'])
    // Handled as stored, the second burst alongside the first (as single messages are).
    expect([...bot.sent.keys()].sort()).toEqual(['reply-m1-0', 'reply-m2-0', 'reply-m3-0'])
  })

  it('handles a command in a burst on its own, outside the group’s transaction', async () => {
    const file = join(tempDir(), 'redband.db')
    closeDb(openDb(file))
    const watched = watchedSends(file)
    const sentInTransaction: Array<[string, boolean]> = []
    const bot = liveBot(file, {
      groupSends: watched.sends,
      send: async (items) => {
        for (const item of items) sentInTransaction.push([item.key, bot.db.$client.inTransaction])
      },
    })
    open.push(bot)
    await bot.intake.acceptMany([m1, report('c1', '#工作通报'), m2])
    watched.close()
    expect(storedIds(bot.db)).toEqual(['m1', 'c1', 'm2'])
    // The command answered (a liaison may not ask for the bulletin) through the plain send.
    expect(sentInTransaction).toEqual([['reply-c1-0', false]])
    expect(watched.flushes.flatMap((f) => f.keys)).toEqual(['reply-m1-0', 'reply-m2-0'])
  })

  it('keeps the rest of a group when one message’s handling throws', async () => {
    const { bot, watched } = groupingBot()
    // A listener that fails on one message (the page, say): the message's own trouble only.
    bot.deps.onHandled = (inbound) => {
      if (inbound.id === 'm2') throw new Error('listener failed')
    }
    await bot.intake.acceptMany([m1, m2, m3])
    watched.close()
    expect(storedIds(bot.db)).toEqual(['m1', 'm2', 'm3'])
    expect(countedFigures(bot.db)).toEqual(theirFigures)
    // One group, committed whole: nothing was rolled back and done again one by one.
    expect(watched.flushes).toEqual([
      { keys: ['reply-m1-0', 'reply-m2-0', 'reply-m3-0'], committed: ['m1', 'm2', 'm3'] },
    ])
  })

  it('leaves a message put aside until the rooms are known unhandled, and handles it once they are', async () => {
    const { bot, watched } = groupingBot()
    // Just after a login: a room not bound may be a bound one whose id changed.
    const gate = createRoomGate(createLogger('silent'))
    bot.deps.roomGate = gate
    const stranger = {
      ...report('u1', '龙城所今日上岗 46 人'),
      roomId: 'new-id',
      roomTopic: '新群',
    }
    await bot.intake.acceptMany([m1, stranger])
    watched.close()
    // Stored with the group, its handling still to come (a restart would do it again).
    expect(storedIds(bot.db)).toEqual(['m1', 'u1'])
    expect(unhandledIds(bot.db)).toEqual(['u1'])
    await gate.open((inbound, saveMedia) => bot.intake.again(inbound, saveMedia))
    expect(unhandledIds(bot.db)).toEqual([])
  })

  it('leaves a message whose handling could not begin unhandled, for the next start', async () => {
    const { bot, watched } = groupingBot()
    // Its room could not be looked up: the message is stored, its handling never began.
    const strangeTopic = '查不到的群'
    const rooms = bot.deps.rooms
    bot.deps.rooms = {
      ...rooms,
      of: (inbound) => {
        if (inbound.roomTopic === strangeTopic) throw new Error('room directory failed')
        return rooms.of(inbound)
      },
    }
    const odd = { ...m2, roomTopic: strangeTopic }
    await bot.intake.acceptMany([m1, odd, m3])
    watched.close()
    expect(storedIds(bot.db)).toEqual(['m1', 'm2', 'm3'])
    expect(unhandledIds(bot.db)).toEqual(['m2'])
  })
})
