import { describe, expect, it } from 'vitest'
import { rankingCommand } from '../../../bot/commands/ranking.js'
import { openDb } from '../../../db/client.js'
import { defaultSchedule } from '../../../src/schedule/schedule.js'
import { commandContext } from '../../helpers/command-context.js'
import { inspectionWriter, writeExampleInspectionDay } from '../../helpers/inspection-days.js'
import { tempDir } from '../../helpers/temp.js'

describe('#评比', () => {
  it('names the candidates over the security period so far', async () => {
    const db = openDb(':memory:')
    writeExampleInspectionDay(db, 'Asia/Shanghai')
    inspectionWriter(db, 'Asia/Shanghai').note(
      '2026-10-12',
      '17:00',
      'commendation',
      '帮助走失儿童找到家人',
      {
        unit: '龙城派出所',
        subject: '李明',
      },
    )
    const { ctxFor, parsed, replies, sent } = commandContext(db, {
      day: '2026-10-12',
      evidenceDir: tempDir(),
      schedule: { ...defaultSchedule, event: { start: '2026-10-11', end: '2026-10-31' } },
    })
    await rankingCommand.run(ctxFor('#评比'), parsed('#评比'))
    expect(sent).toEqual([])
    expect(replies).toHaveLength(1)
    const text = replies[0]!
    expect(text).toContain('红袖标评比参考（10月11日至10月12日，共 2 天）')
    expect(text).toContain('1. 昆阳派出所（晋宁分局） 达标 1/2 天，见勤 100%，管事 100%')
    expect(text).toContain('先进个人候选')
    expect(text).toContain('李红（昆阳派出所） 表扬 1 次：主动调解摊贩纠纷')
    expect(text).toContain(
      '最暖红袖标候选（为群众办实事）：\n1. 李明（龙城派出所） 暖心事迹 1 件：帮助走失儿童找到家人',
    )
  })

  it('says there is nothing to rank before anything was recorded', async () => {
    const { ctxFor, parsed, replies } = commandContext(openDb(':memory:'), {
      day: '2026-10-12',
      evidenceDir: tempDir(),
    })
    await rankingCommand.run(ctxFor('#评比'), parsed('#评比'))
    expect(replies).toEqual(['活动期间还没有上报或督导数据，暂无评比结果。'])
  })
})
