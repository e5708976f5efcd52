import type { Inbound } from '../src/inbound.js'
import type { BotDeps } from './context.js'
import { handleInbound, type InboundOutcome } from './handle-inbound.js'

/** Commits every so many messages: one transaction per message would make a replay disk-bound. */
const batchSize = 2000

/**
 * Replays stored or exported messages through the live path (same guards, same parser, same
 * records), committing in batches. Resolves to how many messages met each outcome.
 */
export async function ingest(
  deps: BotDeps,
  inbounds: AsyncIterable<Inbound> | Iterable<Inbound>,
): Promise<Record<InboundOutcome, number>> {
  const outcomes: Record<InboundOutcome, number> = { handled: 0, duplicate: 0, stale: 0 }
  const sqlite = deps.db.$client
  let pending = 0
  sqlite.exec('BEGIN')
  try {
    for await (const inbound of inbounds) {
      outcomes[await handleInbound(deps, inbound)]++
      if (++pending === batchSize) {
        sqlite.exec('COMMIT; BEGIN')
        pending = 0
      }
    }
    sqlite.exec('COMMIT')
  } finally {
    if (sqlite.inTransaction) sqlite.exec('ROLLBACK')
  }
  return outcomes
}
