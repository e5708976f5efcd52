import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import sanitize from 'sanitize-filename'
import { recordEvidence } from '../../db/evidence.js'
import { lastUnitOf } from '../../db/reports.js'
import { singleUnitOf, unitsOfRoom } from '../../src/roster/room-units.js'
import type { Handler } from '../chain.js'
import type { MessageContext } from '../context.js'
import { answerChecks } from './check-answer.js'

/**
 * The unit a photo is evidence for: the unit its sender last reported for when the room may
 * report for it, else the room's own unit (or its one listed unit).
 */
function photoUnit(ctx: MessageContext): string | undefined {
  const room = ctx.room
  const roomUnit = singleUnitOf(room)
  const senderUnit = lastUnitOf(ctx.deps.db, ctx.inbound.senderId)
  if (senderUnit === undefined || !room) return roomUnit
  return unitsOfRoom(ctx.deps.roster, room, ctx.rooms()).has(senderUnit) ? senderUnit : roomUnit
}

/** Saves a photo posted in a liaison room as evidence for its unit and day; a failed save is logged, the photo still noted. */
export async function handlePhoto(ctx: MessageContext): Promise<void> {
  const { deps, inbound } = ctx
  const unit = photoUnit(ctx)
  const folder = join(ctx.day, sanitize(unit ?? inbound.roomTopic) || 'unbound')
  let path: string | null = null
  if (ctx.saveMedia) {
    try {
      const dir = join(deps.evidenceDir, folder)
      await mkdir(dir, { recursive: true })
      path = join(folder, await ctx.saveMedia(dir, sanitize(inbound.id) || 'photo'))
    } catch (error) {
      ctx.log.warn({ err: error }, 'could not save the photo; it is noted without a file')
    }
  }
  recordEvidence(deps.db, {
    messageId: inbound.id,
    unit: unit ?? null,
    day: ctx.day,
    roomId: inbound.roomId,
    senderId: inbound.senderId,
    path,
    postedAt: inbound.sentAt,
  })
  ctx.log.info({ unit, path }, 'photo kept as evidence')
}

/** A photo in a liaison room is kept as evidence and may answer the room's spot checks. */
export const photoHandler: Handler = async (ctx, next) => {
  if (ctx.inbound.type !== 'image') return next()
  await handlePhoto(ctx)
  await answerChecks(ctx, { units: [], post: null })
}
