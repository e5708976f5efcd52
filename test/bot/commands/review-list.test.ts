import { beforeEach, describe, expect, it } from 'vitest'
import { reviewListCommand } from '../../../bot/commands/review-list.js'
import { runCommand } from '../../../bot/commands/run-command.js'
import { openDb, type Db } from '../../../db/client.js'
import { storeMessage } from '../../../db/messages.js'
import { addReviewItem, settleReviewItem } from '../../../db/review.js'
import type { Inbound } from '../../../src/inbound.js'
import type { Role } from '../../../src/roles/roles.js'
import { instantOf } from '../../../src/time/zoned.js'
import { commandContext } from '../../helpers/command-context.js'
import { tempDir } from '../../helpers/temp.js'

const zone = 'Asia/Shanghai'

describe('#待核', () => {
  let db: Db
  let next = 0
  const listed = (
    day: string,
    time: string,
    room: string,
    sender: string,
    text: string,
    units: string[],
  ): string => {
    const inbound: Inbound = {
      id: `m${++next}`,
      roomId: room,
      roomTopic: room,
      senderId: `wxid_${sender}`,
      senderName: sender,
      sentAt: instantOf(day, time, zone),
      type: 'text',
      text,
    }
    storeMessage(db, inbound, inbound.sentAt)
    addReviewItem(db, {
      messageId: inbound.id,
      day,
      roomId: room,
      units,
      why: 'w',
      createdAt: inbound.sentAt,
    })
    return inbound.id
  }

  beforeEach(() => {
    db = openDb(':memory:')
  })

  const ask = async (text: string) => {
    const { ctxFor, parsed, replies } = commandContext(db, {
      day: '2026-10-12',
      evidenceDir: tempDir(),
    })
    await reviewListCommand.run(ctxFor(text), parsed(text))
    return replies
  }

  it('lists the day’s open items, one short line each, in the order they were sent', async () => {
    listed('2026-10-12', '10:05', '行业部门联络群', '李四', '马今铺所上岗100人', ['马金铺派出所'])
    listed('2026-10-12', '09:12', '龙城派出所红袖标群', '张三', '刚才报的\n少算了三个', [
      '龙城派出所',
    ])
    const settled = listed('2026-10-12', '09:30', '龙城派出所红袖标群', '张三', '补3人', [])
    settleReviewItem(db, settled, 'dismissed', 'wxid_admin', 0)
    listed('2026-10-11', '18:00', '龙城派出所红袖标群', '张三', '昨天的', [])
    listed('2026-10-12', '11:00', '呈贡分局红袖标联络群', '王五', '洛'.repeat(60), [])
    expect(await ask('#待核')).toEqual([
      [
        '今日待核消息（3 条）：',
        '09:12 龙城派出所红袖标群 张三：刚才报的 少算了三个（龙城派出所）',
        '10:05 行业部门联络群 李四：马今铺所上岗100人（马金铺派出所）',
        `11:00 呈贡分局红袖标联络群 王五：${'洛'.repeat(40)}…`,
      ].join('\n'),
    ])
  })

  it('lists another day by its date, and says when there is nothing to check', async () => {
    listed('2026-10-11', '18:00', '龙城派出所红袖标群', '张三', '少报了两个', [])
    expect(await ask('#待核 10月11日')).toEqual([
      '10月11日待核消息（1 条）：\n18:00 龙城派出所红袖标群 张三：少报了两个',
    ])
    expect(await ask('#待核')).toEqual(['今日没有待核消息。'])
    expect((await ask('#待核 明年'))[0]).toContain('没看懂日期“明年”')
  })

  it('splits a long list into numbered messages', async () => {
    for (let i = 0; i < 60; i++)
      listed(
        '2026-10-12',
        `09:${String(i).padStart(2, '0')}`,
        '行业部门联络群',
        `联络员${i}`,
        `第${i}条：刚才报的人数少算了几个，稍后补报`,
        ['保安集团'],
      )
    const parts = await ask('#待核')
    expect(parts.length).toBeGreaterThan(1)
    expect(parts.every((p) => p.length <= 1500)).toBe(true)
    expect(parts[0]).toMatch(/^（1\/\d）\n今日待核消息（60 条）：/)
    const lines = parts.flatMap((p) => p.split('\n')).filter((l) => l.includes('联络员'))
    expect(lines).toHaveLength(60)
    expect(lines[59]).toBe(
      '09:59 行业部门联络群 联络员59：第59条：刚才报的人数少算了几个，稍后补报（保安集团）',
    )
  })

  it.each([
    [['admin'], '今日没有待核消息。'],
    [['commander'], '今日没有待核消息。'],
    [['inspector'], '#待核 只能由指挥部、管理员使用'],
    [['liaison'], '#待核 只能由指挥部、管理员使用'],
  ] satisfies Array<[Role[], string]>)(
    'runs for commanders and admins only (%j)',
    async (roles, reply) => {
      const { ctxFor, parsed, replies } = commandContext(db, {
        day: '2026-10-12',
        evidenceDir: tempDir(),
        roles,
      })
      await runCommand(ctxFor('#待核'), parsed('#待核'))
      expect(replies).toHaveLength(1)
      expect(replies[0]).toContain(reply)
    },
  )
})
