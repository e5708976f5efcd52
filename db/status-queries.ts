import { and, count, eq, gte, like, max } from 'drizzle-orm'
import type { Day } from '../src/time/zoned.js'
import type { Db } from './client.js'
import { messages, outbox, reports } from './schema.js'

export interface StoreStatus {
  pendingSends: number
  /** When the last evening bulletin went out, epoch ms. */
  lastBulletinAt: number | null
  messagesToday: number
  reportsToday: number
}

/** What #状态 tells from the store. */
export function storeStatus(db: Db, day: Day, dayStartsAt: number): StoreStatus {
  const pending = db.select({ n: count() }).from(outbox).where(eq(outbox.status, 'pending')).get()
  const bulletin = db
    .select({ at: max(outbox.sentAt) })
    .from(outbox)
    .where(and(eq(outbox.status, 'sent'), like(outbox.key, 'bulletins-%')))
    .get()
  const received = db
    .select({ n: count() })
    .from(messages)
    .where(gte(messages.sentAt, dayStartsAt))
    .get()
  const reported = db
    .select({ n: count() })
    .from(reports)
    .where(and(eq(reports.day, day), eq(reports.status, 'counted')))
    .get()
  return {
    pendingSends: pending?.n ?? 0,
    lastBulletinAt: bulletin?.at ?? null,
    messagesToday: received?.n ?? 0,
    reportsToday: reported?.n ?? 0,
  }
}
