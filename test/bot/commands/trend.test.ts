import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { trendCommand, trendDaysArg } from '../../../bot/commands/trend.js'
import { openDb } from '../../../db/client.js'
import { commandContext } from '../../helpers/command-context.js'
import { pngHeaderSize } from '../../helpers/png.js'
import { hc, reportWriter } from '../../helpers/report-days.js'
import { tempDir } from '../../helpers/temp.js'

const day = '2026-10-12'

function world() {
  const db = openDb(':memory:')
  const write = reportWriter(db, 'Asia/Shanghai')
  write.report('2026-10-10', '08:00', [hc('保安集团', 11000)])
  write.report(day, '08:00', [hc('保安集团', 12000)])
  return commandContext(db, { day, evidenceDir: join(tempDir(), 'evidence') })
}

describe('trendDaysArg', () => {
  it.each([
    ['', 7],
    ['14天', 14],
    ['近3天', 3],
    ['七天', 7],
    ['１０日', 10],
    ['31', 31],
  ])('reads “%s” as %i days', (written, days) => {
    expect(trendDaysArg(written)).toBe(days)
  })

  it.each(['0天', '32天', '1.5天', '一周', '很多天'])(
    'reads no number of days in “%s”',
    (written) => {
      expect(trendDaysArg(written)).toBeUndefined()
    },
  )
})

describe('#趋势', () => {
  it('sends the trend of the last days as a picture', async () => {
    const { ctxFor, parsed, sent, replies } = world()
    await trendCommand.run(ctxFor('#趋势 5天'), parsed('#趋势 5天'))
    expect(replies).toEqual([])
    expect(sent).toHaveLength(1)
    expect(sent[0]!.filePath).toMatch(/红袖标趋势_2026-10-08_2026-10-12\.png$/)
    expect(pngHeaderSize(readFileSync(sent[0]!.filePath!))).toEqual({ width: 1080, height: 800 })
  })

  it('says there is no data when none of the days has a total', async () => {
    const { ctxFor, parsed, sent, replies } = world()
    await trendCommand.run(ctxFor('#趋势 1天'), parsed('#趋势 1天'))
    expect(sent).toHaveLength(1)
    const empty = commandContext(openDb(':memory:'), { day, evidenceDir: tempDir() })
    await trendCommand.run(empty.ctxFor('#趋势'), empty.parsed('#趋势'))
    expect(empty.sent).toEqual([])
    expect(empty.replies).toEqual(['10月6日至10月12日还没有上报或督导数据，不生成趋势图。'])
    expect(replies).toEqual([])
  })

  it('shows how to ask for a number of days', async () => {
    const { ctxFor, parsed, sent, replies } = world()
    await trendCommand.run(ctxFor('#趋势 一周'), parsed('#趋势 一周'))
    expect(sent).toEqual([])
    expect(replies).toEqual([
      '没看懂“一周”。请这样写：#趋势 7天（最多 31 天），不写天数就是近 7 天。',
    ])
  })
})
