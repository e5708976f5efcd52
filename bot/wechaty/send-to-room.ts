import type { Contact, Wechaty } from 'wechaty'
import type { Outgoing } from '../context.js'

/** Says a message in a room through Wechaty, @mentioning whom it names. Throws when the room is gone. */
export async function sendToRoom(bot: Wechaty, out: Outgoing): Promise<void> {
  const room = await bot.Room.find({ id: out.roomId })
  if (!room) throw new Error(`room ${out.roomId} is not reachable`)
  const mentions: Contact[] = []
  for (const id of out.mentionIds ?? []) {
    const contact = await bot.Contact.find({ id })
    if (contact) mentions.push(contact)
  }
  if (mentions.length > 0) await room.say(out.text, ...mentions)
  else await room.say(out.text)
}
