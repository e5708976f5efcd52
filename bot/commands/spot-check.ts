import { insertChecks, lastCheckedByUnit, type NewSpotCheck } from '../../db/spot-checks.js'
import { checkPrompts, deadlineJob } from '../../jobs/tasks/check-prompts.js'
import { drawUnits } from '../../src/checks/draw-checks.js'
import { parseCheckOrder } from '../../src/checks/parse-check-order.js'
import { exampleUnitOf } from '../../src/roster/example-unit.js'
import { closestUnits, leafUnits, subtree } from '../../src/roster/queries.js'
import { roomForUnit } from '../../src/roster/room-units.js'
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
          exampleUnit: exampleUnitOf(roster, ctx.inbound.roomTopic),
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
    for (const unit of units) {
      const room = roomForUnit(roster, unit)
      if (!room) {
        noRoom.push(unit)
        continue
      }
      rows.push({
        id: `ordered-${ctx.inbound.id}-${unit}`,
        day: ctx.day,
        kind: 'ordered',
        unit,
        roomTopic: room.topic,
        orderMessageId: ctx.inbound.id,
        orderedBy: ctx.inbound.senderId,
        askedAt,
        deadlineAt,
        status: 'open',
      })
    }
    const checks = insertChecks(db, rows)
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
