import { currentFigure, recordReport } from '../../db/reports.js'
import { exampleUnitFor, writtenName } from '../../src/roster/example-unit.js'
import { plainSum } from '../../src/numbers/parse-number.js'
import { closestUnits } from '../../src/roster/queries.js'
import { reportDay } from '../../src/time/zoned.js'
import { dayLabel, receiptView } from '../../templates/report-views.js'
import { auditChange } from '../audit-change.js'
import type { MessageContext } from '../context.js'
import type { Figures } from '../../src/scope/within-scope.js'
import { scopeLabel } from '../../templates/room-label.js'

/**
 * Records what a liaison reported and answers with one reply: the receipt, then anything held
 * for confirmation, not placed, or (`outside`) named outside the room's scope and not recorded.
 */
export async function handleReport(
  ctx: MessageContext,
  parsed: Figures,
  outside: string[] = [],
): Promise<void> {
  const { deps, inbound } = ctx
  const records = parsed.kind === 'report' ? parsed.records : []
  const activities = parsed.kind === 'report' ? parsed.activities : []
  const correction = parsed.kind === 'report' && parsed.correction
  const day = reportDay(ctx.day, parsed.kind === 'report' ? parsed.statedDate : undefined)
  // The figures as they stood, for the audit log (replaying history writes none).
  const before = deps.replay
    ? new Map()
    : new Map(records.map((r) => [r.unit, currentFigure(deps.db, r.unit, day) ?? null]))
  recordReport(
    deps.db,
    {
      messageId: inbound.id,
      senderId: inbound.senderId,
      day,
      reportedAt: inbound.sentAt,
      correction,
    },
    { records, held: parsed.held, activities },
    { mayRepeat: ctx.mayRepeat },
  )
  for (const r of records) {
    auditChange(ctx, correction ? 'correction' : 'report', r.unit, before.get(r.unit), {
      day,
      count: r.count,
      points: r.points ?? null,
    })
  }
  for (const h of parsed.held) auditChange(ctx, 'held', h.unit, null, { day, count: h.count })
  // Replaying history answers nobody (the receipt is not even written) and logs no line per
  // message: the ingest sums them up.
  if (deps.replay) return
  ctx.log.info(
    { records: records.length, held: parsed.held.length, unknown: parsed.unknown.length, day },
    'report recorded',
  )
  const { templates, roster } = deps
  const parts: string[] = []
  if (records.length + activities.length > 0) {
    parts.push(
      templates.render(
        'receipt',
        receiptView({ records, activities, correction }, dayLabel(day, ctx.day)),
      ),
    )
  }
  if (parsed.held.length > 0) {
    parts.push(
      templates.render('held', {
        held: parsed.held.map(({ unit, count, target }) => ({ unit, count, target })),
      }),
    )
  }
  if (parsed.unknown.length > 0) {
    parts.push(
      templates.render('unknown-unit', {
        unknown: parsed.unknown.map(({ written }) => ({
          written,
          candidates: closestUnits(roster, written).join('、'),
        })),
        exampleUnit: exampleUnitFor(roster, ctx.room, ctx.rooms()),
      }),
    )
  }
  if (parsed.kind === 'unplaced' && parsed.missingUnit) {
    parts.push(
      templates.render('missing-unit', {
        exampleUnit: exampleUnitFor(roster, ctx.room, ctx.rooms()),
      }),
    )
  }
  if (parsed.malformed) {
    // Nothing of these was recorded: the liaison is shown the plain form to send instead.
    const first = parsed.malformed[0]!
    const known = first.unit !== undefined && roster.units.has(first.unit) ? first.unit : undefined
    parts.push(
      templates.render('malformed-figure', {
        written: parsed.malformed.map((m) => m.written),
        unit:
          known === undefined
            ? exampleUnitFor(roster, ctx.room, ctx.rooms())
            : writtenName(roster, known),
        sum: plainSum(first.written) ?? null,
      }),
    )
  }
  if (outside.length > 0 && ctx.room) {
    parts.push(
      templates.render('out-of-scope', {
        units: outside.join('、'),
        scope: scopeLabel(roster, ctx.room),
      }),
    )
  }
  if (parts.length > 0) await ctx.reply(parts.join('\n'))
}
