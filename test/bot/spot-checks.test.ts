import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { spotChecks } from '../../db/schema.js'
import { instantOf } from '../../src/time/zoned.js'
import { startBotWorld, type BotWorld } from '../helpers/bot-world.js'

const inspection = '红袖标督导组'
const subBureau = '呈贡分局红袖标联络群'
const station = '龙城派出所红袖标群'
const t0 = instantOf('2026-10-12', '10:00', 'Asia/Shanghai')

describe('spot checks on mock WeChat, with a fake clock', () => {
  let bot: BotWorld

  beforeEach(async () => {
    vi.useFakeTimers({
      now: t0,
      toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'],
    })
    bot = await startBotWorld()
  })
  afterEach(async () => {
    await bot.close()
    vi.useRealTimers()
  })

  const checks = () => bot.db.select().from(spotChecks).all()
  const last = (topic: string) => bot.world.sentTo(topic).at(-1) ?? ''
  const minutes = (n: number) => vi.advanceTimersByTimeAsync(n * 60_000)

  it('lives a whole life: ordered, prompted, answered in time by a photo', async () => {
    bot.world.say('督导员', inspection, '#抽查 龙城所 15分钟')
    await vi.waitFor(() => expect(bot.world.sentTo(station)).toHaveLength(1))
    expect(last(station)).toContain('【抽查】请 龙城派出所 在 10:15 前（15 分钟内）')
    await vi.waitFor(() => expect(bot.world.sentTo(inspection)).toHaveLength(1))
    expect(last(inspection)).toContain('已发出抽查，限 15 分钟（10:15 截止）')
    expect(last(inspection)).toContain('龙城派出所 → 龙城派出所红袖标群')

    await minutes(6)
    bot.world.sendPhoto('李警官', station)
    await vi.waitFor(() => expect(bot.world.sentTo(station)).toHaveLength(2))
    expect(last(station)).toContain('已收到 龙城派出所 的抽查回复，用时 6 分钟。')
    expect(checks()).toMatchObject([{ unit: '龙城派出所', kind: 'ordered', status: 'answered' }])

    await minutes(20)
    expect(bot.world.sentTo(inspection)).toHaveLength(1)
  })

  it('closes an unanswered check at its deadline and tells the inspection room; a later answer counts as late', async () => {
    bot.world.say('督导员', inspection, '#抽查 龙城所')
    await vi.waitFor(() => expect(bot.world.sentTo(station)).toHaveLength(1))
    await minutes(21)
    await vi.waitFor(() => expect(last(inspection)).toContain('【抽查超时】'))
    expect(last(inspection)).toContain('龙城派出所（10:00 抽查，限 20 分钟）')
    expect(checks()).toMatchObject([{ status: 'unanswered' }])

    bot.world.say('李警官', station, '龙城所 北京路口 在岗 3人')
    await vi.waitFor(() => expect(bot.world.sentTo(station)).toHaveLength(2))
    expect(last(station)).toContain('用时 21 分钟，已超过时限，记为超时回复')
    expect(checks()).toMatchObject([{ status: 'late', post: '北京路口' }])
  })

  it('asks which unit an answer is for when several checks are open in one room', async () => {
    bot.world.say('张三', subBureau, '吴家营所今日上岗 198 人')
    bot.world.say('督导员', inspection, '#抽查 洛龙所 吴家营所')
    await vi.waitFor(() => expect(bot.world.sentTo(subBureau)).toHaveLength(2))
    expect(last(subBureau)).toContain('请 洛龙派出所、吴家营派出所 在 10:20 前')

    bot.world.sendPhoto('路人甲', subBureau)
    await vi.waitFor(() => expect(bot.world.sentTo(subBureau)).toHaveLength(3))
    expect(last(subBureau)).toContain('本群有 2 个单位的抽查待回复')

    await minutes(3)
    bot.world.say('李四', subBureau, '洛龙所 大学城地铁站 在岗 2人')
    await vi.waitFor(() => expect(bot.world.sentTo(subBureau)).toHaveLength(4))
    expect(last(subBureau)).toContain('已收到 洛龙派出所 的抽查回复（大学城地铁站），用时 3 分钟。')

    // 张三 reported for 吴家营所 this morning: their photo answers 吴家营所's check.
    bot.world.sendPhoto('张三', subBureau)
    await vi.waitFor(() => expect(bot.world.sentTo(subBureau)).toHaveLength(5))
    expect(last(subBureau)).toContain('已收到 吴家营派出所 的抽查回复')
    expect(checks().map((c) => [c.unit, c.status])).toEqual([
      ['洛龙派出所', 'answered'],
      ['吴家营派出所', 'answered'],
    ])
  })

  it('names the closest units for an unknown one and asks the unit’s nearest room for one with none of its own', async () => {
    bot.world.say('督导员', inspection, '#抽查 龙成所 马金铺所')
    await vi.waitFor(() => expect(bot.world.sentTo(inspection)).toHaveLength(1))
    expect(last(inspection)).toContain('没有找到单位“龙成所”，是不是：龙城派出所')
    expect(last(inspection)).toContain('马金铺派出所 → 行业部门联络群')
    await vi.waitFor(() => expect(bot.world.sentTo('行业部门联络群')).toHaveLength(1))
  })

  it('draws 随机 units under the unit named, and shows the expected form when nothing is named', async () => {
    bot.world.say('督导员', inspection, '#抽查 呈贡分局 随机 2')
    await vi.waitFor(() => expect(bot.world.sentTo(inspection)).toHaveLength(1))
    const drawn = checks().map((c) => c.unit)
    expect(drawn).toHaveLength(2)
    for (const unit of drawn) expect(['龙城派出所', '洛龙派出所', '吴家营派出所']).toContain(unit)
    bot.world.say('督导员', inspection, '#抽查')
    await vi.waitFor(() => expect(bot.world.sentTo(inspection)).toHaveLength(2))
    expect(last(inspection)).toContain('#抽查 呈贡分局 随机 2')
  })

  it('refuses a check ordered outside an inspection room, and asks nobody', async () => {
    bot.world.say('张三', subBureau, '#抽查 龙城所')
    await vi.waitFor(() => expect(bot.world.sentTo(subBureau)).toHaveLength(1))
    expect(last(subBureau)).toContain('#抽查 只能由督导组使用')
    await bot.settle()
    expect(bot.world.sentTo(station)).toEqual([])
    expect(checks()).toEqual([])
  })

  it('does not take a headcount for an answer, nor a post on duty for a headcount', async () => {
    bot.world.say('督导员', inspection, '#抽查 龙城所')
    await vi.waitFor(() => expect(bot.world.sentTo(station)).toHaveLength(1))
    bot.world.say('李警官', station, '今日上岗 148 人，点位 10 个')
    await vi.waitFor(() => expect(bot.world.sentTo(station)).toHaveLength(2))
    expect(last(station)).toContain('已登记')
    expect(checks()).toMatchObject([{ status: 'open' }])
  })
})

describe('display periods on mock WeChat', () => {
  let bot: BotWorld

  beforeEach(async () => {
    vi.useFakeTimers({
      now: instantOf('2026-10-12', '09:59', 'Asia/Shanghai'),
      toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'],
    })
    bot = await startBotWorld({
      schedule: {
        event: {},
        inspection: {
          displayPeriods: [{ start: '10:00', end: '11:00' }],
          randomChecks: 0,
          workingHours: { start: '08:00', end: '20:00' },
          checkMinutes: 20,
        },
      },
    })
  })
  afterEach(async () => {
    await bot.close()
    vi.useRealTimers()
  })

  it('asks every liaison room for its units’ posts, reports progress midway and at the end', async () => {
    await vi.advanceTimersByTimeAsync(90_000)
    await vi.waitFor(() => expect(bot.world.sentTo('行业部门联络群')).toHaveLength(1))
    expect(bot.world.sentTo(subBureau)[0]).toContain('【集中展示】现在是 10:00–11:00 集中展示时段')
    expect(bot.world.sentTo(subBureau)[0]).toContain('· 洛龙派出所\n· 吴家营派出所')
    expect(bot.world.sentTo(station)[0]).toContain('· 龙城派出所')

    bot.world.say('李警官', station, '龙城所 北京路口 在岗 3人')
    bot.world.say('王五', '行业部门联络群', '环卫集团 滇池路 在岗 12人')
    await vi.waitFor(() => expect(bot.world.sentTo(station)).toHaveLength(2))

    await vi.advanceTimersByTimeAsync(30 * 60_000)
    await vi.waitFor(() => expect(bot.world.sentTo(inspection)).toHaveLength(1))
    expect(bot.world.sentTo(inspection)[0]).toContain(
      '【集中展示进度】10:00–11:00：已回复 2/8 个单位。',
    )

    await vi.advanceTimersByTimeAsync(30 * 60_000)
    await vi.waitFor(() => expect(bot.world.sentTo(inspection)).toHaveLength(2))
    const final = bot.world.sentTo(inspection)[1]!
    expect(final).toContain('【集中展示结束】10:00–11:00：已回复 2/8 个单位。')
    expect(final).toContain('未回复：洛龙派出所、吴家营派出所')
    const statuses = bot.db
      .select()
      .from(spotChecks)
      .all()
      .map((c) => c.status)
    expect(statuses.filter((s) => s === 'unanswered')).toHaveLength(6)
  })

  it('does not take a photo sent before the period for its answer, even when it arrives after', async () => {
    const before = instantOf('2026-10-12', '09:59', 'Asia/Shanghai') + 30_000
    await vi.advanceTimersByTimeAsync(90_000)
    await vi.waitFor(() => expect(bot.world.sentTo(station)).toHaveLength(1))
    // Taken at 09:59:30, delivered at 10:00:30 (a slow network, a re-login replaying it).
    bot.world.sendPhoto('李警官', station, { timestamp: before })
    bot.world.say('李警官', station, '龙城所 北京路口 在岗 3人', { timestamp: before })
    await bot.settle(station)
    expect(bot.world.sentTo(station)).toHaveLength(1)
    const open = () =>
      bot.db
        .select()
        .from(spotChecks)
        .all()
        .filter((c) => c.unit === '龙城派出所')
    expect(open()).toMatchObject([{ status: 'open', answeredAt: null }])

    await vi.advanceTimersByTimeAsync(4 * 60_000)
    bot.world.sendPhoto('李警官', station)
    await vi.waitFor(() => expect(bot.world.sentTo(station)).toHaveLength(2))
    expect(bot.world.sentTo(station)[1]).toContain('已收到 龙城派出所 的抽查回复，用时 5 分钟。')
    expect(open()).toMatchObject([{ status: 'answered' }])
    expect(open()[0]!.answeredAt! - open()[0]!.askedAt).toBeGreaterThan(0)
  })
})
