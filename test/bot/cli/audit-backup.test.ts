import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runCli } from '../../../bot/cli/run-cli.js'
import { audit } from '../../../db/audit.js'
import { closeDb, openDb } from '../../../db/client.js'
import { reports } from '../../../db/schema.js'
import { memoryIo } from '../../helpers/cli-io.js'
import { hc, reportWriter } from '../../helpers/report-days.js'
import { tempDir } from '../../helpers/temp.js'

function storeWithHistory(): string {
  const file = join(tempDir(), 'redband.db')
  const db = openDb(file)
  const write = reportWriter(db, 'Asia/Shanghai')
  write.report('2026-10-12', '08:00', [hc('龙城派出所', 150)])
  const entry = { actorName: '张三', roomTopic: '呈贡分局红袖标联络群', messageId: null }
  audit(db, {
    ...entry,
    at: Date.parse('2026-10-12T08:00:00+08:00'),
    actorId: 'zhang',
    action: 'report',
    target: '龙城派出所',
    after: { count: 150 },
  })
  audit(db, {
    ...entry,
    at: Date.parse('2026-10-12T09:10:00+08:00'),
    actorId: 'zhang',
    action: 'correction',
    target: '龙城派出所',
    before: { count: 150 },
    after: { count: 155 },
  })
  audit(db, {
    ...entry,
    at: Date.parse('2026-10-13T08:00:00+08:00'),
    actorId: 'li',
    action: 'command',
    target: '工作通报',
    after: { args: [] },
  })
  closeDb(db)
  return file
}

describe('redband audit', () => {
  it('prints the log as JSON lines, filtered by day, actor and target', async () => {
    const db = storeWithHistory()
    const { io, out } = memoryIo()
    expect(
      await runCli(
        ['audit', '--db', db, '--from', '2026-10-12', '--to', '2026-10-12', '--json'],
        io,
      ),
    ).toBe(0)
    const rows = out()
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l))
    expect(rows.map((r) => [r.action, r.before, r.after])).toEqual([
      ['report', null, { count: 150 }],
      ['correction', { count: 150 }, { count: 155 }],
    ])
    const byActor = memoryIo()
    await runCli(['audit', '--db', db, '--actor', 'li', '--json'], byActor.io)
    expect(byActor.out().trim().split('\n')).toHaveLength(1)
    const table = memoryIo()
    await runCli(['audit', '--db', db, '--target', '龙城派出所'], table.io)
    expect(table.out()).toContain('correction')
    expect(table.out()).toContain('2026-10-12 09:10')
  })

  it('reads dates as the chat commands do, and names a bad one', async () => {
    const db = storeWithHistory()
    const chinese = memoryIo()
    await runCli(
      ['audit', '--db', db, '--from', '2026年10月12日', '--to', '2026/10/12', '--json'],
      chinese.io,
    )
    expect(chinese.out().trim().split('\n')).toHaveLength(2)
    const { io, err } = memoryIo()
    expect(await runCli(['audit', '--db', db, '--from', '10月32日'], io)).toBe(2)
    expect(err()).toBe(
      '--from "10月32日" 不是日期，可以写 2026-10-12、10月12日、昨天；用法见 redband audit --help\n',
    )
  })
})

describe('redband backup', () => {
  it('copies a live store consistently, checks it, and the copy opens with its data', async () => {
    const source = storeWithHistory()
    const live = openDb(source)
    const out = join(tempDir(), 'backup.db')
    const { io, out: printed } = memoryIo()
    expect(await runCli(['backup', '--db', source, '--out', out], io)).toBe(0)
    closeDb(live)
    expect(printed()).toMatch(/完整性无误；.*reports 1/)
    const copy = openDb(out)
    expect(
      copy
        .select()
        .from(reports)
        .all()
        .map((r) => r.count),
    ).toEqual([150])
    closeDb(copy)
  })

  it('never overwrites an existing file', async () => {
    const source = storeWithHistory()
    const out = join(tempDir(), 'backup.db')
    await runCli(['backup', '--db', source, '--out', out], memoryIo().io)
    const again = memoryIo()
    expect(await runCli(['backup', '--db', source, '--out', out], again.io)).toBe(1)
    expect(again.err()).toContain('已存在；请换一个新文件名')
    expect(existsSync(out)).toBe(true)
  })

  it('copies the evidence photos beside the store, from --evidence-dir or REDBAND_EVIDENCE_DIR', async () => {
    const source = storeWithHistory()
    const evidence = join(tempDir(), 'evidence')
    mkdirSync(join(evidence, '2026-10-12', '龙城派出所'), { recursive: true })
    writeFileSync(join(evidence, '2026-10-12', '龙城派出所', 'p1.jpg'), 'jpeg')
    const out = join(tempDir(), 'redband-2026-10-12.db')
    const { io, out: printed } = memoryIo('', { REDBAND_EVIDENCE_DIR: evidence })
    expect(await runCli(['backup', '--db', source, '--out', out], io)).toBe(0)
    const copied = join(dirname(out), 'redband-2026-10-12-evidence', '2026-10-12', '龙城派出所')
    expect(readFileSync(join(copied, 'p1.jpg'), 'utf8')).toBe('jpeg')
    expect(printed()).toContain('已把证据照片')
    expect(printed()).toContain('1 个文件')

    const flagged = join(tempDir(), 'b.db')
    const plain = memoryIo()
    expect(
      await runCli(
        ['backup', '--db', source, '--out', flagged, '--evidence-dir', evidence],
        plain.io,
      ),
    ).toBe(0)
    expect(existsSync(join(dirname(flagged), 'b-evidence', '2026-10-12'))).toBe(true)
  })

  it('says when the photos were left out, and refuses a photo folder that is not there', async () => {
    const source = storeWithHistory()
    const storeOnly = memoryIo()
    expect(
      await runCli(['backup', '--db', source, '--out', join(tempDir(), 'a.db')], storeOnly.io),
    ).toBe(0)
    expect(storeOnly.err()).toContain('证据照片未备份')
    const missing = memoryIo()
    const argv = ['backup', '--db', source, '--out', join(tempDir(), 'c.db')]
    expect(await runCli([...argv, '--evidence-dir', '/nonexistent/evidence'], missing.io)).toBe(1)
    expect(missing.err()).toContain('没有照片文件夹 /nonexistent/evidence')
  })
})
