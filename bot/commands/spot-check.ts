import {
  getChecks,
  insertChecks,
  lastCheckedByUnit,
  type NewSpotCheck,
} from '../../db/spot-checks.js'
import { checkPrompts, deadlineJob } from '../../jobs/tasks/check-prompts.js'
import { drawUnits } from '../../src/checks/draw-checks.js'
import { parseCheckOrder } from '../../src/checks/parse-check-order.js'
import { exampleUnitFor } from '../../src/roster/example-unit.js'
import { closestUnits, leafUnits, subtree } from '../../src/roster/queries.js'
import { liaisonRoomFor } from '../../src/roster/room-units.js'
import { defaultInspection } from '../../src/schedule/schedule.js'
import { addDays, localTime } from '../../src/time/zoned.js'
import type { Command } from './command.js'

/** How far back `随机` looks to favour units checked least recently. */
const drawHistoryDays = 30

/**
 * #抽查 单位… | [单位] 随机 N [N分钟]: an inspector orders spot checks. Each unit is asked in its
 * liaison room (or its nearest ancestor's), with a deadline; the inspector is told where each
 * went, and which names are not in the roster.
 */
export const spotCheckCommand: Command = {
  name: '抽查',
  roles: ['inspector'],
  async run(ctx, command) {
    const { db, roster, templates, schedule } = ctx.deps
    const order = parseCheckOrder(command.args, roster)
    const units = [...order.units]
    if (order.random) {
      const pool = (order.random.within ? subtree(roster, order.random.within) : leafUnits(roster))
        .filter((u) => u.children.length === 0 && !units.includes(u.name))
        .map((u) => u.name)
      // Seeded by the order, so the same message always draws the same units.
      units.push(
        ...drawUnits(
          pool,
          lastCheckedByUnit(db, addDays(ctx.day, -drawHistoryDays)),
          order.random.count,
          ctx.inbound.id,
        ),
      )
    }
    if (units.length === 0 && order.unknown.length === 0) {
      const parent = [...roster.units.values()].find((u) => u.children.length > 0)
      await ctx.reply(
        templates.render('check-order-form', {
          exampleUnit: exampleUnitFor(roster, ctx.room, ctx.rooms()),
          exampleParent: parent?.name ?? '',
        }),
      )
      return
    }
    const minutes = order.minutes ?? (schedule.inspection ?? defaultInspection).checkMinutes
    const askedAt = ctx.inbound.sentAt
    const deadlineAt = askedAt + minutes * 60_000
    const rows: NewSpotCheck[] = []
    const noRoom: string[] = []
    const rooms = ctx.rooms()
    for (const unit of units) {
      const room = liaisonRoomFor(roster, unit, rooms)
      if (!room) {
        noRoom.push(unit)
        continue
      }
      rows.push({
        id: `ordered-${ctx.inbound.id}-${unit}`,
        day: ctx.day,
        kind: 'ordered',
        unit,
        roomId: room.id,
        roomTopic: room.topic,
        orderMessageId: ctx.inbound.id,
        orderedBy: ctx.inbound.senderId,
        askedAt,
        deadlineAt,
        status: 'open',
      })
    }
    insertChecks(db, rows)
    // The rows by their ids, not only the new ones: handled again (a locked store), the order
    // prompts the same checks, whose keys send each prompt once. In the order they were asked.
    const stored = new Map(
      getChecks(
        db,
        rows.map((r) => r.id),
      ).map((c) => [c.id, c]),
    )
    const checks = rows.flatMap((r) => stored.get(r.id) ?? [])
    if (checks.length > 0) {
      await ctx.deps.send(
        checkPrompts(templates, roster.timezone, checks, `check-order-${ctx.inbound.id}`),
      )
      await ctx.deps.later(
        deadlineJob(checks, `check-deadline-order-${ctx.inbound.id}`, ctx.deps.now()),
      )
    }
    ctx.log.info(
      { units: checks.map((c) => c.unit), unknown: order.unknown, noRoom, minutes },
      'spot checks ordered',
    )
    await ctx.reply(
      templates.render('check-ordered', {
        deadline: localTime(deadlineAt, roster.timezone),
        minutes,
        sent: checks.map((c) => ({ unit: c.unit, room: c.roomTopic })),
        unknown: order.unknown.map((written) => ({
          written,
          candidates: closestUnits(roster, written).join('、'),
        })),
        noRoom,
      }),
    )
  },
}
