import { execFile } from 'node:child_process'
import { existsSync, rmSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'

const root = fileURLToPath(new URL('../..', import.meta.url))

describe('npm run demo', () => {
  it('plays a whole day offline in well under a minute and ends with the bulletins, kept with --keep', async () => {
    const started = Date.now()
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', 'bot/demo/main.ts', '--keep'],
      {
        cwd: root,
        timeout: 60_000,
        env: { ...process.env, LOG_LEVEL: 'silent' },
      },
    )
    expect(Date.now() - started).toBeLessThan(60_000)
    for (const moment of [
      '早上好',
      '还未上报',
      '未报提醒',
      '已登记',
      '已更正',
      '暂未计入',
      '只能由指挥部使用',
      '运维确认了 6 个群',
      '未获授权',
      '有一个新群也叫「红袖标指挥部」',
    ]) {
      expect(stdout).toContain(moment)
    }
    const work = stdout.slice(stdout.lastIndexOf('红袖标工作情况通报'))
    expect(work).toMatch(/^红袖标工作情况通报（\d+月\d+日）/)
    expect(work).toContain('迟报')
    const inspection = stdout.slice(stdout.lastIndexOf('红袖标督导情况通报'))
    for (const part of [
      '见勤率',
      '管事率',
      '覆盖率',
      '巡逻指数',
      '比学赶超',
      '未按时回复单位',
      '发现问题',
      '表扬',
      '明日重点',
    ]) {
      expect(inspection).toContain(part)
    }
    expect(stdout).toMatch(/🤖 → 红袖标指挥部\n\s+\[文件\] 红袖标图表_\d{4}-\d{2}-\d{2}_2000\.png/)
    expect(stdout).toMatch(/The day's export: .+\.xlsx/)
    expect(stdout).toContain('The day is over')
    // Kept: it says where the chart and the export are.
    const kept = /^Kept (\S+):$/m.exec(stdout)![1]!
    const chart = /the evening chart: (\S+\.png)$/m.exec(stdout)![1]!
    const exported = /the day's export: (\S+\.xlsx)$/m.exec(stdout)![1]!
    for (const file of [chart, exported]) {
      expect(file.startsWith(kept)).toBe(true)
      expect(existsSync(file)).toBe(true)
    }
    rmSync(kept, { recursive: true, force: true })
  }, 70_000)
})
