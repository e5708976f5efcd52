import { FileBox } from 'file-box'
import { readFile } from 'node:fs/promises'
import { basename } from 'node:path'
import type { Contact, Room, Wechaty } from 'wechaty'
import type { OutboxRow } from '../../db/outbox.js'

/** The room by its id when that still works, else by topic: ids can change across logins. */
async function findRoom(bot: Wechaty, row: OutboxRow): Promise<Room> {
  // Some puppets throw for an id they no longer know rather than finding nothing.
  const byId = row.roomId
    ? await bot.Room.find({ id: row.roomId }).catch(() => undefined)
    : undefined
  const room = byId ?? (await bot.Room.find({ topic: row.roomTopic }))
  if (!room) throw new Error(`no room "${row.roomTopic}" is reachable; is the bot still in it?`)
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
