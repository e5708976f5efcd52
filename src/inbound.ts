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
  /**
   * A hash of a photo's bytes, when they came with the message (a gateway carries them): the
   * same photo seen by two accounts is then one photo, whatever ids each gave it.
   */
  contentHash?: string
}

/**
 * Identifies a message across logins and accounts, which give it ids of their own: same room,
 * sender, second and text (for a photo whose bytes came along, the same bytes).
 */
export function fingerprintOf(inbound: Inbound): string {
  const second = Math.floor(inbound.sentAt / 1000)
  if (inbound.type === 'image' && inbound.contentHash)
    return `img:${hash('sha1', `${inbound.roomTopic}\u0000${inbound.senderName}\u0000${second}\u0000${inbound.contentHash}`, 'base64url')}`
  if (inbound.type !== 'text') return `id:${inbound.id}`
  return hash(
    'sha1',
    `${inbound.roomTopic}\u0000${inbound.senderName}\u0000${second}\u0000${inbound.text}`,
    'base64url',
  )
}
