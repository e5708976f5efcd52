import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { runCli } from '../../../bot/cli/run-cli.js'
import { readAudit } from '../../../db/audit.js'
import { listBindings } from '../../../db/bindings.js'
import { closeDb, openDb } from '../../../db/client.js'
import { markRoomsGone, noteRoom } from '../../../db/rooms.js'
import { reports } from '../../../db/schema.js'
import { startBotWorld, type BotWorld } from '../../helpers/bot-world.js'
import { memoryIo } from '../../helpers/cli-io.js'
import { exampleRosterFile } from '../../helpers/fixtures.js'
import { tempDir } from '../../helpers/temp.js'

/** A store in which the bot has seen these rooms (id → topic) at its latest login. */
function storeWithRooms(
  rooms: Record<string, string>,
  members: Record<string, { ids: string[]; names: string[]; owner: string }> = {},
): string {
  const file = join(tempDir(), 'redband.db')
  const db = openDb(file)
  for (const [id, topic] of Object.entries(rooms)) {
    const seen = members[id]
    noteRoom(
      db,
      {
        id,
        topic,
        ...(seen ? { memberIds: seen.ids, memberNames: seen.names, ownerId: seen.owner } : {}),
      },
      1,
    )
  }
  markRoomsGone(db, Object.keys(rooms), 2)
  closeDb(db)
  return file
}

async function cli(args: string[], env: Record<string, string> = {}) {
  const { io, out, err } = memoryIo('', env)
  const code = await runCli(args, io)
  return { code, out: out(), err: err() }
}

describe('redband rooms', () => {
  it('lists the roster’s rooms by state, and the rooms the roster does not name', async () => {
    const db = storeWithRooms(
      {
        'r-command': '红袖标指挥部',
        'r-fake-command': '红袖标指挥部',
        'r-district': '呈贡分局红袖标联络群',
        'r-station': '龙城派出所红袖标群',
        'r-parents': '家长群',
      },
      {
        'r-command': { ids: ['a', 'b', 'c'], names: ['指挥长', '参谋', '值班'], owner: 'a' },
        'r-fake-command': { ids: ['z'], names: ['张三'], owner: 'z' },
        'r-station': { ids: ['w', 'l'], names: ['王五', '李警官'], owner: 'l' },
      },
    )
    const { code, out } = await cli(['rooms', '--db', db, '--roster', exampleRosterFile])
    expect(code).toBe(0)
    expect(out).toContain('名册中的群 6 个：已绑定 0，待确认 2，有同名群 1，未见到 3')
    // The operator tells the real group from a look-alike by who is in it.
    expect(out).toMatch(
      /有同名群.*红袖标指挥部.*r-command（3 人，群主 指挥长）、r-fake-command（1 人，群主 张三）/,
    )
    expect(out).toMatch(
      /待确认.*龙城派出所红袖标群.*龙城派出所 联络群.*r-station.*2 人，群主 李警官/,
    )
    expect(out).toMatch(/未见到.*红袖标督导组/)
    expect(out).toMatch(/家长群.*r-parents.*只收听/)
    expect(out).toMatch(/rooms bind --expected --seen-before \d+ 一次确认这 2 个待确认的群/)
  })

  it('confirms every waiting room in one step, leaves look-alikes for a choice by id, and audits', async () => {
    const db = storeWithRooms({
      'r-command': '红袖标指挥部',
      'r-fake-command': '红袖标指挥部',
      'r-station': '龙城派出所红袖标群',
    })
    const env = { REDBAND_DB: db, REDBAND_ROSTER: exampleRosterFile, USER: 'ops' }
    expect((await cli(['rooms', 'bind', '--expected'], env)).out).toContain('共确认 1 个群')
    expect((await cli(['rooms', 'bind', 'r-command'], env)).out).toContain(
      '已绑定：红袖标指挥部（r-command）为 指挥部群',
    )
    const after = await cli(['rooms'], env)
    expect(after.out).toMatch(/已绑定.*红袖标指挥部.*r-command.*另有同名群未获授权：r-fake-command/)
    const store = openDb(db)
    expect(listBindings(store).map((b) => [b.roomId, b.entry])).toEqual([
      ['r-station', '龙城派出所红袖标群'],
      ['r-command', '红袖标指挥部'],
    ])
    expect(readAudit(store, { action: 'bind' }).map((e) => e.actorName)).toEqual(['ops', 'ops'])
    closeDb(store)
    expect((await cli(['rooms', 'unbind', 'r-station'], env)).out).toContain('已解除绑定')
    expect((await cli(['rooms', 'unbind', 'r-station'], env)).code).toBe(1)
  })

  it('confirms only the rooms seen before the list was read: a group made since waits', async () => {
    const db = storeWithRooms({ 'r-station': '龙城派出所红袖标群' })
    const env = { REDBAND_DB: db, REDBAND_ROSTER: exampleRosterFile }
    const listed = (await cli(['rooms'], env)).out
    const seenBefore = /--seen-before (\d+)/.exec(listed)![1]!
    // Between the list and the confirmation, someone makes the command room's look-alike.
    const store = openDb(db)
    noteRoom(store, { id: 'r-new-command', topic: '红袖标指挥部' }, Number(seenBefore) + 1)
    closeDb(store)
    const bound = await cli(['rooms', 'bind', '--expected', '--seen-before', seenBefore], env)
    expect(bound.out).toContain('共确认 1 个群')
    const check = openDb(db)
    expect(listBindings(check).map((b) => b.roomId)).toEqual(['r-station'])
    closeDb(check)
  })

  it('refuses what it cannot do with a sentence that says what to do', async () => {
    const db = storeWithRooms({ 'r-parents': '家长群' })
    const env = { REDBAND_DB: db, REDBAND_ROSTER: exampleRosterFile }
    const unnamed = await cli(['rooms', 'bind', 'r-parents'], env)
    expect(unnamed.code).toBe(2)
    expect(unnamed.err).toContain('名册中没有群「家长群」')
    const unseen = await cli(['rooms', 'bind', 'r-nowhere'], env)
    expect(unseen.err).toContain('机器人没见过群 r-nowhere')
    const bad = await cli(['rooms', 'bind', 'r-parents', '--role', 'boss'], env)
    expect(bad.err).toContain('请写 command、inspection、liaison 之一')
    expect((await cli(['rooms', 'bind', 'r-parents', '--role', 'command'], env)).code).toBe(0)
  })
})

describe('rooms confirmed at the server while the bot runs', () => {
  let bot: BotWorld
  afterEach(() => bot.close())

  it('counts a room’s reports as soon as the operator confirms it', async () => {
    bot = await startBotWorld({ bindRooms: false })
    const station = '龙城派出所红袖标群'
    bot.world.say('王五', station, '今日上岗 140 人')
    await vi.waitFor(() => expect(bot.world.sentTo(station)).toHaveLength(1))
    const env = { REDBAND_DB: join(bot.dir, 'redband.db'), REDBAND_ROSTER: exampleRosterFile }
    await vi.waitFor(async () => expect((await cli(['rooms'], env)).out).toContain('待确认 6'))
    expect((await cli(['rooms', 'bind', '--expected'], env)).out).toContain('共确认 6 个群')
    bot.world.say('王五', station, '今日上岗 141 人')
    await vi.waitFor(() => expect(bot.world.sentTo(station)).toHaveLength(2))
    expect(bot.world.sentTo(station)[1]).toContain('已登记：龙城派出所 今日上岗 141 人')
    expect(
      bot.db
        .select()
        .from(reports)
        .all()
        .map((r) => r.count),
    ).toEqual([141])
  })
})
