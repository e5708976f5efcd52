import { and, asc, eq, gte, lt, type SQL } from 'drizzle-orm'
import type { Db } from './client.js'
import { prepared } from './prepared.js'
import { auditLog } from './schema.js'

export type AuditEntry = typeof auditLog.$inferInsert
export type AuditRow = typeof auditLog.$inferSelect

/**
 * Writes one line of the audit log. A line about a message is written once: handling a message
 * again (after the store was locked) finds its line (same message, action, target and after)
 * and adds none.
 */
export function audit(db: Db, entry: AuditEntry): void {
  const insert = prepared(db, 'audit', () =>
    db.$client.prepare(
      `insert into audit_log (at, actor_id, actor_name, room_topic, message_id, action, target, before, after)
       select @at, @actorId, @actorName, @roomTopic, @messageId, @action, @target, @before, @after
       where @messageId is null or not exists (
         select 1 from audit_log where target is @target and at = @at and message_id = @messageId
           and action = @action and after is @after)`,
    ),
  )
  insert.run({
    at: entry.at,
    actorId: entry.actorId,
    actorName: entry.actorName,
    roomTopic: entry.roomTopic,
    messageId: entry.messageId ?? null,
    action: entry.action,
    target: entry.target ?? null,
    before:
      entry.before === undefined || entry.before === null ? null : JSON.stringify(entry.before),
    after: entry.after === undefined || entry.after === null ? null : JSON.stringify(entry.after),
  })
}

export interface AuditQuery {
  /** From this instant (epoch ms), inclusive. */
  from?: number
  /** Up to this instant, exclusive. */
  to?: number
  actorId?: string
  target?: string
  action?: string
}

/** The audit log, oldest first, filtered. */
export function readAudit(db: Db, query: AuditQuery = {}): AuditRow[] {
  const conditions: Array<SQL | undefined> = [
    query.from !== undefined ? gte(auditLog.at, query.from) : undefined,
    query.to !== undefined ? lt(auditLog.at, query.to) : undefined,
    query.actorId !== undefined ? eq(auditLog.actorId, query.actorId) : undefined,
    query.target !== undefined ? eq(auditLog.target, query.target) : undefined,
    query.action !== undefined ? eq(auditLog.action, query.action) : undefined,
  ]
  return db
    .select()
    .from(auditLog)
    .where(and(...conditions))
    .orderBy(asc(auditLog.at), asc(auditLog.id))
    .all()
}
