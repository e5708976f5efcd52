import { eq } from 'drizzle-orm'
import { fingerprintOf, type Inbound } from '../src/inbound.js'
import type { Db } from './client.js'
import { messages } from './schema.js'

/**
 * Keeps an inbound message verbatim. Returns false when it is already stored, by id or by
 * fingerprint (a replay under a new id), so the caller stops there.
 */
export function storeMessage(db: Db, inbound: Inbound, receivedAt: number): boolean {
  const result = db
    .insert(messages)
    .values({ ...inbound, fingerprint: fingerprintOf(inbound), receivedAt })
    .onConflictDoNothing()
    .run()
  return result.changes === 1
}

export function markRecalled(db: Db, messageId: string, at: number): void {
  db.update(messages).set({ recalledAt: at }).where(eq(messages.id, messageId)).run()
}

export function getMessage(db: Db, id: string) {
  return db.select().from(messages).where(eq(messages.id, id)).get()
}
