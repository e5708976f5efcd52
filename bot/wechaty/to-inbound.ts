import { types, type Message } from 'wechaty'
import type { Inbound, InboundType } from '../../src/inbound.js'

const cardTypes = new Set([
  types.Message.Url,
  types.Message.MiniProgram,
  types.Message.Contact,
  types.Message.ChatHistory,
  types.Message.Attachment,
  types.Message.Location,
])

function inboundType(type: types.Message): InboundType {
  if (type === types.Message.Text) return 'text'
  if (type === types.Message.Image) return 'image'
  if (type === types.Message.Recalled) return 'recalled'
  return cardTypes.has(type) ? 'card' : 'other'
}

/** A Wechaty group message as a plain inbound object; undefined for direct messages. */
export async function toInbound(msg: Message): Promise<Inbound | undefined> {
  const room = msg.room()
  if (!room) return undefined
  const talker = msg.talker()
  const handle = talker.handle()
  return {
    id: msg.id,
    roomId: room.id,
    roomTopic: await room.topic(),
    senderId: talker.id,
    senderName: talker.name(),
    ...(handle ? { senderHandle: handle } : {}),
    sentAt: msg.date().getTime(),
    type: inboundType(msg.type()),
    text: msg.text() ?? '',
  }
}
