import {
  bindingOfEntry,
  bindRoom,
  entryBinding,
  unbindRoom,
  type NewRoomBinding,
} from '../../db/bindings.js'
import { getRoom } from '../../db/rooms.js'
import { storeStatus } from '../../db/status-queries.js'
import { normalizeName } from '../../src/parse/normalize.js'
import { exampleUnitFor } from '../../src/roster/example-unit.js'
import { roomStanding } from '../../src/roster/room-standing.js'
import { closestUnits, resolveUnit } from '../../src/roster/queries.js'
import { roleWords } from '../../src/roster/role-words.js'
import { chineseDate, instantOf, localDay, localTime } from '../../src/time/zoned.js'
import { roomLabel } from '../../templates/room-label.js'
import { auditChange } from '../audit-change.js'
import { conditionOf, conditionSince, listsEachAccount } from '../account-state.js'
import type { AccountState, MessageContext } from '../context.js'
import type { Command } from './command.js'

/**
 * The binding `#绑定 [words]` asks for: no words claims the roster room of this topic, a role
 * word or a unit binds the room as that; undefined when the words name neither.
 */
function requestedBinding(ctx: MessageContext, words: string): NewRoomBinding | undefined {
  const { roster } = ctx.deps
  const base = {
    roomId: ctx.inbound.roomId,
    topic: ctx.inbound.roomTopic,
    boundBy: ctx.inbound.senderId,
    boundAt: ctx.inbound.sentAt,
  }
  if (words === '') {
    const topic = normalizeName(ctx.inbound.roomTopic)
    const entry = roster.rooms.find((r) => normalizeName(r.topic) === topic)
    return entry
      ? entryBinding(entry, { id: base.roomId, topic: base.topic }, base.boundBy, base.boundAt)
      : undefined
  }
  const role = roleWords[words]
  if (role) return { ...base, role, unit: null, units: null, entry: null }
  const unit = resolveUnit(roster, words)
  return unit === undefined
    ? undefined
    : { ...base, role: 'liaison', unit, units: null, entry: null }
}

/**
 * #绑定 [单位 | 联络 | 指挥 | 督导]: an admin confirms the room it is said in. Alone, it claims
 * the roster room of the same topic, unless another room the bot is still in holds that claim.
 */
export const bindCommand: Command = {
  name: '绑定',
  roles: ['admin'],
  async run(ctx, command) {
    const { db, roster, templates } = ctx.deps
    const words = command.rest.trim()
    const row = requestedBinding(ctx, words)
    if (!row) {
      await ctx.reply(
        templates.render('bind-form', {
          exampleUnit: exampleUnitFor(roster, ctx.room, ctx.rooms()),
          unknown: words,
          candidates: words ? closestUnits(roster, words).join('、') : '',
          named: roster.rooms.some(
            (r) => normalizeName(r.topic) === normalizeName(ctx.inbound.roomTopic),
          ),
        }),
      )
      return
    }
    const holder = row.entry ? bindingOfEntry(db, row.entry) : undefined
    if (holder && holder.roomId !== row.roomId && !getRoom(db, holder.roomId)?.goneAt) {
      ctx.log.warn(
        { entry: row.entry, holder: holder.roomId },
        'bind refused: entry held by another room',
      )
      await ctx.reply(
        templates.render('bind-taken', {
          topic: row.entry!,
          other: holder.topic,
          otherId: holder.roomId,
        }),
      )
      return
    }
    const before = ctx.room
    // An admin may bind a second room of a kind; told when it has the name of one in force.
    const standing = roomStanding(
      { id: row.roomId, topic: row.topic },
      roster.rooms,
      ctx.rooms().filter((r) => r.id !== row.roomId),
    )
    bindRoom(db, row)
    auditChange(ctx, 'bind', ctx.inbound.roomTopic, before ?? holder ?? null, {
      roomId: row.roomId,
      role: row.role,
      unit: row.unit,
      units: row.units,
      entry: row.entry,
    })
    ctx.log.info({ binding: row, replaced: holder?.roomId }, 'room bound')
    // What waited for the room this one replaces now goes here.
    if (holder && holder.roomId !== row.roomId) ctx.deps.retryHeld?.()
    await ctx.reply(
      templates.render('bound', {
        room: row.topic,
        role: roomLabel({ role: row.role }),
        unit: [row.unit, ...(row.units ?? [])].filter(Boolean).join('、'),
        was: before ? roomLabel(before) : '',
        twin: standing.kind === 'look-alike' && !row.entry ? standing.of.id : '',
      }),
    )
  },
}

/** #解绑: an admin removes the room's binding; it is then a room like any other the bot is in. */
export const unbindCommand: Command = {
  name: '解绑',
  roles: ['admin'],
  async run(ctx) {
    const { db, templates } = ctx.deps
    const removed = unbindRoom(db, ctx.inbound.roomId)
    const was = removed
      ? roomLabel(
          ctx.room ?? {
            role: removed.role,
            unit: removed.unit ?? undefined,
            units: removed.units ?? undefined,
          },
        )
      : ''
    if (removed)
      auditChange(
        ctx,
        'unbind',
        ctx.inbound.roomTopic,
        { role: removed.role, unit: removed.unit, entry: removed.entry },
        null,
      )
    await ctx.reply(templates.render('unbound', { room: ctx.inbound.roomTopic, was }))
  },
}

/** #状态: an admin asks how the bot is: logged in since when, what waits to be sent, the last bulletin. */
/** One account's line of #状态, in the roster's time zone. */
function accountLine(account: AccountState, when: (at: number | null) => string) {
  const condition = conditionOf(account)
  return {
    name: account.name ?? account.account,
    live: condition === 'live',
    silent: condition === 'silent',
    since: when(conditionSince(account)),
    // A gateway reports these; the figures of an account that cannot speak are not news.
    figures: condition === 'live' && account.rooms !== null,
    rooms: account.rooms ?? 0,
    sentToday: account.sentToday ?? 0,
    throttledToday: account.throttledToday ?? 0,
  }
}

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
      : {
          loggedInSince: null,
          queue: { waiting: 0, active: 0, delayed: 0, failed: 0 },
          accounts: [],
        }
    const store = storeStatus(db, ctx.day, instantOf(ctx.day, '00:00', zone))
    const accounts = listsEachAccount(facts.accounts) ? facts.accounts : []
    await ctx.reply(
      templates.render('status', {
        loggedIn: facts.loggedInSince !== null,
        since: when(facts.loggedInSince),
        accounts: accounts.map((a) => accountLine(a, when)),
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
