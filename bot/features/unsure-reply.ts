import { addReviewItem, askedWithin } from '../../db/review.js'
import type { Unread } from '../../src/parse/types.js'
import { exampleUnitFor, writtenName } from '../../src/roster/example-unit.js'
import { singleUnitOf, unitsOfRoom } from '../../src/roster/room-units.js'
import type { Handler } from '../chain.js'
import type { MessageContext } from '../context.js'
import { recalledMeanwhile } from './recall.js'

/** A sender is asked about an unread message at most once in this long. */
export const unsureQuietMs = 10 * 60_000

/**
 * Whether an unread message is the room's to ask about, and the units it is about: the in-scope
 * units it names (a misspelt name counts as the unit it is close to); when it names none, the
 * room's own single unit, or none in a shared room (where `白班1500人，夜班1400人` is still
 * somebody's report). Undefined when it names only units the room does not report for: the
 * scope rules answer figures for those.
 */
function unitsInScope(ctx: MessageContext, unread: Unread): string[] | undefined {
  const room = ctx.room!
  const named = [...unread.units, ...(unread.misspelt ? [unread.misspelt.unit] : [])]
  if (named.length === 0) {
    const own = singleUnitOf(room)
    return own === undefined ? [] : [own]
  }
  const scope = unitsOfRoom(ctx.deps.roster, room, ctx.rooms())
  const units = [...new Set(named)].filter((u) => scope.has(u))
  return units.length > 0 ? units : undefined
}

/**
 * A message that may be a report but gave no record (the parser's `unread`), the room's to report:
 * it is listed for review (待核), once, and its sender is asked for the plain form, or
 * "您是指…吗？" for a misspelt unit, at most once per `unsureQuietMs`. Silence would let the
 * liaison believe it counted.
 */
export const unsureHandler: Handler = async (ctx) => {
  if (ctx.inbound.type !== 'text' || !ctx.room) return
  const parsed = ctx.parse()
  if (parsed.kind !== 'chatter' || !parsed.unread) return
  const { unread } = parsed
  const units = unitsInScope(ctx, unread)
  if (units === undefined) {
    ctx.log.debug({ units: unread.units }, 'unread, for units outside the room: not asked')
    return
  }
  const { db, templates, roster } = ctx.deps
  const { inbound } = ctx
  if (recalledMeanwhile(ctx)) return
  addReviewItem(db, {
    messageId: inbound.id,
    day: ctx.day,
    roomId: inbound.roomId,
    units,
    why: unread.why,
    createdAt: inbound.sentAt,
  })
  ctx.log.info({ units, why: unread.why, misspelt: unread.misspelt }, 'unread: listed for review')
  // Replaying history asks nobody.
  if (ctx.deps.replay) return
  if (askedWithin(db, inbound, unsureQuietMs)) {
    ctx.log.info('unread: its sender was asked lately, not again')
    return
  }
  const suggested =
    unread.misspelt && units.includes(unread.misspelt.unit) ? unread.misspelt.unit : undefined
  const named = suggested ?? (unread.units.length > 0 ? units[0] : undefined)
  // The form shows the unit as people write it (its first alias).
  const unit =
    named === undefined ? exampleUnitFor(roster, ctx.room, ctx.rooms()) : writtenName(roster, named)
  await ctx.reply(
    templates.render('unsure', {
      unit,
      suggested: suggested ?? '',
      police: unread.police === true,
    }),
  )
}
