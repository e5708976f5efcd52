import { existsSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runCli } from '../../../bot/cli/run-cli.js'
import { closeDb, openDb } from '../../../db/client.js'
import { memoryIo } from '../../helpers/cli-io.js'
import { tempDir } from '../../helpers/temp.js'

function store(): string {
  const file = join(tempDir(), 'redband.db')
  closeDb(openDb(file))
  return file
}

describe('redband backup --out', () => {
  it('creates the folders of the copy it writes', async () => {
    const out = join(tempDir(), 'backups', '2026-10-12', 'redband.db')
    const { io, out: printed, err } = memoryIo()
    expect(await runCli(['backup', '--db', store(), '--out', out], io)).toBe(0)
    // No photo folder was named: the copy is the store alone, and it says so.
    expect(err()).toContain('证据照片未备份')
    expect(printed()).toContain(`备份到 ${out}：完整性无误`)
    expect(existsSync(out)).toBe(true)
  })

  it('says so in one line when the folder cannot be made', async () => {
    const dir = tempDir()
    writeFileSync(join(dir, 'backups'), 'a file where the folder should be')
    const out = join(dir, 'backups', 'redband.db')
    const { io, err } = memoryIo()
    expect(await runCli(['backup', '--db', store(), '--out', out], io)).toBe(1)
    expect(err()).toBe(`无法创建文件夹 ${join(dir, 'backups')}（EEXIST）；请换一个 --out\n`)
  })
})
