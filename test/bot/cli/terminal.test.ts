import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runCli } from '../../../bot/cli/run-cli.js'
import { closeDb, openDb } from '../../../db/client.js'
import { memoryIo } from '../../helpers/cli-io.js'
import { exampleRosterFile } from '../../helpers/fixtures.js'
import { hc, reportWriter } from '../../helpers/report-days.js'
import { tempDir } from '../../helpers/temp.js'

/** Streams in memory that stand for a terminal, as a shell gives one. */
function terminalIo(stdinText = '', env: Record<string, string> = {}) {
  const memory = memoryIo(stdinText, env)
  Object.assign(memory.io.stdout, { isTTY: true, columns: 100 })
  Object.assign(memory.io.stderr, { isTTY: true, columns: 100 })
  return memory
}

function exportFile(messages: number): string {
  const file = join(tempDir(), 'export.jsonl')
  const lines = Array.from({ length: messages }, (_, i) =>
    JSON.stringify({
      id: `m${i}`,
      time: '2026-10-12T08:30:00+08:00',
      room: '呈贡分局红袖标联络群',
      sender: '张三',
      text: `龙城所 ${100 + i}人`,
    }),
  )
  writeFileSync(file, `${lines.join('\n')}\n`)
  return file
}

function storeWithDays(): string {
  const file = join(tempDir(), 'redband.db')
  const db = openDb(file)
  const write = reportWriter(db, 'Asia/Shanghai')
  for (const day of ['2026-10-10', '2026-10-11', '2026-10-12'])
    write.report(day, '08:00', [hc('保安集团', 11000)])
  closeDb(db)
  return file
}

const escapes = /\x1b\[/

describe('progress on a terminal', () => {
  it('draws a bar with the rate and the time left while ingesting a file', async () => {
    const db = join(tempDir(), 'redband.db')
    const { io, out, err } = terminalIo()
    const argv = ['ingest', '--db', db, '--roster', exampleRosterFile, exportFile(50)]
    expect(await runCli(argv, io)).toBe(0)
    expect(err()).toMatch(/导入 \|[=-]+\| 100% \| 50 条 \| 每秒 \d+ 条 \| 剩余 \S+/)
    expect(out()).toMatch(
      /^已导入 50 条消息（0 条已存在，0 行未导入），用时 [\d.]+ 秒，每秒 \d+ 条\n$/,
    )
  })

  it('draws no bar where stderr is a pipe: only the summary line', async () => {
    const db = join(tempDir(), 'redband.db')
    const { io, out, err } = memoryIo()
    expect(
      await runCli(['ingest', '--db', db, '--roster', exampleRosterFile, exportFile(5)], io),
    ).toBe(0)
    expect(err()).toBe('')
    expect(out().split('\n')).toHaveLength(2)
  })

  it('draws a bar by days while exporting, then the files and a summary', async () => {
    const out = join(tempDir(), 'r.xlsx')
    const { io, out: stdout, err } = terminalIo()
    const argv = ['export', '--db', storeWithDays(), '--roster', exampleRosterFile]
    expect(
      await runCli([...argv, '--from', '2026-10-10', '--to', '2026-10-12', '--out', out], io),
    ).toBe(0)
    expect(err()).toMatch(/导出 \|[=-]+\| 100% \| 3\/3 天 \| 每秒 \d+ 天 \| 剩余 \S+/)
    expect(stdout()).toMatch(/\t\d+ 字节\n已导出 1 个文件，共 \d+ 字节，用时 [\d.]+ 秒\n$/)
  })
})

describe('colours', () => {
  const auditTable = async (io: ReturnType<typeof memoryIo>['io']) => {
    const db = storeWithDays()
    const ingest = memoryIo()
    await runCli(['ingest', '--db', db, '--roster', exampleRosterFile, exportFile(1)], ingest.io)
    expect(await runCli(['audit', '--db', db], io)).toBe(0)
  }

  it('never colours with NO_COLOR, even on a terminal', async () => {
    const { io, out } = terminalIo('', { NO_COLOR: '1' })
    await auditTable(io)
    expect(out()).toContain('操作人')
    expect(out()).not.toMatch(escapes)
  })

  it('never colours into a pipe', async () => {
    const { io, out } = memoryIo()
    await auditTable(io)
    expect(out()).toContain('操作人')
    expect(out()).not.toMatch(escapes)
  })

  it('says a parsed activity as the receipts do', async () => {
    const { io, out } = memoryIo('龙城所今日巡逻 40 次，排查隐患 2 起\n')
    expect(await runCli(['parse', '--roster', exampleRosterFile], io)).toBe(0)
    expect(out()).toContain('龙城派出所 巡逻 40 次')
    expect(out()).toContain('龙城派出所 排查隐患 2 起')
    expect(out()).toContain('上报')
  })
})
