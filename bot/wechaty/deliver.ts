import { FileBox } from 'file-box'
import { readFile } from 'node:fs/promises'
import { basename } from 'node:path'
import type { Contact, Room, Wechaty } from 'wechaty'
import type { OutboxRow } from '../../db/outbox.js'
import { RoomUnreachableError } from '../../jobs/room-unreachable-error.js'

/** What to say in one room, whoever asked for it (the outbox here, or the core through a gateway). */
export interface Speech {
  roomId: string | null
  /** For the error that names a room it could not reach. */
  roomTopic: string
  text: string
  mentionIds?: string[]
  /** A file to send instead of the text; read only once the room is found. */
  file?: () => Promise<FileBox>
}

/**
 * The room a message is for, by its id only: a room of the same topic is not the same room, so
 * nothing is ever sent to a look-alike. A room that is not among the account's rooms (left,
 * dissolved, or given a new id) holds the message (RoomUnreachableError) until it is found
 * again. The room list is asked, not Room.find: Wechaty finds an id it has cached even after
 * the account left the room.
 */
async function findRoom(bot: Wechaty, speech: Speech): Promise<Room> {
  const { roomId } = speech
  const present = roomId !== null && (await bot.puppet.roomList()).includes(roomId)
  // Some puppets throw for an id they no longer know rather than finding nothing.
  const room = present ? await bot.Room.find({ id: roomId }).catch(() => undefined) : undefined
  if (!room) throw new RoomUnreachableError(roomId, speech.roomTopic)
  return room
}

/** Says text with its @mentions, or a file, in a room found by its id. Throws when WeChat did not take it. */
export async function speak(bot: Wechaty, speech: Speech): Promise<void> {
  const room = await findRoom(bot, speech)
  if (speech.file) {
    await room.say(await speech.file())
    return
  }
  const mentions: Contact[] = []
  for (const id of speech.mentionIds ?? []) {
    const contact = await bot.Contact.find({ id })
    if (contact) mentions.push(contact)
  }
  if (mentions.length > 0) await room.say(speech.text, ...mentions)
  else await room.say(speech.text)
}

/** Puts an outbox message into WeChat: text with its @mentions, or a file. Throws when WeChat did not take it. */
export function deliver(bot: Wechaty, row: OutboxRow): Promise<void> {
  const { filePath } = row
  return speak(bot, {
    roomId: row.roomId,
    roomTopic: row.roomTopic,
    text: row.text,
    ...(row.mentionIds ? { mentionIds: row.mentionIds } : {}),
    // A file box of its content, not of its path: every puppet can carry that (the mock included).
    ...(filePath
      ? {
          file: async () =>
            FileBox.fromBase64(await readFile(filePath, 'base64'), basename(filePath)),
        }
      : {}),
  })
}
