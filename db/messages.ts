import { eq } from 'drizzle-orm'
import { fingerprintOf, type Inbound } from '../src/inbound.js'
import type { Db } from './client.js'
import { prepared } from './prepared.js'
import { messages } from './schema.js'

/**
 * Keeps an inbound message verbatim. Returns false when it is already stored, by id or by
 * fingerprint (a replay under a new id), so the caller stops there.
 */
export function storeMessage(db: Db, inbound: Inbound, receivedAt: number): boolean {
  const insert = prepared(db, 'storeMessage', () =>
    db.$client.prepare(
      `insert into messages (id, room_id, room_topic, sender_id, sender_name, sent_at, type, text, fingerprint, received_at)
       values (@id, @roomId, @roomTopic, @senderId, @senderName, @sentAt, @type, @text, @fingerprint, @receivedAt)
       on conflict do nothing`,
    ),
  )
  const { id, roomId, roomTopic, senderId, senderName, sentAt, type, text } = inbound
  const fingerprint = fingerprintOf(inbound)
  return (
    insert.run({
      id,
      roomId,
      roomTopic,
      senderId,
      senderName,
      sentAt,
      type,
      text,
      fingerprint,
      receivedAt,
    }).changes === 1
  )
}

export function markRecalled(db: Db, messageId: string, at: number): void {
  db.update(messages).set({ recalledAt: at }).where(eq(messages.id, messageId)).run()
}

export function getMessage(db: Db, id: string) {
  return db.select().from(messages).where(eq(messages.id, id)).get()
}
