import type { Room, Wechaty } from 'wechaty'
import type { RoomSighting } from '../../db/rooms.js'
import { isLoggedIn } from '../wechaty/logged-in.js'

/** Rooms looked at in parallel: a puppet fetches each room's members with a call of its own. */
const concurrency = 8

/** What the bot sees of one room: topic, the people in it (the bot left out), its owner. */
export async function sightingOf(room: Room, selfId: string | undefined): Promise<RoomSighting> {
  const [topic, members] = await Promise.all([room.topic(), room.memberAll()])
  const others = members.filter((m) => m.id !== selfId)
  return {
    id: room.id,
    topic,
    memberIds: others.map((m) => m.id),
    memberNames: others.map((m) => m.name()),
    ownerId: room.owner()?.id ?? null,
  }
}

/** Every room the bot is in now, with its members; a room that cannot be read is left out. */
export async function listRooms(
  bot: Wechaty,
  onError: (room: Room, error: unknown) => void,
): Promise<RoomSighting[]> {
  const rooms = await bot.Room.findAll()
  const selfId = isLoggedIn(bot) ? bot.currentUser.id : undefined
  const seen: RoomSighting[] = []
  for (let i = 0; i < rooms.length; i += concurrency) {
    const batch = await Promise.all(
      rooms.slice(i, i + concurrency).map((room) =>
        sightingOf(room, selfId).catch((error: unknown) => {
          onError(room, error)
          return undefined
        }),
      ),
    )
    for (const sighting of batch) if (sighting) seen.push(sighting)
  }
  return seen
}
