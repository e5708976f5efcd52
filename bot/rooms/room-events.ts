import { retryBusy } from '../../db/busy.js'
import { noteRoom, type RoomSighting } from '../../db/rooms.js'
import type { Inbound } from '../../src/inbound.js'
import type { SaveMedia } from '../context.js'
import { noticeUnboundRoom } from './notice-unbound.js'
import type { RoomGateControl } from './room-gate.js'
import { noteRename, syncRooms, type SyncRoomsDeps } from './sync-rooms.js'

export interface RoomEventsOptions {
  /** Closed at each login, opened once the rooms are known again. */
  gate: RoomGateControl
  /** Handles again a message that waited at the gate. */
  handleAgain: (inbound: Inbound, saveMedia?: SaveMedia) => Promise<void>
}

/** What WeChat tells of rooms, from one account (the plugin) or many (the core's gateways). */
export interface RoomEvents {
  /** A login: the gate closes and the rooms listed so far are noted (none is taken as gone yet). */
  loggedIn(list: () => Promise<RoomSighting[]>): void
  /** The room list is complete: bound rooms are found again, missing ones marked gone, the gate opens. */
  settled(list: () => Promise<RoomSighting[]>): void
  /**
   * A complete room list again, all at once (the core hears each account's whole list): one
   * settled pass, the gate closed meanwhile.
   */
  listed(list: () => Promise<RoomSighting[]>): void
  /** A room has a new topic. */
  renamed(room: { id: string; topic: string }): Promise<void>
  /** The account was invited into a room. */
  joined(room: RoomSighting, invitedBy: string): Promise<void>
}

/**
 * Keeps the store's view of rooms true to WeChat: at login (and once every room is listed)
 * bound rooms are found again and the gate opens; a rename keeps a binding and is reported; a
 * room the bot is invited into that looks like a room in force is refused.
 */
export function roomEvents(deps: SyncRoomsDeps, options: RoomEventsOptions): RoomEvents {
  const { log } = deps
  const { gate } = options
  let login = 0
  let settledLogin = -1
  /** One pass at a time: two would work from the same bindings and move or report twice. */
  let passes: Promise<void> = Promise.resolve()
  const sync = (list: () => Promise<RoomSighting[]>, settled: boolean) => {
    passes = passes.then(async () => {
      try {
        const sightings = await list()
        // Each pass starts again from the store, so a locked store is simply tried again.
        await retryBusy(() => syncRooms(deps, sightings, settled), {
          log,
          what: 'sync the rooms',
          tries: 8,
          maxMs: 2000,
        })
      } catch (error) {
        log.error(
          { err: error },
          'could not sync the rooms after login; bindings stay as they were',
        )
      }
    })
    return passes
  }
  function settle(list: () => Promise<RoomSighting[]>): void {
    if (settledLogin === login) return
    const settling = (settledLogin = login)
    void sync(list, true).then(() => {
      // A newer login closed the gate meanwhile: its own pass opens it.
      if (settling !== login) return
      // Open even when the pass failed: waiting messages must not wait for ever.
      gate
        .open(options.handleAgain)
        .catch((error: unknown) =>
          log.error({ err: error }, 'could not handle the messages that waited for the rooms'),
        )
    })
  }
  return {
    loggedIn(list) {
      login++
      gate.close()
      void sync(list, false)
    },
    settled: settle,
    listed(list) {
      login++
      gate.close()
      settle(list)
    },
    async renamed({ id, topic }) {
      try {
        const at = deps.now()
        noteRoom(deps.db, { id, topic }, at)
        const bound = deps.rooms.all().find((r) => r.id === id)
        if (bound) await noteRename(deps, bound, topic, at)
        else await noticeUnboundRoom(deps, { id, topic })
      } catch (error) {
        log.error({ err: error, roomId: id, room: topic }, 'could not note a room’s new topic')
      }
    },
    async joined(room, invitedBy) {
      try {
        noteRoom(deps.db, room, deps.now())
        log.info({ roomId: room.id, room: room.topic, by: invitedBy }, 'invited into a room')
        if (!deps.rooms.all().some((r) => r.id === room.id))
          await noticeUnboundRoom(deps, room, { invitedBy })
      } catch (error) {
        log.error({ err: error, roomId: room.id }, 'could not note a room the bot was invited into')
      }
    },
  }
}
