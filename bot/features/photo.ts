import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import sanitize from 'sanitize-filename'
import { recordEvidence } from '../../db/evidence.js'
import { lastUnitOf } from '../../db/reports.js'
import { subtree } from '../../src/roster/queries.js'
import type { MessageContext } from '../context.js'

/**
 * The unit a photo is evidence for: the unit its sender last reported for when that lies
 * in the room's part of the tree, else the room's own unit.
 */
function photoUnit(ctx: MessageContext): string | undefined {
  const roomUnit = ctx.room?.unit
  const senderUnit = lastUnitOf(ctx.deps.db, ctx.inbound.senderId)
  if (senderUnit === undefined) return roomUnit
  if (roomUnit === undefined) return senderUnit
  return subtree(ctx.deps.roster, roomUnit).some((u) => u.name === senderUnit)
    ? senderUnit
    : roomUnit
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
