import { audit } from '../../db/audit.js'
import { listBindings, moveBinding, renameBinding } from '../../db/bindings.js'
import {
  markRoomsGone,
  noteRoom,
  seenBefore,
  snapshotOf,
  type RoomSighting,
} from '../../db/rooms.js'
import { refindRooms } from '../../src/roster/refind-rooms.js'
import { roomStanding } from '../../src/roster/room-standing.js'
import type { BoundRoom } from '../../src/roster/roster.js'
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
  others: '同名的群成员或群主不同',
}

/** Who changes a binding when no person does: the bot itself, finding rooms again at login. */
const actor = { actorId: 'redband', actorName: '红袖标助手' }

/**
 * A bound room has a new topic: the binding keeps it, the audit log notes it, the command rooms
 * are told. Nothing when the binding knows the topic already (protocols may tell a rename twice,
 * and a login sees it again).
 */
export async function noteRename(
  deps: SyncRoomsDeps,
  room: BoundRoom,
  topic: string,
  at: number,
): Promise<void> {
  if (room.topic === topic) return
  renameBinding(deps.db, room.id, topic)
  audit(deps.db, {
    at,
    ...actor,
    roomTopic: topic,
    action: 'rename',
    target: room.id,
    before: { topic: room.topic },
    after: { topic },
  })
  deps.log.info(
    { roomId: room.id, room: topic, was: room.topic },
    'bound room renamed; its binding stays',
  )
  await alertCommandRooms(
    deps,
    `alert-renamed-${room.id}-${at}`,
    deps.templates.render('alert-renamed', { was: room.topic, topic, meant: roomLabel(room) }),
  )
}

/**
 * After a login, with the rooms the bot is in: notes them and their renames. `settled` is the
 * pass once the protocol has listed every room: only then are bound rooms whose ids changed
 * found again (by topic, people and owner: a partial list would let a look-alike listed first
 * take the binding), rooms missing from the list taken as gone, the command rooms told what
 * could not be found, and look-alikes refused.
 */
export async function syncRooms(
  deps: SyncRoomsDeps,
  sightings: RoomSighting[],
  settled: boolean,
): Promise<void> {
  const { db, log, templates } = deps
  const at = deps.now()
  const bindings = listBindings(db)
  const previous = seenBefore(
    db,
    bindings.map((b) => b.roomId),
  )
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
  for (const found of refindRooms(bindings, previous, sightings.map(snapshotOf))) {
    const room = inForce.get(found.roomId)
    if (found.kind === 'present') {
      if (room) await noteRename(deps, room, found.topic, at)
    } else if (!settled) {
      continue
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
    } else {
      log.warn(
        { roomId: found.roomId, room: found.topic, why: found.why },
        'bound room not found at login; its messages are held until an admin confirms it (#绑定)',
      )
      const binding = bindings.find((b) => b.roomId === found.roomId)!
      const meant = roomLabel(
        room ?? {
          role: binding.role,
          unit: binding.unit ?? undefined,
          units: binding.units ?? undefined,
        },
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
  log.debug({ rooms: sightings.length, bound: bound.length }, 'rooms known after login')
  if (waiting > 0)
    log.info(
      { waiting },
      'roster rooms wait for an admin to confirm them: #绑定 in the room, or `redband rooms bind --expected` at the server',
    )
}
