import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { readAudit } from '../../db/audit.js'
import { listBindings } from '../../db/bindings.js'
import { reports, roomBindings } from '../../db/schema.js'
import { startBotWorld, type BotWorld } from '../helpers/bot-world.js'

const command = '红袖标指挥部'
const liaison = '呈贡分局红袖标联络群'
const inspection = '红袖标督导组'
const newGroup = '马金铺派出所红袖标群'

/**
 * The role table of README, as enforced: which command each role may use. Each command is given
 * where a person of that role speaks; the expectation is whether it runs (true) or is refused.
 */
const roleTable: Array<[string, { liaison: boolean; commander: boolean; inspector: boolean }]> = [
  ['#确认', { liaison: true, commander: false, inspector: false }],
  ['#未报', { liaison: true, commander: true, inspector: false }],
  ['#工作通报', { liaison: false, commander: true, inspector: false }],
  ['#督导通报', { liaison: false, commander: true, inspector: true }],
  ['#抽查 龙城所', { liaison: false, commander: false, inspector: true }],
  ['#督检 龙城所 春融路口 在岗 3人', { liaison: false, commander: false, inspector: true }],
  ['#表扬 龙城所 李明 指路', { liaison: false, commander: true, inspector: true }],
  ['#问题 龙城所 春融路口 无人', { liaison: false, commander: true, inspector: true }],
  ['#明日重点 加强巡逻', { liaison: false, commander: true, inspector: false }],
  ['#待核', { liaison: false, commander: true, inspector: false }],
  ['#大屏', { liaison: false, commander: true, inspector: false }],
  ['#绑定 指挥', { liaison: false, commander: false, inspector: false }],
  ['#解绑', { liaison: false, commander: false, inspector: false }],
  ['#状态', { liaison: false, commander: false, inspector: false }],
  ['#重载名册', { liaison: false, commander: false, inspector: false }],
  ['#帮助', { liaison: true, commander: true, inspector: true }],
]

describe('roles', () => {
  let bot: BotWorld
  beforeEach(async () => {
    bot = await startBotWorld({ admins: ['wxid_admin'], commandsPerMinute: 100 })
  })
  afterEach(() => bot.close())

  it.each(roleTable)('%s runs only for the roles of the README table', async (text, allowed) => {
    const rooms = { liaison, commander: command, inspector: inspection } as const
    for (const [role, room] of Object.entries(rooms) as Array<[keyof typeof rooms, string]>) {
      const before = bot.world.sentTo(room).length
      bot.world.say(`${role}-甲`, room, text)
      await vi.waitFor(() => expect(bot.world.sentTo(room).length).toBeGreaterThan(before))
      const reply = bot.world.sentTo(room).slice(before).join('\n')
      const refused = /只能由.+使用/.test(reply)
      expect({ role, refused }).toEqual({ role, refused: !allowed[role] })
    }
  })

  it('gives an admin, known by WeChat id, the admin commands anywhere; a copy of the admin’s nickname gains nothing', async () => {
    const admin = bot.world.newPerson('王管理', { id: 'wxid_admin' })
    const impostor = bot.world.newPerson('王管理', { id: 'wxid_impostor' })
    bot.world.say(impostor, command, '#状态')
    await vi.waitFor(() => expect(bot.world.sentTo(command)).toHaveLength(1))
    expect(bot.world.sentTo(command)[0]).toContain('#状态 只能由管理员使用')
    // A second later: the same words from the same name in the same second would be taken for a replay.
    bot.world.say(admin, command, '#状态', { timestamp: Date.now() + 1000 })
    await vi.waitFor(() => expect(bot.world.sentTo(command)).toHaveLength(2))
    expect(bot.world.sentTo(command)[1]).toContain('红袖标助手状态')
    expect(bot.world.sentTo(command)[1]).toContain('已登录')
    const refusals = readAudit(bot.db, { action: 'refused' })
    expect(refusals).toMatchObject([
      { actorId: 'wxid_impostor', target: '状态', roomTopic: command },
    ])
  })

  it('knows an admin by their account handle (微信号) too', async () => {
    bot.world.addRoom(newGroup)
    const admin = bot.world.newPerson('老王', { handle: 'wxid_admin' })
    bot.world.say(admin, newGroup, '#绑定 马金铺所')
    await vi.waitFor(() => expect(bot.world.sentTo(newGroup)).toHaveLength(1))
    expect(bot.world.sentTo(newGroup)[0]).toContain(
      '已将本群（马金铺派出所红袖标群）绑定为：马金铺派出所 联络群',
    )
  })

  it('binds a room in chat: its reports then count, its chase goes there; #解绑 undoes it', async () => {
    bot.world.addRoom(newGroup)
    const admin = bot.world.newPerson('王管理', { id: 'wxid_admin' })
    bot.world.say('周警官', newGroup, '今日上岗 95 人')
    await bot.settle(newGroup)
    expect(bot.world.sentTo(newGroup)).toEqual([])

    bot.world.say(admin, newGroup, '#绑定 马金铺所')
    await vi.waitFor(() => expect(bot.world.sentTo(newGroup)).toHaveLength(1))
    bot.world.say('周警官', newGroup, '今日上岗 96 人')
    await vi.waitFor(() => expect(bot.world.sentTo(newGroup)).toHaveLength(2))
    expect(bot.world.sentTo(newGroup)[1]).toContain('已登记：马金铺派出所 今日上岗 96 人')

    bot.world.say(admin, newGroup, '#解绑')
    await vi.waitFor(() => expect(bot.world.sentTo(newGroup)).toHaveLength(3))
    expect(bot.world.sentTo(newGroup)[2]).toContain(
      '已解除本群（马金铺派出所红袖标群）的绑定，原为：马金铺派出所 联络群',
    )
    expect(listBindings(bot.db).map((b) => b.topic)).not.toContain(newGroup)
    const trail = readAudit(bot.db).filter((e) => e.action === 'bind' || e.action === 'unbind')
    const room = bot.world.room(newGroup).id
    expect(
      trail.filter((e) => e.actorId === 'wxid_admin').map((e) => [e.action, e.after, e.before]),
    ).toEqual([
      [
        'bind',
        { roomId: room, role: 'liaison', unit: '马金铺派出所', units: null, entry: null },
        null,
      ],
      ['unbind', null, { role: 'liaison', unit: '马金铺派出所', entry: null }],
    ])
    expect(
      bot.db
        .select()
        .from(reports)
        .all()
        .map((r) => r.count),
    ).toEqual([96])
  })

  it('binds a room as command room, and unbinds a roster room: it then gains nothing', async () => {
    const admin = bot.world.newPerson('王管理', { id: 'wxid_admin' })
    bot.world.say(admin, liaison, '#解绑')
    await vi.waitFor(() => expect(bot.world.sentTo(liaison)).toHaveLength(1))
    expect(bot.world.sentTo(liaison)[0]).toContain(
      `已解除本群（${liaison}）的绑定，原为：呈贡分局 联络群`,
    )
    bot.world.say('张三', liaison, '龙城所今日上岗 150 人')
    await vi.waitFor(() => expect(bot.world.sentTo(liaison)).toHaveLength(2))
    expect(bot.world.sentTo(liaison)[1]).toContain('尚待管理员确认')
    expect(bot.db.select().from(reports).all()).toEqual([])
    bot.world.addRoom('临时指挥群')
    bot.world.say(admin, '临时指挥群', '#绑定 指挥')
    await vi.waitFor(() => expect(bot.world.sentTo('临时指挥群')).toHaveLength(1))
    bot.world.say('指挥长', '临时指挥群', '#工作通报')
    await vi.waitFor(() => expect(bot.world.sentTo('临时指挥群')).toHaveLength(2))
    expect(bot.world.sentTo('临时指挥群')[1]).toContain('红袖标工作情况通报')
    bot.world.say(admin, '临时指挥群', '#绑定 龙成所')
    await vi.waitFor(() => expect(bot.world.sentTo('临时指挥群')).toHaveLength(3))
    expect(bot.world.sentTo('临时指挥群')[2]).toContain('没有找到单位“龙成所”，是不是：龙城派出所')
  })

  it('keeps silent in unknown rooms for everyone but an admin', async () => {
    bot.world.addRoom(newGroup)
    bot.world.say('路人', newGroup, '#绑定 指挥')
    bot.world.say('路人', newGroup, '#帮助')
    await bot.settle(newGroup)
    expect(bot.world.sentTo(newGroup)).toEqual([])
    expect(
      bot.db
        .select()
        .from(roomBindings)
        .all()
        .map((b) => b.topic),
    ).not.toContain(newGroup)
  })
})

describe('the command rate limit', () => {
  let bot: BotWorld
  beforeEach(async () => {
    bot = await startBotWorld({ commandsPerMinute: 3 })
  })
  afterEach(() => bot.close())

  it('answers a person’s first commands, says once that they are too many, then stays silent', async () => {
    for (let i = 0; i < 8; i++)
      bot.world.say('刷屏者', command, '#帮助', { timestamp: Date.now() + i * 1000 })
    await vi.waitFor(() => expect(bot.world.sentTo(command)).toHaveLength(4))
    await bot.settle(command)
    expect(bot.world.sentTo(command)).toHaveLength(4)
    expect(bot.world.sentTo(command).filter((t) => t.includes('太频繁'))).toHaveLength(1)
    bot.world.say('别人', command, '#帮助')
    await vi.waitFor(() => expect(bot.world.sentTo(command)).toHaveLength(5))
    expect(readAudit(bot.db, { action: 'rate-limited' })).toHaveLength(5)
  })
})
