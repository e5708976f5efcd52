import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { photosCommand } from '../../../bot/cli/photos.js'
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
    const args = ['--db', db, '--evidence-dir', evidence, '--date', '2026-10-12', '--out', out]
    // The photo that failed to save at the time has no file to copy.
    expect(await photosCommand(args, io)).toBe(1)
    expect(stdout()).toBe(`copied 3 photos of 2026-10-12 into 2 unit folders under ${out}\n`)
    expect(err()).toBe('missing: (not saved) 晋宁分局红袖标联络群 sun名\n')
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
    await photosCommand(
      ['--db', db, '--evidence-dir', evidence, '--date', '2026-10-12', '--out', out],
      io,
    )
    expect(err()).toContain('missing: 2026-10-12/龙城派出所/photo-longcheng.jpg')
    expect(existsSync(join(out, '洛龙派出所', 'photo-luolong.jpg'))).toBe(true)
  })

  it('copies nothing from a day without photos', async () => {
    const { db, evidence } = store()
    const { io, out } = memoryIo()
    const args = [
      '--db',
      db,
      '--evidence-dir',
      evidence,
      '--date',
      '2026-10-01',
      '--out',
      tempDir(),
    ]
    expect(await photosCommand(args, io)).toBe(0)
    expect(out()).toMatch(/^copied 0 photos of 2026-10-01/)
  })

  it('explains its usage mistakes', async () => {
    const { io } = memoryIo()
    await expect(photosCommand(['--db', 'x.db'], io)).rejects.toThrow('photos needs --db FILE')
    await expect(
      photosCommand(['--db', 'x', '--evidence-dir', 'e', '--date', '12/10', '--out', 'o'], io),
    ).rejects.toThrow('--date 12/10 is not a date')
  })
})
