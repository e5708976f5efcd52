import { audit } from '../db/audit.js'
import type { MessageContext } from './context.js'

/**
 * One line of the audit log for what the message's sender did: who, where, when, before, after.
 * Replaying history (ingest) writes none per message: the import is audited as a whole.
 */
export function auditChange(
  ctx: MessageContext,
  action: string,
  target: string | null,
  before: unknown,
  after: unknown,
): void {
  const { inbound } = ctx
  if (ctx.deps.replay) return
  audit(ctx.deps.db, {
    at: inbound.sentAt,
    actorId: inbound.senderId,
    actorName: inbound.senderName,
    roomTopic: inbound.roomTopic,
    messageId: inbound.id,
    action,
    target,
    before: before ?? null,
    after: after ?? null,
  })
}
