import { existsSync } from 'node:fs'
import { dataVersion } from '../db/prepared.js'
import type { Inbound } from '../src/inbound.js'
import type { BotDeps } from './context.js'
import { handleInbound, type InboundOutcome } from './handle-inbound.js'
import { journalPathOf } from './inbound-journal.js'

export interface IngestOptions {
  /**
   * A write transaction commits after this much work while a live bot shares the store: it
   * waits about this long for the lock at most, and one commit per message would make a replay
   * disk-bound.
   */
  batchMs?: number
  /**
   * The same while nobody else has written since the last commit: fewer, longer transactions
   * (commits were a fifth of an ingest's time at 50 ms). A live bot that then writes finds the
   * lock taken once, retries and journals, and from then on the turns are short.
   */
  aloneBatchMs?: number
  /** The pause after each commit, so a live writer waiting for the lock can take it. */
  restMs?: number
  /** The pause after a commit while the live bot is at work (it wrote, or it journals): let it through. */
  busyRestMs?: number
}

const defaults: Required<IngestOptions> = {
  batchMs: 50,
  aloneBatchMs: 250,
  restMs: 1,
  busyRestMs: 25,
}

/**
 * Replays stored or exported messages through the live path (same guards, same parser, same
 * records), in short write transactions. `inbounds` is either every message at hand, or batches
 * as the input delivers them (each batch what was there to read without waiting): the lock is
 * never held while waiting for input, nor for longer than `batchMs` of work once a live bot is
 * seen writing (`aloneBatchMs` until then).
 * Resolves to how many messages met each outcome.
 */
export async function ingest(
  deps: BotDeps,
  inbounds: Iterable<Inbound> | AsyncIterable<readonly Inbound[]>,
  options: IngestOptions = {},
): Promise<Record<InboundOutcome, number>> {
  const { batchMs, aloneBatchMs, restMs, busyRestMs } = { ...defaults, ...options }
  const outcomes: Record<InboundOutcome, number> = { handled: 0, duplicate: 0, stale: 0 }
  const sqlite = deps.db.$client
  const liveAtWork = liveWriterWatch(deps)
  /** Whether a live bot has been seen writing (or journaling): from then on the turns are short. */
  let shared = false

  /** Handles what is ready in transactions of at most batchMs of work each, resting between them. */
  async function drain(ready: readonly Inbound[]): Promise<void> {
    let next = 0
    while (next < ready.length) {
      // Since the last look (the last rest, or the wait for input), did the live bot write?
      const wrote = liveAtWork()
      shared ||= wrote
      // Immediate: takes the write lock now (waiting on the CLI's long busy timeout), never
      // upgrading a read lock half-way, which SQLite cannot wait for.
      sqlite.exec('BEGIN IMMEDIATE')
      try {
        const until = performance.now() + (shared ? batchMs : aloneBatchMs)
        do {
          outcomes[await handleInbound(deps, ready[next++]!)]++
        } while (next < ready.length && performance.now() < until)
        sqlite.exec('COMMIT')
      } finally {
        if (sqlite.inTransaction) sqlite.exec('ROLLBACK')
      }
      // It may have journaled meanwhile (it cannot commit while the lock is held here).
      const journaled = liveAtWork()
      shared ||= journaled
      await rest(wrote || journaled ? busyRestMs : restMs)
    }
  }

  if (Symbol.asyncIterator in inbounds) {
    for await (const batch of inbounds) await drain(batch)
  } else {
    await drain(Array.isArray(inbounds) ? inbounds : [...inbounds])
  }
  return outcomes
}

/**
 * Whether a live bot shares the store and is at work: another connection committed since the
 * last look (SQLite's data_version moves only for others' commits), or the bot is journaling
 * messages it could not store (bot/intake.ts). Then the ingest rests longer between turns.
 */
function liveWriterWatch(deps: BotDeps): () => boolean {
  const journal = journalPathOf(deps.db.$client.name)
  let seen = dataVersion(deps.db)
  return () => {
    const now = dataVersion(deps.db)
    const wrote = now !== seen
    seen = now
    return wrote || (journal !== undefined && existsSync(journal))
  }
}

function rest(ms: number): Promise<void> {
  return new Promise((resolve) => (ms > 0 ? setTimeout(resolve, ms) : setImmediate(resolve)))
}
