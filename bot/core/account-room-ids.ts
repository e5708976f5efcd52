import { seenBefore, snapshotOf } from '../../db/rooms.js'
import type { AccountBoard, AccountView } from '../../jobs/accounts/account-board.js'
import { accountRooms, type AccountRooms } from '../../src/roster/account-rooms.js'
import type { BotDeps } from '../context.js'

/** How long a match of an account's rooms to the store's holds while its rooms do not change. */
const matchEveryMs = 10_000

interface MatchedRooms {
  /** The roomsVersion of the heartbeat these are of. */
  version: string
  ids: Set<string>
  rooms?: AccountRooms
  matchedAt: number
}

export interface AccountRoomIds {
  /** The account's id for a room the store knows; undefined when it does not sit in it. */
  toAccount(account: string, storeId: string): string | undefined
  /** The store's id for a room as the account knows it (its own id when nothing matches). */
  toStore(account: string, roomId: string): string
}

/**
 * Each account's ids for the rooms, both ways. A protocol that gives every account the same id
 * needs nothing more than the account's own ids; otherwise its rooms are matched to the store's
 * (accountRooms), again when its rooms change and at most every matchEveryMs otherwise (an admin
 * may have bound a room meanwhile).
 */
export function accountRoomIds(
  board: AccountBoard,
  deps: Pick<BotDeps, 'db' | 'rooms' | 'now'>,
): AccountRoomIds {
  const matched = new Map<string, MatchedRooms>()

  function roomsOf(view: AccountView): MatchedRooms {
    const known = matched.get(view.account)
    if (known?.version === view.heartbeat.roomsVersion) return known
    const fresh: MatchedRooms = {
      version: view.heartbeat.roomsVersion,
      ids: new Set(view.rooms.map((r) => r.id)),
      matchedAt: 0,
    }
    matched.set(view.account, fresh)
    return fresh
  }

  function match(view: AccountView): AccountRooms {
    const known = roomsOf(view)
    const at = deps.now()
    if (known.rooms && at - known.matchedAt < matchEveryMs) return known.rooms
    const bound = deps.rooms.all().map((r) => ({ roomId: r.id, topic: r.topic }))
    known.rooms = accountRooms(
      bound,
      seenBefore(
        deps.db,
        bound.map((b) => b.roomId),
      ),
      view.rooms.map(snapshotOf),
    )
    known.matchedAt = at
    return known.rooms
  }

  return {
    toAccount(account, storeId) {
      const view = board.get(account)
      if (!view) return undefined
      if (roomsOf(view).ids.has(storeId)) return storeId
      return match(view).toAccount.get(storeId)
    },
    toStore(account, roomId) {
      const view = board.get(account)
      // A room bound under this very id is that room, for every account: nothing to match.
      if (!view || deps.rooms.of({ roomId, roomTopic: '' })) return roomId
      return match(view).toStore.get(roomId) ?? roomId
    },
  }
}
