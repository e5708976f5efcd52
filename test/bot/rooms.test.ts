import { afterEach, describe, expect, it, vi } from 'vitest'
import { readAudit } from '../../db/audit.js'
import { listBindings } from '../../db/bindings.js'
import { notes, reports } from '../../db/schema.js'
import { startBotWorld, type BotWorld } from '../helpers/bot-world.js'
import { memoryLogger } from '../helpers/memory-logger.js'
import { instantOf, localDay } from '../../src/time/zoned.js'

const command = '红袖标指挥部'
const district = '呈贡分局红袖标联络群'
const station = '龙城派出所红袖标群'
const shared = '行业部门联络群'

const counted = (bot: BotWorld) =>
  bot.db
    .select()
    .from(reports)
    .all()
    .filter((r) => r.status === 'counted')
    .map((r) => [r.unit, r.count])

/**
 * Logs in again and waits until the login has seen every room and who is in it (what finds a
 * room again when its id changes).
 */
async function reloginAndWait(bot: BotWorld, lines: Array<Record<string, unknown>>): Promise<void> {
  const known = () => lines.filter((l) => l.msg === 'rooms known after login').length
  // The first login's rooms first: its pass may still be under way.
  await vi.waitFor(() => expect(known()).toBe(1))
  await bot.world.relogin()
  await vi.waitFor(() => expect(known()).toBe(2))
}

/** Waits until the bot has said `n` messages in a room (by id or topic); returns them. */
async function said(bot: BotWorld, where: string, n: number): Promise<string[]> {
  await vi.waitFor(() => expect(bot.world.sentTo(where)).toHaveLength(n))
  return bot.world.sentTo(where)
}

describe('rooms by identity', () => {
  let bot: BotWorld
  afterEach(() => bot.close())

  it('gives an impostor command room nothing: refused once, the command room and the log told', async () => {
    const { log, lines } = memoryLogger()
    bot = await startBotWorld({ admins: ['wxid_admin'], logger: log })
    const insider = bot.world.newPerson('张三')
    const realCommand = bot.world.room(command).id
    const fake = bot.world.addRoom(command, { members: [insider], invitedBy: insider })
    expect((await said(bot, fake, 1))[0]).toContain('未获授权')
    const [alert] = await said(bot, realCommand, 1)
    expect(alert).toContain(`有一个新群也叫「${command}」，未获授权`)
    expect(alert).toContain(fake)
    expect(lines).toContainEqual(
      expect.objectContaining({
        level: 40,
        roomId: fake,
        msg: expect.stringContaining('look-alike'),
      }),
    )

    bot.world.say(insider, fake, '#工作通报')
    bot.world.say(insider, fake, '#导出 全程')
    bot.world.say(insider, fake, '#明日重点 全体撤岗休息')
    bot.world.say(insider, fake, '龙城所今日上岗 150 人')
    await bot.settle(fake)
    expect(bot.world.sentTo(fake)).toHaveLength(1)
    expect(bot.world.sentTo(realCommand)).toHaveLength(1)
    expect(bot.db.select().from(notes).all()).toEqual([])
    expect(counted(bot)).toEqual([])
    expect(readAudit(bot.db).filter((e) => e.action !== 'bind')).toEqual([])

    // An admin cannot move the claim to it while the real room is there.
    bot.world.say(bot.world.newPerson('王管理', { id: 'wxid_admin' }), fake, '#绑定')
    expect((await said(bot, fake, 2))[1]).toContain('已绑定到另一个群')
    expect(listBindings(bot.db).find((b) => b.entry === command)?.roomId).toBe(realCommand)
  })

  it('gives an impostor liaison room nothing: its figures are not recorded', async () => {
    bot = await startBotWorld()
    const insider = bot.world.newPerson('李四')
    const fake = bot.world.addRoom(station, { members: [insider] })
    bot.world.say(insider, fake, '今日上岗 999 人')
    expect((await said(bot, fake, 1))[0]).toContain('未获授权')
    bot.world.say(insider, fake, '龙城所今日上岗 998 人')
    await bot.settle(fake)
    expect(counted(bot)).toEqual([])
    expect(bot.world.sentTo(fake)).toHaveLength(1)
    expect((await said(bot, bot.world.room(command).id, 1))[0]).toContain(`也叫「${station}」`)
    // The real room still counts.
    bot.world.say('王五', bot.world.room(station).id, '今日上岗 148 人')
    await vi.waitFor(() => expect(counted(bot)).toEqual([['龙城派出所', 148]]))
  })

  it('lets a roster room count only once an admin confirms it, and tells it so once', async () => {
    bot = await startBotWorld({ admins: ['wxid_admin'], bindRooms: false })
    bot.world.say('王五', station, '今日上岗 148 人')
    const [waiting] = await said(bot, station, 1)
    expect(waiting).toContain('尚待管理员确认')
    bot.world.say('王五', station, '今日上岗 149 人')
    await bot.settle(station)
    expect(bot.world.sentTo(station)).toHaveLength(1)
    expect(counted(bot)).toEqual([])

    bot.world.say(bot.world.newPerson('王管理', { id: 'wxid_admin' }), station, '#绑定')
    expect((await said(bot, station, 2))[1]).toContain(
      `已将本群（${station}）绑定为：龙城派出所 联络群`,
    )
    bot.world.say('王五', station, '今日上岗 150 人')
    expect((await said(bot, station, 3))[2]).toContain('已登记：龙城派出所 今日上岗 150 人')
    expect(listBindings(bot.db)).toMatchObject([
      {
        topic: station,
        entry: station,
        role: 'liaison',
        unit: '龙城派出所',
        boundBy: 'wxid_admin',
      },
    ])
  })

  it('keeps a renamed room’s binding and tells the command room', async () => {
    bot = await startBotWorld()
    const room = bot.world.room(station).id
    await bot.world.renameRoom(station, '龙城所红袖标（新）')
    const [alert] = await said(bot, bot.world.room(command).id, 1)
    expect(alert).toContain(`「${station}」已改名为「龙城所红袖标（新）」`)
    expect(listBindings(bot.db).find((b) => b.roomId === room)?.topic).toBe('龙城所红袖标（新）')
    bot.world.say('王五', room, '今日上岗 147 人')
    await vi.waitFor(() => expect(counted(bot)).toEqual([['龙城派出所', 147]]))
    expect(readAudit(bot.db, { action: 'rename' })).toHaveLength(1)
  })

  it('finds bound rooms again when a login gives them new ids, by topic and the same people', async () => {
    bot = await startBotWorld()
    for (const name of ['王五', '赵六', '孙七']) bot.world.newPerson(name)
    // A login sees who is in each room; the next one finds the rooms by those people.
    await bot.world.relogin()
    const oldStation = bot.world.room(station).id
    const newStation = await bot.world.reissueRoom(station)
    const newCommand = await bot.world.reissueRoom(command)
    await bot.world.relogin()
    await vi.waitFor(() =>
      expect(listBindings(bot.db).map((b) => b.roomId)).toEqual(
        expect.arrayContaining([newStation, newCommand]),
      ),
    )
    expect(listBindings(bot.db).map((b) => b.roomId)).not.toContain(oldStation)
    bot.world.say('王五', newStation, '今日上岗 146 人')
    await vi.waitFor(() => expect(counted(bot)).toEqual([['龙城派出所', 146]]))
    expect(readAudit(bot.db, { action: 'rebind' })).toHaveLength(2)
  })

  it('holds a message from a room not yet known after a login, rather than refusing it', async () => {
    const { log, lines } = memoryLogger('debug')
    bot = await startBotWorld({ logger: log })
    for (const name of ['王五', '赵六', '孙七']) bot.world.newPerson(name)
    await reloginAndWait(bot, lines)
    const newStation = await bot.world.reissueRoom(station)
    // wechat4u lists its rooms over some 20 s after login: the room's new id is not bound yet.
    await bot.world.relogin({ ready: false })
    bot.world.say('王五', newStation, '今日上岗 146 人')
    await bot.settle(district)
    expect(counted(bot)).toEqual([])
    expect(bot.world.sentTo(newStation)).toEqual([])
    bot.world.ready()
    expect((await said(bot, newStation, 1))[0]).toContain('已登记：龙城派出所 今日上岗 146 人')
    expect(counted(bot)).toEqual([['龙城派出所', 146]])
    await bot.settle(district)
    expect(bot.world.sentTo(bot.world.room(command).id).join('\n')).not.toContain('未获授权')
  })

  it('lets an admin confirm the right room after a lost one, and what waited for it follows', async () => {
    bot = await startBotWorld({ admins: ['wxid_admin'] })
    const oldStation = bot.world.room(station).id
    // No people seen before: the login cannot tell it is the same room, and asks an admin.
    const newStation = await bot.world.reissueRoom(station)
    await bot.world.bot.puppet.logout()
    const pending = bot.db
    pending.$client
      .prepare(
        `insert into outbox (key, room_id, room_topic, text, due_at, day, status, attempts, created_at, lane)
         values ('broadcast-1', ?, ?, '【集中展示】请各单位展示点位', ?, ?, 'pending', 0, ?, 'broadcast')`,
      )
      .run(oldStation, station, Date.now(), localDay(Date.now(), 'Asia/Shanghai'), Date.now())
    await bot.world.relogin()
    const commandRoom = bot.world.room(command).id
    await vi.waitFor(() =>
      expect(bot.world.sentTo(commandRoom).join('\n')).toContain('以下已绑定的群没有找到'),
    )
    bot.world.say(bot.world.newPerson('王管理', { id: 'wxid_admin' }), newStation, '#绑定')
    await vi.waitFor(() =>
      expect(bot.world.sentTo(newStation).join('\n')).toContain('【集中展示】请各单位展示点位'),
    )
    expect(bot.world.sentTo(newStation).join('\n')).toContain('已将本群')
  })

  it('never lets a look-alike take a binding at login: with two rooms of the topic it asks an admin', async () => {
    bot = await startBotWorld()
    for (const name of ['王五', '赵六', '孙七']) bot.world.newPerson(name)
    const insider = bot.world.person('王五')
    await bot.world.relogin()
    const oldStation = bot.world.room(station).id
    await bot.world.reissueRoom(station)
    const fake = bot.world.addRoom(station, { members: [insider] })
    await bot.world.relogin()
    const commandRoom = bot.world.room(command).id
    await vi.waitFor(() =>
      expect(bot.world.sentTo(commandRoom).join('\n')).toContain('以下已绑定的群没有找到'),
    )
    expect(bot.world.sentTo(commandRoom).join('\n')).toContain('有多个同名的群')
    expect(listBindings(bot.db).find((b) => b.entry === station)?.roomId).toBe(oldStation)
    bot.world.say(insider, fake, '今日上岗 500 人')
    await bot.settle(fake)
    expect(counted(bot)).toEqual([])
  })
})

describe('scheduled sends by identity', () => {
  let bot: BotWorld
  afterEach(async () => {
    await bot.close()
    vi.useRealTimers()
  })

  it('sends the bulletins to the bound rooms only: a look-alike gets nothing, a vanished room is held and reported', async () => {
    vi.useFakeTimers({
      now: instantOf('2026-10-12', '19:58', 'Asia/Shanghai'),
      toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'],
    })
    bot = await startBotWorld({ schedule: { bulletins: '20:00', event: {} }, charts: false })
    const realCommand = bot.world.room(command).id
    const insider = bot.world.newPerson('张三')
    const fake = bot.world.addRoom(command, { members: [insider], invitedBy: insider })
    await vi.waitFor(() => expect(bot.world.sentTo(fake)).toHaveLength(1))
    await bot.world.removeRoom('红袖标督导组')
    await vi.advanceTimersByTimeAsync(3 * 60_000)
    await vi.waitFor(() =>
      expect(bot.world.sentTo(realCommand).join('\n')).toContain('红袖标督导情况通报'),
    )
    const toCommand = bot.world.sentTo(realCommand).join('\n')
    expect(toCommand).toContain('红袖标工作情况通报')
    await vi.waitFor(() =>
      expect(bot.world.sentTo(realCommand).join('\n')).toContain(
        '发往「红袖标督导组」（督导组群）的消息暂时发不出去',
      ),
    )
    expect(bot.world.sentTo(fake)).toHaveLength(1)
    expect(bot.world.sentTo('红袖标督导组')).toEqual([])
  })
})

describe('reports in scope', () => {
  let bot: BotWorld
  afterEach(() => bot.close())

  it('records a liaison room’s figures for its own subtree only, and says where the others belong', async () => {
    bot = await startBotWorld()
    bot.world.say('王五', station, '保安集团上岗 12000 人')
    const [reply] = await said(bot, station, 1)
    expect(reply).toContain('本群只登记龙城派出所的数据')
    expect(reply).toContain('保安集团')
    bot.world.say('张三', district, '昆阳所上岗 88 人，龙城所上岗 150 人')
    const [receipt] = await said(bot, district, 1)
    expect(receipt).toContain('已登记：龙城派出所 今日上岗 150 人')
    expect(receipt).toContain('本群只登记呈贡分局及其下属单位的数据，昆阳派出所的数字未登记')
    expect(counted(bot)).toEqual([['龙城派出所', 150]])
  })

  it('gives a shared room the units no other room answers for', async () => {
    bot = await startBotWorld()
    bot.world.say('赵六', shared, '保安集团上岗 12000 人，环卫集团上岗 2900 人')
    await said(bot, shared, 1)
    bot.world.say('赵六', shared, '龙城所上岗 150 人')
    expect((await said(bot, shared, 2))[1]).toContain('没有单独联络群的单位')
    expect(counted(bot)).toEqual([
      ['保安集团', 12000],
      ['环卫集团', 2900],
    ])
  })

  it('retracts on a recall only the sender’s own message in the same room', async () => {
    bot = await startBotWorld()
    const id = bot.world.say('王五', station, '今日上岗 148 人')
    await said(bot, station, 1)
    bot.world.recall('张三', station, id)
    bot.world.recall('王五', district, id)
    await bot.settle(district)
    await bot.settle(station)
    expect(counted(bot)).toEqual([['龙城派出所', 148]])
    expect(bot.world.sentTo(district)).toEqual([])
    bot.world.recall('王五', station, id)
    await vi.waitFor(() => expect(counted(bot)).toEqual([]))
    expect((await said(bot, station, 2))[1]).toContain('龙城派出所 148 人')
  })

  it('confirms held figures only in the room they were held in', async () => {
    bot = await startBotWorld()
    bot.world.say('王五', station, '今日上岗 1500 人')
    expect((await said(bot, station, 1))[0]).toContain('暂未计入')
    bot.world.say('王五', district, '#确认')
    expect((await said(bot, district, 1))[0]).not.toContain('已确认')
    expect(counted(bot)).toEqual([])
    bot.world.say('王五', station, '#确认')
    await vi.waitFor(() => expect(counted(bot)).toEqual([['龙城派出所', 1500]]))
  })
})
