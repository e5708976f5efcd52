import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runCli } from '../../../bot/cli/run-cli.js'
import { closeDb, openDb } from '../../../db/client.js'
import { storeMessage } from '../../../db/messages.js'
import { addReviewItem, settleReviewItem } from '../../../db/review.js'
import { instantOf } from '../../../src/time/zoned.js'
import { memoryIo } from '../../helpers/cli-io.js'
import { exampleRosterFile } from '../../helpers/fixtures.js'
import { tempDir } from '../../helpers/temp.js'

const zone = 'Asia/Shanghai'

/** A store with three messages listed for review on 12 October (one dismissed) and one on the 11th. */
function storeWithReview(): string {
  const file = join(tempDir(), 'redband.db')
  const db = openDb(file)
  const rows: Array<[string, string, string, string, string, string[], string]> = [
    [
      'm1',
      '2026-10-12',
      '09:12',
      '龙城派出所红袖标群',
      '刚才报的少算了三个',
      ['龙城派出所'],
      'correction without the new figure',
    ],
    [
      'm2',
      '2026-10-12',
      '10:05',
      '行业部门联络群',
      '马今铺所上岗100人',
      ['马金铺派出所'],
      'unit name close to 马金铺派出所',
    ],
    ['m3', '2026-10-12', '10:30', '行业部门联络群', '保安 3 个', [], 'figure without a measure'],
    [
      'm4',
      '2026-10-11',
      '18:00',
      '龙城派出所红袖标群',
      '少报了两个',
      ['龙城派出所'],
      'correction without the new figure',
    ],
  ]
  for (const [id, day, time, room, text, units, why] of rows) {
    const sentAt = instantOf(day, time, zone)
    storeMessage(
      db,
      {
        id,
        roomId: `r-${room}`,
        roomTopic: room,
        senderId: 'wxid_zhang',
        senderName: '张三',
        sentAt,
        type: 'text',
        text,
      },
      sentAt,
    )
    addReviewItem(db, { messageId: id, day, roomId: `r-${room}`, units, why, createdAt: sentAt })
  }
  settleReviewItem(db, 'm3', 'dismissed', 'wxid_admin', 0)
  closeDb(db)
  return file
}

async function cli(args: string[], env: Record<string, string> = {}) {
  const { io, out, err } = memoryIo('', env)
  const code = await runCli(args, io)
  return { code, out: out(), err: err() }
}

describe('redband review', () => {
  it('lists a day’s open items: when, where, who, what, why, units and the message id', async () => {
    const db = storeWithReview()
    const { code, out } = await cli([
      'review',
      '--db',
      db,
      '--roster',
      exampleRosterFile,
      '--date',
      '2026-10-12',
    ])
    expect(code).toBe(0)
    const lines = out.split('\n')
    expect(lines[0]).toBe('2026-10-12 有 2 条待核：')
    const row = (id: string) => lines.find((l) => l.includes(id)) ?? ''
    for (const cell of [
      '09:12',
      '龙城派出所红袖标群',
      '张三',
      '刚才报的少算了三个',
      'correction without the new figure',
      '龙城派出所',
    ])
      expect(row('m1')).toContain(cell)
    expect(row('m2')).toContain('马今铺所上岗100人')
    expect(row('m2')).toContain('unit name close to 马金铺派出所')
    expect(out).not.toContain('m3')
    expect(out).not.toContain('m4')
  })

  it('prints one JSON line per item with --json, the store and roster from the environment', async () => {
    const db = storeWithReview()
    const { code, out } = await cli(['review', '--date', '2026-10-11', '--json'], {
      REDBAND_DB: db,
      REDBAND_ROSTER: exampleRosterFile,
    })
    expect(code).toBe(0)
    expect(
      out
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as unknown),
    ).toEqual([
      expect.objectContaining({
        messageId: 'm4',
        day: '2026-10-11',
        time: '18:00',
        roomTopic: '龙城派出所红袖标群',
        senderName: '张三',
        text: '少报了两个',
        why: 'correction without the new figure',
        units: ['龙城派出所'],
        status: 'open',
      }),
    ])
  })

  it('says when a day has nothing to review', async () => {
    const db = storeWithReview()
    const { code, out } = await cli([
      'review',
      '--db',
      db,
      '--roster',
      exampleRosterFile,
      '--date',
      '2026-10-10',
    ])
    expect([code, out]).toEqual([0, '2026-10-10 没有待核的消息\n'])
  })

  it('refuses a missing store, a bad date and missing options with a sentence', async () => {
    const missing = join(tempDir(), 'none.db')
    expect(await cli(['review', '--db', missing, '--roster', exampleRosterFile])).toMatchObject({
      code: 1,
      err: `${missing} 没有数据库：请用 --db 或 REDBAND_DB 指定数据库\n`,
    })
    const bad = await cli([
      'review',
      '--db',
      missing,
      '--roster',
      exampleRosterFile,
      '--date',
      '10-32',
    ])
    expect(bad.code).toBe(2)
    expect(bad.err).toContain('--date "10-32" 不是日期，可以写 2026-10-12、10月12日、昨天')
    const none = await cli(['review'])
    expect(none.code).toBe(2)
    expect(none.err).toBe('需要 --db 文件（或设置 REDBAND_DB）；用法见 redband review --help\n')
  })
})
