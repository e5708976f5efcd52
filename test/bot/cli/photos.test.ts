import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it, onTestFinished, vi } from 'vitest'
import { runCli } from '../../../bot/cli/run-cli.js'
import { closeDb, openDb } from '../../../db/client.js'
import { memoryIo } from '../../helpers/cli-io.js'
import { writeExampleEvidence } from '../../helpers/evidence-days.js'
import { writeExampleInspectionDay } from '../../helpers/inspection-days.js'
import { tempDir } from '../../helpers/temp.js'

function store() {
  const dir = tempDir()
  const db = openDb(join(dir, 'redband.db'))
  writeExampleInspectionDay(db, 'Asia/Shanghai')
  writeExampleEvidence(db, 'Asia/Shanghai', join(dir, 'evidence'))
  closeDb(db)
  return { db: join(dir, 'redband.db'), evidence: join(dir, 'evidence') }
}

describe('photos', () => {
  it('copies a day’s photos into a folder per unit, keeping their names', async () => {
    const { db, evidence } = store()
    const out = join(tempDir(), 'photos')
    const { io, out: stdout, err } = memoryIo()
    const args = [
      'photos',
      '--db',
      db,
      '--evidence-dir',
      evidence,
      '--date',
      '2026-10-12',
      '--out',
      out,
    ]
    // The photo that failed to save at the time has no file to copy.
    expect(await runCli(args, io)).toBe(1)
    expect(stdout()).toBe(`已把 2026-10-12 的 3 张照片复制到 ${out} 下的 2 个单位文件夹\n`)
    expect(err()).toBe('缺少照片：（未保存）晋宁分局红袖标联络群 sun名\n')
    expect(readdirSync(out).sort()).toEqual(['洛龙派出所', '龙城派出所'].sort())
    expect(readdirSync(join(out, '洛龙派出所')).sort()).toEqual([
      'photo-luolong.jpg',
      'photo-other.jpg',
    ])
    expect(readFileSync(join(out, '龙城派出所', 'photo-longcheng.jpg'), 'utf8')).toBe(
      'jpeg of photo-longcheng',
    )
  })

  it('names a photo whose file is gone, and copies the rest', async () => {
    const { db, evidence } = store()
    rmSync(join(evidence, '2026-10-12', '龙城派出所', 'photo-longcheng.jpg'))
    const out = join(tempDir(), 'photos')
    const { io, err } = memoryIo()
    await runCli(
      ['photos', '--db', db, '--evidence-dir', evidence, '--date', '2026-10-12', '--out', out],
      io,
    )
    expect(err()).toContain('缺少照片：2026-10-12/龙城派出所/photo-longcheng.jpg')
    expect(existsSync(join(out, '洛龙派出所', 'photo-luolong.jpg'))).toBe(true)
  })

  it('copies nothing from a day without photos', async () => {
    const { db, evidence } = store()
    const { io, out } = memoryIo()
    const args = [
      'photos',
      '--db',
      db,
      '--evidence-dir',
      evidence,
      '--date',
      '2026-10-01',
      '--out',
      tempDir(),
    ]
    expect(await runCli(args, io)).toBe(0)
    expect(out()).toMatch(/^已把 2026-10-01 的 0 张照片/)
  })

  it('explains its usage mistakes', async () => {
    const missing = memoryIo()
    expect(await runCli(['photos', '--db', 'x.db'], missing.io)).toBe(2)
    expect(missing.err()).toContain('需要 --evidence-dir 文件夹')
    const bad = memoryIo()
    const args = ['--db', 'x', '--evidence-dir', 'e', '--date', '13月40日', '--out', 'o']
    expect(await runCli(['photos', ...args], bad.io)).toBe(2)
    expect(bad.err()).toContain('--date "13月40日" 不是日期')
  })

  it('reads --date as the chat commands do', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: Date.parse('2026-10-13T10:00:00+08:00') })
    onTestFinished(() => void vi.useRealTimers())
    const { db, evidence } = store()
    const { io, out } = memoryIo()
    const args = ['--db', db, '--evidence-dir', evidence, '--date', '10月12日', '--out', tempDir()]
    await runCli(['photos', ...args], io)
    expect(out()).toMatch(/^已把 2026-10-12 的 3 张照片/)
  })
})
