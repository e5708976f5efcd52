import { withinScope } from '../../src/scope/within-scope.js'
import { unitsOfRoom } from '../../src/roster/room-units.js'
import type { Handler } from '../chain.js'
import { recalledMeanwhile } from './recall.js'
import { handleReport } from './report.js'

/**
 * Figures in a liaison room count for the units of its scope only: its unit's subtree, its listed
 * units, or (a shared room) the units no other room answers for. Figures for any other unit are
 * not recorded, and the reply names where they belong.
 */
export const reportHandler: Handler = async (ctx, next) => {
  if (ctx.inbound.type !== 'text' || !ctx.room) return
  const parsed = ctx.parse()
  if (parsed.kind !== 'report' && parsed.kind !== 'unplaced') return next()
  if (recalledMeanwhile(ctx)) {
    ctx.log.info('recalled before its handling ended: nothing recorded')
    return
  }
  const { figures, outside } = withinScope(
    parsed,
    unitsOfRoom(ctx.deps.roster, ctx.room, ctx.rooms()),
  )
  if (outside.length > 0) ctx.log.warn({ outside }, 'figures outside the room’s scope not recorded')
  await handleReport(ctx, figures, outside)
}
