import { audit } from '../../db/audit.js'
import { listBindings, moveBinding, renameBinding } from '../../db/bindings.js'
import { getRoom, markRoomsGone, noteRoom, type RoomSighting } from '../../db/rooms.js'
import { refindRooms, type RoomSnapshot } from '../../src/roster/refind-rooms.js'
import { roomStanding } from '../../src/roster/room-standing.js'
import { roomLabel } from '../../templates/room-label.js'
import { alertCommandRooms } from './alert-command-rooms.js'
import { noticeUnboundRoom, type NoticeDeps } from './notice-unbound.js'

export interface SyncRoomsDeps extends NoticeDeps {
  /** Called when bindings moved to new ids, so messages held for them can go. */
  onMoved?: () => void
}

const why = {
  none: '没有找到同名的群',
  several: '有多个同名的群，无法确定是哪一个',
  others: '同名的群成员不同',
}

/** Who changes a binding when no person does: the bot itself, finding rooms again at login. */
const actor = { actorId: 'redband', actorName: '红袖标助手' }

function snapshot(room: RoomSighting): RoomSnapshot {
  return {
    id: room.id,
    topic: room.topic,
    memberIds: room.memberIds ?? [],
    memberNames: room.memberNames ?? [],
  }
}

/**
 * After a login, with the rooms the bot is in: notes them, finds every bound room again (by id,
 * or by topic and the same people where ids changed), notes renames, and tells the command rooms
 * what it renamed, moved or could not find. `settled` is the pass once the protocol has listed
 * every room: only then is a room missing from the list taken as gone, and look-alikes refused.
 */
export async function syncRooms(
  deps: SyncRoomsDeps,
  sightings: RoomSighting[],
  settled: boolean,
): Promise<void> {
  const { db, log, templates } = deps
  const at = deps.now()
  const bindings = listBindings(db)
  const previous = new Map<string, RoomSnapshot>()
  for (const binding of bindings) {
    const seen = getRoom(db, binding.roomId)
    if (seen) previous.set(binding.roomId, seen)
  }
  for (const sighting of sightings) noteRoom(db, sighting, at)
  if (settled && sightings.length > 0)
    markRoomsGone(
      db,
      sightings.map((s) => s.id),
      at,
    )
  const inForce = new Map(deps.rooms.all().map((room) => [room.id, room]))
  const lost: Array<{ topic: string; meant: string; why: string }> = []
  let moved = 0
  for (const found of refindRooms(bindings, previous, sightings.map(snapshot))) {
    const binding = bindings.find((b) => b.roomId === found.roomId)!
    const meant = roomLabel(
      inForce.get(found.roomId) ?? {
        role: binding.role,
        unit: binding.unit ?? undefined,
        units: binding.units ?? undefined,
      },
    )
    if (found.kind === 'present' && found.renamedFrom !== undefined) {
      renameBinding(db, found.roomId, found.topic)
      audit(db, {
        at,
        ...actor,
        roomTopic: found.topic,
        action: 'rename',
        target: found.roomId,
        before: { topic: found.renamedFrom },
        after: { topic: found.topic },
      })
      log.info(
        { roomId: found.roomId, room: found.topic, was: found.renamedFrom },
        'bound room renamed; its binding stays',
      )
      await alertCommandRooms(
        deps,
        `alert-renamed-${found.roomId}-${at}`,
        templates.render('alert-renamed', { was: found.renamedFrom, topic: found.topic, meant }),
      )
    } else if (found.kind === 'moved') {
      moveBinding(db, found.roomId, { roomId: found.to.id, topic: found.to.topic })
      audit(db, {
        at,
        ...actor,
        roomTopic: found.to.topic,
        action: 'rebind',
        target: found.to.id,
        before: { roomId: found.roomId },
        after: { roomId: found.to.id },
      })
      log.info(
        { was: found.roomId, roomId: found.to.id, room: found.to.topic },
        'bound room found again under a new id',
      )
      moved++
    } else if (found.kind === 'lost' && settled) {
      log.warn(
        { roomId: found.roomId, room: found.topic, why: found.why },
        'bound room not found at login; its messages are held until an admin confirms it (#绑定)',
      )
      lost.push({ topic: found.topic, meant, why: why[found.why] })
    }
  }
  if (moved > 0) deps.onMoved?.()
  if (lost.length > 0)
    await alertCommandRooms(
      deps,
      `alert-rooms-lost-${at}`,
      templates.render('alert-rooms-lost', { rooms: lost }),
    )
  if (!settled) return
  const bound = deps.rooms.all()
  const boundIds = new Set(bound.map((r) => r.id))
  let waiting = 0
  for (const room of sightings.filter((s) => !boundIds.has(s.id))) {
    const standing = roomStanding(room, deps.roster.rooms, bound)
    if (standing.kind === 'look-alike') await noticeUnboundRoom(deps, room)
    else if (standing.kind === 'waiting') waiting++
  }
  if (waiting > 0)
    log.info(
      { waiting },
      'roster rooms wait for an admin to confirm them: #绑定 in the room, or `redband rooms bind --expected` at the server',
    )
}
