import { readFileSync } from 'node:fs'
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
    expect(out()).toContain('ingested 2 messages (1 already stored')
    const again = memoryIo(lines.join('\n'))
    await runCli(['ingest', '--db', db, '--roster', exampleRosterFile], again.io)
    expect(again.out()).toContain('ingested 0 messages (3 already stored')
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
    expect(out()).toContain('ingested 3 messages')
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

  it('skips unreadable lines, says which, and exits 1', async () => {
    const db = join(tempDir(), 'redband.db')
    const { io, err } = memoryIo(
      ['{"id":"x"}', 'not json', exportLine('c', '龙城所 150人')].join('\n'),
    )
    expect(await runCli(['ingest', '--db', db, '--roster', exampleRosterFile], io)).toBe(1)
    expect(err()).toMatch(/line 1: skipped, "time" is missing/)
    expect(err()).toMatch(/line 2: skipped/)
  })

  it('names the missing options', async () => {
    const { io, err } = memoryIo('')
    expect(await runCli(['ingest'], io)).toBe(2)
    expect(err()).toContain('ingest needs --db FILE and --roster FILE')
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
    expect(err()).toContain('cannot read the file (ENOENT)')
  })
})
