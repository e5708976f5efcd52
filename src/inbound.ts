import { hash } from 'node:crypto'

/** A group message as the domain sees it: plain data, whatever protocol carried it. */

export type InboundType = 'text' | 'image' | 'recalled' | 'card' | 'other'

export interface Inbound {
  /** The protocol's message id; the store keeps each id once. */
  id: string
  roomId: string
  roomTopic: string
  senderId: string
  senderName: string
  /** The sender's WeChat account handle (微信号), when the protocol gives it: stable, unlike a nickname. */
  senderHandle?: string
  /** When it was sent, epoch ms. */
  sentAt: number
  type: InboundType
  /** The text; for a recall, the id of the recalled message; for media, a placeholder. */
  text: string
}

/**
 * Identifies a message across logins, when some protocols hand out new ids:
 * same room, sender, second and text.
 */
export function fingerprintOf(inbound: Inbound): string {
  if (inbound.type !== 'text') return `id:${inbound.id}`
  const second = Math.floor(inbound.sentAt / 1000)
  return hash(
    'sha1',
    `${inbound.roomTopic}\u0000${inbound.senderName}\u0000${second}\u0000${inbound.text}`,
    'base64url',
  )
}
