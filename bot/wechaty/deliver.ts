import { FileBox } from 'file-box'
import { readFile } from 'node:fs/promises'
import { basename } from 'node:path'
import type { Contact, Room, Wechaty } from 'wechaty'
import type { OutboxRow } from '../../db/outbox.js'
import { RoomUnreachableError } from '../../jobs/room-unreachable-error.js'

/**
 * The room a message is for, by its id only: a room of the same topic is not the same room, so
 * nothing is ever sent to a look-alike. A room that is not among the account's rooms (left,
 * dissolved, or given a new id) holds the message (RoomUnreachableError) until it is found
 * again. The room list is asked, not Room.find: Wechaty finds an id it has cached even after
 * the account left the room.
 */
async function findRoom(bot: Wechaty, row: OutboxRow): Promise<Room> {
  const present = row.roomId !== null && (await bot.puppet.roomList()).includes(row.roomId)
  // Some puppets throw for an id they no longer know rather than finding nothing.
  const room = present ? await bot.Room.find({ id: row.roomId! }).catch(() => undefined) : undefined
  if (!room) throw new RoomUnreachableError(row.roomId, row.roomTopic)
  return room
}

/** Puts an outbox message into WeChat: text with its @mentions, or a file. Throws when WeChat did not take it. */
export async function deliver(bot: Wechaty, row: OutboxRow): Promise<void> {
  const room = await findRoom(bot, row)
  if (row.filePath) {
    // A file box of its content, not of its path: every puppet can carry that (the mock included).
    await room.say(
      FileBox.fromBase64(await readFile(row.filePath, 'base64'), basename(row.filePath)),
    )
    return
  }
  const mentions: Contact[] = []
  for (const id of row.mentionIds ?? []) {
    const contact = await bot.Contact.find({ id })
    if (contact) mentions.push(contact)
  }
  if (mentions.length > 0) await room.say(row.text, ...mentions)
  else await room.say(row.text)
}
