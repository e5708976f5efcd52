import { and, asc, eq, gte, isNull, sql } from 'drizzle-orm'
import { fingerprintOf, type Inbound } from '../src/inbound.js'
import type { Db } from './client.js'
import { prepared } from './prepared.js'
import { messages } from './schema.js'

/**
 * Keeps an inbound message verbatim. Returns false when it is already stored, by id or by
 * fingerprint (a replay under a new id), so the caller stops there.
 */
export function storeMessage(
  db: Db,
  inbound: Inbound,
  receivedAt: number,
  /** handled: it is handled in the same transaction (an ingest), so it is noted as handled now. */
  options: { handled?: boolean } = {},
): boolean {
  const insert = prepared(db, 'storeMessage', () =>
    db.$client.prepare(
      `insert into messages (id, room_id, room_topic, sender_id, sender_name, sent_at, type, text, fingerprint, received_at, handled_at)
       values (@id, @roomId, @roomTopic, @senderId, @senderName, @sentAt, @type, @text, @fingerprint, @receivedAt, @handledAt)
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
      handledAt: options.handled ? receivedAt : null,
    }).changes === 1
  )
}

/**
 * Notes that a message's handling ended (or that it was history, not to act on); `null` takes
 * it back (a message written as handled was put aside).
 */
export function markHandled(db: Db, messageId: string, at: number | null): void {
  prepared(db, 'markHandled', () =>
    db.$client.prepare('update messages set handled_at = ? where id = ?'),
  ).run(at, messageId)
}

/**
 * Messages received since `since` whose handling never ended (a crash cut it short, or they
 * waited for the rooms to be known), in the order they came: what a start handles again.
 */
export function unhandledSince(db: Db, since: number): Inbound[] {
  return db
    .select()
    .from(messages)
    .where(and(isNull(messages.handledAt), gte(messages.receivedAt, since)))
    .orderBy(asc(messages.receivedAt), asc(sql`rowid`))
    .all()
    .map((m) => ({
      id: m.id,
      roomId: m.roomId,
      roomTopic: m.roomTopic,
      senderId: m.senderId,
      senderName: m.senderName,
      sentAt: m.sentAt,
      type: m.type as Inbound['type'],
      text: m.text,
    }))
}

export function markRecalled(db: Db, messageId: string, at: number): void {
  db.update(messages).set({ recalledAt: at }).where(eq(messages.id, messageId)).run()
}

/** When the message was recalled; undefined when it was not (or is not stored). */
export function recalledAt(db: Db, id: string): number | undefined {
  const at = prepared(db, 'recalledAt', () =>
    db.$client.prepare('select recalled_at from messages where id = ?').pluck(),
  ).get(id) as number | null | undefined
  return at ?? undefined
}

export function getMessage(db: Db, id: string) {
  return db.select().from(messages).where(eq(messages.id, id)).get()
}
