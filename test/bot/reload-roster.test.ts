import { copyFileSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { readAudit } from '../../db/audit.js'
import { reports } from '../../db/schema.js'
import { startBotWorld, type BotWorld } from '../helpers/bot-world.js'
import { exampleRosterFile } from '../helpers/fixtures.js'
import { tempDir } from '../helpers/temp.js'

const command = '红袖标指挥部'
const shared = '行业部门联络群'
const liaison = '龙城派出所红袖标群'

describe('#重载名册 and reloadRoster (SIGHUP)', () => {
  let bot: BotWorld
  let file: string
  let at: number
  /** Says `text` a second after the last message, so no two are taken for one replayed. */
  const say = (
    who: string | ReturnType<BotWorld['world']['newPerson']>,
    room: string,
    text: string,
  ) => bot.world.say(who, room, text, { timestamp: (at += 1000) })
  const reply = async (room: string, count: number) => {
    await vi.waitFor(() => expect(bot.world.sentTo(room)).toHaveLength(count))
    return bot.world.sentTo(room)[count - 1]!
  }
  const recorded = () =>
    bot.db
      .select()
      .from(reports)
      .all()
      .map((r) => `${r.unit} ${r.count}`)

  beforeEach(async () => {
    file = join(tempDir(), 'roster.yaml')
    copyFileSync(exampleRosterFile, file)
    at = Date.now()
    bot = await startBotWorld({ roster: file, admins: ['wxid_admin'], commandsPerMinute: 100 })
  })
  afterEach(() => bot.close())

  it('puts a changed roster in force for new messages; refuses a broken one and keeps the old', async () => {
    const admin = bot.world.newPerson('王管理', { id: 'wxid_admin' })
    writeFileSync(
      file,
      readFileSync(file, 'utf8').replace(
        '  - { name: 保安集团, target: 12000 }\n',
        '  - { name: 保安集团, target: 12000 }\n  - { name: 公交集团, aliases: [公交], target: 500 }\n',
      ),
    )
    say(admin, command, '#重载名册')
    const reloaded = await reply(command, 1)
    expect(reloaded).toContain(`名册已重载（${file}）：12 个单位，6 个群`)
    expect(reloaded).toContain('新增单位：公交集团')

    say('李联络', shared, '公交集团今日上岗 480 人')
    expect(await reply(shared, 1)).toContain('已登记：公交集团')
    expect(recorded()).toEqual(['公交集团 480'])
    expect(readAudit(bot.db, { action: 'reload-roster' })).toMatchObject([
      { actorId: 'wxid_admin', target: file, after: { units: 12, added: ['公交集团'] } },
    ])

    writeFileSync(file, 'units:\n  - { name: 龙城派出所, taget: 150 }\n')
    say(admin, command, '#重载名册')
    const refused = await reply(command, 2)
    expect(refused).toContain(`名册未重载：${file} 有误，仍使用原名册。`)
    expect(refused).toContain('没有 taget 这一项，是否应为 target？')
    // The roster in force is the one before: both the new unit and the old ones are read.
    say('李联络', shared, '公交集团今日上岗 490 人')
    await reply(shared, 2)
    say('张三', liaison, '龙城所今日上岗 146 人')
    expect(await reply(liaison, 1)).toContain('已登记：龙城派出所')
    expect(recorded()).toEqual(['公交集团 480', '公交集团 490', '龙城派出所 146'])
  })

  it('refuses a non-admin, and changes nothing', async () => {
    writeFileSync(
      file,
      readFileSync(file, 'utf8').replace(
        '  - { name: 保安集团, target: 12000 }\n',
        '  - { name: 保安集团, target: 12000 }\n  - { name: 公交集团, target: 500 }\n',
      ),
    )
    say('指挥长', command, '#重载名册')
    expect(await reply(command, 1)).toContain('#重载名册 只能由管理员使用')
    say('李联络', shared, '公交集团今日上岗 480 人')
    await bot.settle(shared)
    expect(recorded()).toEqual([])
  })

  it('reloads from the host (SIGHUP in npm start) and refuses a new time zone', () => {
    writeFileSync(
      file,
      readFileSync(file, 'utf8').replace('timezone: Asia/Shanghai', 'timezone: Asia/Tokyo'),
    )
    expect(bot.redband.reloadRoster()).toMatchObject({
      ok: false,
      problems: [expect.stringContaining('运行中不能改时区')],
    })
    writeFileSync(
      file,
      readFileSync(exampleRosterFile, 'utf8').replace(/ {2}- \{ topic: 龙城派出所红袖标群.*\n/, ''),
    )
    expect(bot.redband.reloadRoster()).toMatchObject({
      ok: true,
      units: 11,
      rooms: 5,
      stale: [liaison],
    })
  })
})
