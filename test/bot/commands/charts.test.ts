import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { chartsCommand } from '../../../bot/commands/charts.js'
import {
  bulletinChartItems,
  generatedDir,
  renderBulletinCharts,
} from '../../../jobs/tasks/bulletin-charts.js'
import { createLogger } from '../../../bot/logger.js'
import { openDb } from '../../../db/client.js'
import { commandContext } from '../../helpers/command-context.js'
import { writeExampleInspectionDay } from '../../helpers/inspection-days.js'
import { memoryLogger } from '../../helpers/memory-logger.js'
import { pngHeaderSize } from '../../helpers/png.js'
import { tempDir } from '../../helpers/temp.js'

const day = '2026-10-12'

function world(evidenceDir = join(tempDir(), 'data', 'evidence')) {
  const db = openDb(':memory:')
  writeExampleInspectionDay(db, 'Asia/Shanghai')
  return { db, evidenceDir, ...commandContext(db, { day, evidenceDir }) }
}

describe('generatedDir', () => {
  it('puts generated files beside the evidence folder', () => {
    expect(generatedDir('/srv/redband/data/evidence', 'exports')).toBe('/srv/redband/data/exports')
  })
})

describe('#图表', () => {
  it('sends the day’s chart as a PNG file into the room it was asked in', async () => {
    const { ctxFor, parsed, sent, replies, evidenceDir } = world()
    await chartsCommand.run(ctxFor('#图表'), parsed('#图表'))
    expect(replies).toEqual([])
    expect(sent).toHaveLength(1)
    const item = sent[0]!
    expect(item).toMatchObject({
      key: 'file-command-1-0',
      roomTopic: '红袖标指挥部',
      roomId: 'command-room',
      text: `bulletin chart ${day}`,
    })
    expect(item.filePath).toBe(
      join(generatedDir(evidenceDir, 'charts'), `红袖标图表_${day}_2100.png`),
    )
    expect(pngHeaderSize(readFileSync(item.filePath!)).width).toBe(1080)
  })

  it('says there is no data for a day with none, and sends no picture', async () => {
    const { ctxFor, parsed, sent, replies } = world()
    await chartsCommand.run(ctxFor('#图表 10月1日'), parsed('#图表 10月1日'))
    expect(sent).toEqual([])
    expect(replies).toEqual(['10月1日还没有上报或督导数据，不生成图表。'])
  })

  it('asks for a readable date', async () => {
    const { ctxFor, parsed, sent, replies } = world()
    await chartsCommand.run(ctxFor('#图表 13月1日'), parsed('#图表 13月1日'))
    expect(sent).toEqual([])
    expect(replies[0]).toContain('没看懂日期“13月1日”')
  })

  it('says the chart failed, and nothing else breaks, when it cannot be written', async () => {
    const root = tempDir()
    // The charts folder cannot be made: a file stands where it would go.
    writeFileSync(join(root, 'charts'), 'not a folder')
    const { ctxFor, parsed, sent, replies } = world(join(root, 'evidence'))
    await chartsCommand.run(ctxFor('#图表'), parsed('#图表'))
    expect(sent).toEqual([])
    expect(replies[0]).toContain('图表这次没有生成出来')
  })
})

describe('bulletin charts for the scheduled bulletins', () => {
  it('writes the chart of a day, and none for an empty day', async () => {
    const { deps } = world()
    const dir = tempDir()
    const { files } = await renderBulletinCharts(deps, day, { dir, asOf: '20:00' })
    expect(files).toEqual([join(dir, `红袖标图表_${day}_2000.png`)])
    expect(await renderBulletinCharts(deps, '2026-10-01', { dir })).toEqual({ files: [] })
  })

  it('gives one file item per room, keyed by the job', async () => {
    const { deps } = world()
    const items = await bulletinChartItems({ ...deps, log: createLogger('silent') }, day, {
      dir: tempDir(),
      rooms: [
        { id: 'r-command', topic: '红袖标指挥部', role: 'command' },
        { id: 'r-inspection', topic: '红袖标督导组', role: 'inspection' },
      ],
      jobId: `bulletins-${day}`,
      dueAt: 123,
    })
    expect(
      items.map((i) => [i.roomId, i.dueAt, i.key.startsWith(`bulletins-${day}-chart-`)]),
    ).toEqual([
      ['r-command', 123, true],
      ['r-inspection', 123, true],
    ])
    expect(new Set(items.map((i) => i.key)).size).toBe(2)
    expect(items[0]!.filePath).toBe(items[1]!.filePath)
  })

  it('gives no items, and logs why, when the chart fails: the text goes alone', async () => {
    const { deps } = world()
    const { log, lines } = memoryLogger()
    const root = tempDir()
    writeFileSync(join(root, 'charts'), 'not a folder')
    const items = await bulletinChartItems({ ...deps, log }, day, {
      dir: join(root, 'charts'),
      rooms: [{ id: 'r-command', topic: '红袖标指挥部', role: 'command' }],
      jobId: `bulletins-${day}`,
    })
    expect(items).toEqual([])
    expect(
      lines.some((l) => l.msg === 'bulletin chart could not be drawn; the text goes alone'),
    ).toBe(true)
  })
})
