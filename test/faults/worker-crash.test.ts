import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { existsSync, readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest'
import { closeDb, openDb, type Db } from '../../db/client.js'
import { insertOutbox } from '../../db/outbox.js'
import { tempDir } from '../helpers/temp.js'
import {
  REDIS_URL,
  bulletinFanOut,
  deleteRedisKeys,
  doubled,
  sleep,
  statusCounts,
  testPrefix,
  waitFor,
  type ChildSettings,
} from './fault-kit.js'

/**
 * The bot process SIGKILLed in the middle of a fan-out, on both queues: after a restart on the
 * same store every room has every part, and the one message that can come twice is the one
 * WeChat took just before the kill, before the store noted it as sent (db/outbox.ts,
 * handBackSending: the at-least-once window).
 */

const repoRoot = fileURLToPath(new URL('../..', import.meta.url))
const childEntry = fileURLToPath(new URL('./child-jobs.ts', import.meta.url))

/** A line of the WeChat file: a message WeChat took. */
interface Line {
  key: string
  room: string
  pid: number
  n: number
}

/** A bot process (child-jobs.ts): loaded at once, started on go(). */
interface Child {
  go(
    settings: Omit<ChildSettings, 'dbFile' | 'wechatFile' | 'redisUrl' | 'queuePrefix'>,
  ): Promise<void>
  /** What it wrote to stdout and stderr, for failure messages. */
  output(): string
  kill(): Promise<void>
  close(): Promise<void>
}

describe.each([
  { kind: 'embedded', redis: false },
  { kind: 'bullmq', redis: true },
])('the worker SIGKILLed mid-fan-out ($kind queue)', ({ redis }) => {
  let dir: string
  let dbFile: string
  let wechatFile: string
  let prefix: string
  let db: Db
  const children: Child[] = []

  beforeEach(() => {
    dir = tempDir('redband-crash-')
    dbFile = join(dir, 'redband.db')
    wechatFile = join(dir, 'wechat.jsonl')
    prefix = testPrefix()
    db = openDb(dbFile)
  })

  afterEach(async () => {
    await Promise.all(children.splice(0).map((child) => child.kill()))
    closeDb(db)
    if (redis) await deleteRedisKeys(prefix)
    rmSync(dir, { recursive: true, force: true })
  })

  /**
   * Loading a child takes most of its start (tsx), so two are kept loading ahead: a test takes
   * them, and the next test's load while it runs.
   */
  const spares: Child[] = []
  afterAll(() => Promise.all(spares.splice(0).map((child) => child.kill())))
  function takeChild(): Child {
    const child = spares.shift() ?? spawnChild()
    while (spares.length < 2) spares.push(spawnChild())
    children.push(child)
    return child
  }

  /** Spawns a bot process that loads its code and waits for go(). */
  function spawnChild(): Child {
    const proc = spawn(process.execPath, ['--import', 'tsx', childEntry], {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    })
    let output = ''
    proc.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()))
    proc.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()))
    const exited = once(proc, 'exit')
    const said = (word: string) =>
      new Promise<void>((resolve, reject) => {
        proc.on('message', (message) => message === word && resolve())
        void exited.then(([code, signal]) =>
          reject(new Error(`child exited (${code ?? signal}) before "${word}":\n${output}`)),
        )
      })
    const ready = said('ready')
    const started = said('started')
    ready.catch(() => {})
    started.catch(() => {})
    const alive = () => proc.exitCode === null && proc.signalCode === null
    const child: Child = {
      async go(settings) {
        await ready
        const go: ChildSettings = {
          dbFile,
          wechatFile,
          ...(redis ? { redisUrl: REDIS_URL, queuePrefix: prefix } : {}),
          ...settings,
        }
        proc.send({ go })
        await started
      },
      output: () => output,
      async kill() {
        if (!alive()) return
        proc.kill('SIGKILL')
        await exited
      },
      async close() {
        if (!alive()) return
        proc.send('close')
        const timer = setTimeout(() => proc.kill('SIGKILL'), 15_000)
        await exited
        clearTimeout(timer)
      },
    }
    return child
  }

  /** The process that crashes, and the one that takes over. */
  const twoChildren = () => ({ first: takeChild(), second: takeChild() })

  /** The lines WeChat has; a line still being written (no newline yet) is left for the next look. */
  function wechat(): Line[] {
    if (!existsSync(wechatFile)) return []
    const text = readFileSync(wechatFile, 'utf8')
    return text
      .slice(0, text.lastIndexOf('\n') + 1)
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => JSON.parse(line) as Line)
  }

  function fanOut(rooms: number, parts: number): string[] {
    const rows = bulletinFanOut(rooms, parts, Date.now())
    insertOutbox(db, rows)
    return rows.map((row) => row.key)
  }

  const state = (child: Child) => () =>
    `wechat has ${wechat().length}; outbox ${JSON.stringify(statusCounts(db))}\n${child.output()}`

  /** The second process starts on the same store, sends everything and is closed. */
  async function takeOver(second: Child, total: number, gapMs: number): Promise<Line[]> {
    await second.go({ gapMs })
    await waitFor('everything sent after the restart', () => statusCounts(db).sent === total, {
      timeoutMs: 20_000,
      state: state(second),
    })
    // A late duplicate, if any, would come now.
    await sleep(300)
    await second.close()
    return wechat()
  }

  /** The parts each room got, in the order of their first arrival. */
  function expectEveryRoomInOrder(lines: Line[], rooms: number, parts: string[]): void {
    const seen = new Set<string>()
    const byRoom = new Map<string, string[]>()
    for (const { key, room } of lines) {
      if (seen.has(key)) continue
      seen.add(key)
      byRoom.set(room, [...(byRoom.get(room) ?? []), key.replace(/.*-/, '')])
    }
    expect(byRoom.size).toBe(rooms)
    for (const [room, got] of byRoom) expect({ room, got }).toEqual({ room, got: parts })
  }

  const keysOf = (lines: Line[]) => lines.map((line) => line.key)

  it('killed after WeChat took a message and before the store noted it: that message comes twice, nothing else', async () => {
    const { first, second } = twoChildren()
    const keys = fanOut(40, 3)
    // The 26th send (room 8, part 2) hangs once WeChat has it; the test kills the process there.
    await first.go({ gapMs: 10, hangAfter: 26 })
    await waitFor('26 messages in WeChat', () => wechat().length === 26, { state: state(first) })
    await first.kill()
    expect(statusCounts(db)).toEqual({ pending: 94, sending: 1, sent: 25 })
    const inFlight = wechat().at(-1)?.key
    expect(inFlight).toBe('bulletin-2026-10-12-room8-part2')

    const lines = await takeOver(second, keys.length, 10)
    expect(new Set(keysOf(lines))).toEqual(new Set(keys))
    expect(doubled(keysOf(lines))).toEqual({ [inFlight!]: 2 })
    expect(lines).toHaveLength(keys.length + 1)
    expectEveryRoomInOrder(lines, 40, ['part1', 'part2', 'part3'])
  }, 30_000)

  /** The 26th send (room 8, part 2) is taken for sending, and the process dies before WeChat has it. */
  async function killBeforeWeChatTook(): Promise<{ keys: string[]; lines: Line[] }> {
    const { first, second } = twoChildren()
    const keys = fanOut(40, 3)
    await first.go({ gapMs: 10, hangBefore: 26 })
    await waitFor(
      'the 26th send in hand',
      () => {
        const { sent, sending } = statusCounts(db)
        return sent === 25 && sending === 1 && wechat().length === 25
      },
      { state: state(first) },
    )
    await first.kill()
    return { keys, lines: await takeOver(second, keys.length, 10) }
  }

  it('killed after taking a message and before WeChat had it: every message once', async () => {
    const { keys, lines } = await killBeforeWeChatTook()
    expect(doubled(keysOf(lines))).toEqual({})
    expect(keysOf(lines).sort()).toEqual([...keys].sort())
  }, 30_000)

  // The message handed back after the crash is untried again, so it keeps its place in the order.
  it('killed after taking a message and before WeChat had it: each room still gets its parts in order', async () => {
    const { lines } = await killBeforeWeChatTook()
    expectEveryRoomInOrder(lines, 40, ['part1', 'part2', 'part3'])
  }, 30_000)

  it('killed while idle between two sends: every message exactly once', async () => {
    const { first, second } = twoChildren()
    const keys = fanOut(8, 2)
    // A long gap: the kill lands well inside it, after the store noted the last send.
    await first.go({ gapMs: 250 })
    await waitFor(
      'idle after five sends',
      () => {
        const inWechat = wechat().length
        const { sent, sending } = statusCounts(db)
        return inWechat >= 5 && sent === inWechat && sending === 0
      },
      { state: state(first) },
    )
    await first.kill()
    expect(statusCounts(db)).toMatchObject({ sending: 0, sent: wechat().length })

    const lines = await takeOver(second, keys.length, 20)
    expect(doubled(keysOf(lines))).toEqual({})
    expect(keysOf(lines).sort()).toEqual([...keys].sort())
    expectEveryRoomInOrder(lines, 8, ['part1', 'part2'])
  }, 30_000)

  it('killed at whatever point the 60th send has reached: at most the last message taken comes twice', async () => {
    const { first, second } = twoChildren()
    const keys = fanOut(40, 3)
    // WeChat answers 3 ms after taking a message, so the kill may land in that window or not.
    await first.go({ gapMs: 5, ackMs: 3 })
    await waitFor('60 messages in WeChat', () => wechat().length >= 60, { state: state(first) })
    await sleep(2)
    await first.kill()
    const lastTaken = wechat().at(-1)?.key

    const lines = await takeOver(second, keys.length, 5)
    const twice = doubled(keysOf(lines))
    expect(new Set(keysOf(lines))).toEqual(new Set(keys))
    expect(Object.keys(twice).length).toBeLessThanOrEqual(1)
    for (const [key, times] of Object.entries(twice))
      expect({ key, times }).toEqual({ key: lastTaken, times: 2 })
    expect(lines).toHaveLength(keys.length + Object.keys(twice).length)
    expectEveryRoomInOrder(lines, 40, ['part1', 'part2', 'part3'])
  }, 30_000)
})
