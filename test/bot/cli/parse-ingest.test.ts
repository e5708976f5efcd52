import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runCli } from '../../../bot/cli/run-cli.js'
import { closeDb, openDb } from '../../../db/client.js'
import { messages, reports } from '../../../db/schema.js'
import { memoryIo } from '../../helpers/cli-io.js'
import { exampleRosterFile, fixturePath } from '../../helpers/fixtures.js'
import { tempDir } from '../../helpers/temp.js'

describe('redband parse', () => {
  it('prints one JSON line per input line with the headcount records', async () => {
    const input = readFileSync(fixturePath('messages.sample.jsonl'), 'utf8')
    const { io, out } = memoryIo(input)
    expect(await runCli(['parse', '--roster', exampleRosterFile, '--json'], io)).toBe(0)
    const lines = out()
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { kind: string; records: unknown[] })
    const expected = input
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { expect: Array<[string, number]> })
    expect(lines).toHaveLength(expected.length)
    lines.forEach((line, i) => {
      expect(
        line.records.map((r) => [(r as { unit: string }).unit, (r as { count: number }).count]),
      ).toEqual(expected[i]!.expect)
    })
    expect(lines[0]).toEqual({
      kind: 'report',
      records: [{ unit: '龙城派出所', count: 150, approx: false, points: 10 }],
      activities: [],
      correction: false,
      held: [],
      unknown: [],
    })
    expect(lines.find((l) => l.kind === 'command')).toBeDefined()
  })

  it('reads plain text lines, with no room', async () => {
    const { io, out } = memoryIo('龙城所 150人\n收到\n')
    await runCli(['parse', '--roster', exampleRosterFile, '--json'], io)
    expect(
      out()
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l).kind),
    ).toEqual(['report', 'chatter'])
  })

  it('prints a readable table by default', async () => {
    const { io, out } = memoryIo('龙城所今日上岗150人，点位10个\n')
    await runCli(['parse', '--roster', exampleRosterFile], io)
    expect(out()).toContain('龙城派出所 150人 点位10')
  })

  it('explains with --explain which rule kept or dropped each figure', async () => {
    const { io, out } = memoryIo(
      '{"room":"呈贡分局红袖标联络群","text":"龙城所疏导群众40人"}\n洛龙所上岗118人\n',
    )
    expect(await runCli(['parse', '--roster', exampleRosterFile, '--explain'], io)).toBe(0)
    const text = out()
    expect(text).toContain('龙城所〈unit 龙城派出所〉')
    expect(text).toMatch(/40人 → dropped: police, the public/)
    expect(text).toMatch(/118人 → .*洛龙派出所/)
  })
})

describe('redband ingest', () => {
  const exportLine = (id: string, text: string, room = '呈贡分局红袖标联络群') =>
    JSON.stringify({ id, time: '2026-10-12T08:30:00+08:00', room, sender: '张三', text })

  it('stores an export through the live path, once per message id', async () => {
    const db = join(tempDir(), 'redband.db')
    const lines = [
      exportLine('a', '龙城所 150人'),
      exportLine('b', '洛龙所 118人'),
      exportLine('a', '龙城所 150人'),
      '',
    ]
    const { io, out } = memoryIo(lines.join('\n'))
    expect(await runCli(['ingest', '--db', db, '--roster', exampleRosterFile], io)).toBe(0)
    expect(out()).toMatch(
      /^已导入 2 条消息（1 条已存在，0 行未导入），用时 [\d.]+ 秒，每秒 \d+ 条\n$/,
    )
    const again = memoryIo(lines.join('\n'))
    await runCli(['ingest', '--db', db, '--roster', exampleRosterFile], again.io)
    expect(again.out()).toContain('已导入 0 条消息（3 条已存在')
    const store = openDb(db)
    expect(store.select().from(messages).all()).toHaveLength(2)
    expect(
      store
        .select()
        .from(reports)
        .all()
        .map((r) => [r.unit, r.count, r.day]),
    ).toEqual([
      ['龙城派出所', 150, '2026-10-12'],
      ['洛龙派出所', 118, '2026-10-12'],
    ])
    closeDb(store)
  })

  it('replays #确认 (it changes figures) and answers nobody', async () => {
    const db = join(tempDir(), 'redband.db')
    const lines = [
      exportLine('a', '龙城所今日上岗 1500 人'),
      exportLine('b', '#确认'),
      exportLine('c', '#工作通报', '红袖标指挥部'),
    ]
    const { io, out } = memoryIo(lines.join('\n'))
    await runCli(['ingest', '--db', db, '--roster', exampleRosterFile], io)
    expect(out()).toContain('已导入 3 条消息')
    const store = openDb(db)
    expect(
      store
        .select()
        .from(reports)
        .all()
        .map((r) => [r.unit, r.count, r.status]),
    ).toEqual([['龙城派出所', 1500, 'counted']])
    closeDb(store)
  })

  it('refuses bad lines by number with the reason, stores the good ones, and exits 1', async () => {
    const db = join(tempDir(), 'redband.db')
    const { io, out, err } = memoryIo(
      ['{"id":"x"}', 'not json', exportLine('c', '龙城所 150人')].join('\n'),
    )
    expect(await runCli(['ingest', '--db', db, '--roster', exampleRosterFile], io)).toBe(1)
    expect(err()).toMatch(/第 1 行未导入："room" 缺失或不是字符串/)
    expect(err()).toMatch(/第 2 行未导入：不是 JSON 对象/)
    expect(out()).toContain('已导入 1 条消息（0 条已存在，2 行未导入）')
    const store = openDb(db)
    expect(
      store
        .select()
        .from(messages)
        .all()
        .map((m) => m.id),
    ).toEqual(['c'])
    closeDb(store)
  })

  const line = (fields: Record<string, unknown>) =>
    JSON.stringify({
      id: 'm1',
      time: '2026-10-12T08:03:00+08:00',
      room: '呈贡分局红袖标联络群',
      sender: '张三',
      text: '龙城所 150人',
      ...fields,
    })

  it.each([
    ['an offset', { time: '2026-10-12T08:03:00+08:00' }, '2026-10-12T00:03:00.000Z'],
    ['Z', { time: '2026-10-12T00:03:00Z' }, '2026-10-12T00:03:00.000Z'],
    [
      'minutes only, offset without colon',
      { time: '2026-10-12T08:03+0800' },
      '2026-10-12T00:03:00.000Z',
    ],
    [
      'fractions of a second',
      { time: '2026-10-12T08:03:00.250+08:00' },
      '2026-10-12T00:03:00.250Z',
    ],
    ['a negative offset', { time: '2026-10-11T19:03:00-05:00' }, '2026-10-12T00:03:00.000Z'],
  ])('takes a time with %s', async (_, fields, instant) => {
    const db = join(tempDir(), 'redband.db')
    const { io } = memoryIo(line(fields))
    expect(await runCli(['ingest', '--db', db, '--roster', exampleRosterFile], io)).toBe(0)
    const store = openDb(db)
    expect(new Date(store.select().from(messages).get()!.sentAt).toISOString()).toBe(instant)
    closeDb(store)
  })

  it.each([
    [
      'a time without an offset',
      { time: '2026-10-12T08:03:00' },
      /"time" "2026-10-12T08:03:00" 不是带时区偏移的 ISO 8601 时间/,
    ],
    ['words', { time: 'yesterday at 8' }, /"time" "yesterday at 8" 不是带时区偏移的 ISO 8601 时间/],
    [
      'a date that is not in the calendar',
      { time: '2026-02-30T08:03:00+08:00' },
      /"time" "2026-02-30T08:03:00\+08:00" 不是/,
    ],
    ['an hour past 23', { time: '2026-10-12T24:30:00+08:00' }, /"time" .* 不是/],
    [
      'epoch milliseconds',
      { time: 1791763380000 },
      /"time" 1791763380000 不是带时区偏移的 ISO 8601 时间/,
    ],
    ['a date alone', { time: '2026-10-12' }, /"time" "2026-10-12" 不是/],
    ['no time', { time: undefined }, /"time" null 不是/],
    ['an empty id', { id: '' }, /"id" 为空/],
    ['a blank room', { room: '  ' }, /"room" 为空/],
    ['a numeric sender', { sender: 42 }, /"sender" 缺失或不是字符串/],
    ['no text', { text: undefined }, /"text" 缺失或不是字符串/],
  ])('refuses %s, naming the line', async (_, fields, reason) => {
    const db = join(tempDir(), 'redband.db')
    const good = line({ id: 'good' })
    const { io, out, err } = memoryIo([good, line(fields)].join('\n'))
    expect(await runCli(['ingest', '--db', db, '--roster', exampleRosterFile], io)).toBe(1)
    expect(err()).toMatch(new RegExp(`^第 2 行未导入：${reason.source}`, 'm'))
    expect(out()).toContain('已导入 1 条消息（0 条已存在，1 行未导入）')
  })

  it('reads the export from a file named after the options', async () => {
    const dir = tempDir()
    const file = join(dir, 'export.jsonl')
    writeFileSync(
      file,
      [exportLine('a', '龙城所 150人'), exportLine('b', '洛龙所 118人')].join('\n') + '\n',
    )
    const { io, out } = memoryIo('')
    expect(
      await runCli(
        ['ingest', '--db', join(dir, 'redband.db'), '--roster', exampleRosterFile, file],
        io,
      ),
    ).toBe(0)
    expect(out()).toContain('已导入 2 条消息')
  })

  it('says so when the file cannot be read', async () => {
    const dir = tempDir()
    const { io, err } = memoryIo('')
    const missing = join(dir, 'no-such-export.jsonl')
    expect(
      await runCli(
        ['ingest', '--db', join(dir, 'redband.db'), '--roster', exampleRosterFile, missing],
        io,
      ),
    ).toBe(1)
    expect(err()).toBe(`无法读取 ${missing}（ENOENT）：请给出聊天记录文件，或从标准输入传入\n`)
    expect(existsSync(join(dir, 'redband.db'))).toBe(false)
  })

  it('says it reads stdin when stdin is a terminal', async () => {
    const { io, err } = memoryIo('')
    Object.assign(io.stdin, { isTTY: true })
    const db = join(tempDir(), 'redband.db')
    expect(await runCli(['ingest', '--db', db, '--roster', exampleRosterFile], io)).toBe(0)
    expect(err()).toContain('从标准输入读取聊天记录')
    const piped = memoryIo('')
    await runCli(['ingest', '--db', db, '--roster', exampleRosterFile], piped.io)
    expect(piped.err()).toBe('')
  })

  it('names the missing options', async () => {
    const { io, err } = memoryIo('')
    expect(await runCli(['ingest'], io)).toBe(2)
    expect(err()).toBe('需要 --db 文件（或设置 REDBAND_DB）；用法见 redband ingest --help\n')
  })
})

describe('redband roster check', () => {
  it('prints the tree of a good roster', async () => {
    const { io, out } = memoryIo()
    expect(await runCli(['roster', 'check', exampleRosterFile], io)).toBe(0)
    expect(out()).toContain('└─ 吴家营派出所（又名 吴家营所，目标 200，点位 12，每日上报）')
  })

  it('names the problem of a bad roster and exits 1', async () => {
    const { io, err } = memoryIo()
    expect(await runCli(['roster', 'check', '/no/such/roster.yaml'], io)).toBe(1)
    expect(err()).toContain('名册 /no/such/roster.yaml 不能用：\n  - 读不了名册文件（ENOENT）')
  })
})
