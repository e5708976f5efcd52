import { bindRoom, refreshRooms, unbindRoom, type NewRoomBinding } from '../../db/bindings.js'
import { storeStatus } from '../../db/status-queries.js'
import { exampleUnitOf } from '../../src/roster/example-unit.js'
import { closestUnits, resolveUnit } from '../../src/roster/queries.js'
import type { RoomBinding, RoomRole } from '../../src/roster/roster.js'
import { chineseDate, instantOf, localDay, localTime } from '../../src/time/zoned.js'
import { auditChange } from '../audit-change.js'
import type { Command } from './command.js'

const roleWords: Record<string, RoomRole> = {
  指挥: 'command',
  指挥部: 'command',
  指挥群: 'command',
  督导: 'inspection',
  督导组: 'inspection',
  督导群: 'inspection',
  联络: 'liaison',
  联络群: 'liaison',
}

const roleLabels: Record<RoomRole, string> = {
  liaison: '联络群',
  command: '指挥部群',
  inspection: '督导组群',
}

function describe(binding: Pick<RoomBinding, 'role' | 'unit'> | undefined): string {
  if (!binding) return ''
  return binding.unit ? `${binding.unit} ${roleLabels[binding.role]}` : roleLabels[binding.role]
}

/** #绑定 单位 | 联络 | 指挥 | 督导: an admin binds the room it is said in. */
export const bindCommand: Command = {
  name: '绑定',
  roles: ['admin'],
  async run(ctx, command) {
    const { db, roster, templates } = ctx.deps
    const word = command.rest.trim()
    const role = roleWords[word]
    const unit = role ? undefined : resolveUnit(roster, word)
    if (!role && unit === undefined) {
      await ctx.reply(
        templates.render('bind-form', {
          exampleUnit: exampleUnitOf(roster, ctx.inbound.roomTopic),
          unknown: word,
          candidates: word ? closestUnits(roster, word).join('、') : '',
        }),
      )
      return
    }
    const row: NewRoomBinding = {
      roomId: ctx.inbound.roomId,
      topic: ctx.inbound.roomTopic,
      role: role ?? 'liaison',
      unit: unit ?? null,
      boundBy: ctx.inbound.senderId,
      boundAt: ctx.inbound.sentAt,
    }
    const before = ctx.room
    bindRoom(db, row)
    refreshRooms(db, roster)
    auditChange(ctx, 'bind', ctx.inbound.roomTopic, before ?? null, {
      role: row.role,
      unit: row.unit,
    })
    ctx.log.info({ binding: row }, 'room bound')
    await ctx.reply(
      templates.render('bound', {
        room: row.topic,
        role: roleLabels[row.role],
        unit: row.unit ?? '',
        was: describe(before),
      }),
    )
  },
}

/** #解绑: an admin removes the room's chat binding (a roster-file binding stays). */
export const unbindCommand: Command = {
  name: '解绑',
  roles: ['admin'],
  async run(ctx) {
    const { db, roster, templates } = ctx.deps
    const removed = unbindRoom(db, ctx.inbound.roomId, ctx.inbound.roomTopic)
    refreshRooms(db, roster)
    const fromFile = roster.fileRooms.find((r) => r.topic === ctx.inbound.roomTopic)
    if (removed)
      auditChange(
        ctx,
        'unbind',
        ctx.inbound.roomTopic,
        { role: removed.role, unit: removed.unit },
        null,
      )
    await ctx.reply(
      templates.render('unbound', {
        room: ctx.inbound.roomTopic,
        was: describe(removed ? { role: removed.role, unit: removed.unit ?? undefined } : fromFile),
        fromFile: !removed && fromFile !== undefined,
      }),
    )
  },
}

/** #状态: an admin asks how the bot is: logged in since when, what waits to be sent, the last bulletin. */
export const statusCommand: Command = {
  name: '状态',
  roles: ['admin'],
  async run(ctx) {
    const { db, roster, templates, status } = ctx.deps
    const zone = roster.timezone
    const when = (at: number | null) =>
      at === null ? '无' : `${chineseDate(localDay(at, zone))} ${localTime(at, zone)}`
    const facts = status
      ? await status()
      : { loggedInSince: null, queue: { waiting: 0, active: 0, delayed: 0, failed: 0 } }
    const store = storeStatus(db, ctx.day, instantOf(ctx.day, '00:00', zone))
    await ctx.reply(
      templates.render('status', {
        loggedIn: facts.loggedInSince !== null,
        since: when(facts.loggedInSince),
        pendingSends: store.pendingSends,
        waiting: facts.queue.waiting,
        delayed: facts.queue.delayed,
        failed: facts.queue.failed,
        lastBulletin: when(store.lastBulletinAt),
        messagesToday: store.messagesToday,
        reportsToday: store.reportsToday,
      }),
    )
  },
}
