import { isBusy } from '../db/busy.js'
import type { GroupedSends } from '../jobs/outbox.js'
import type { Inbound } from '../src/inbound.js'
import type { BotDeps } from './context.js'
import { handleInbound, messageLog } from './handle-inbound.js'

export interface HandleTogetherOptions {
  /** A transaction commits after this much work, so another writer never waits long for the lock. */
  groupMs: number
  /** Sends queued once their transaction commits; without them, replies are queued at once. */
  sends?: () => GroupedSends
}

/**
 * Whether a message may be handled inside a group's transaction: a text that is not a command.
 * Its handling then only reads and writes the store and notes its reply; a command may wait on
 * an export, a chart or the queue, and would hold the store's lock meanwhile. Any `#` counts:
 * one text too many going alone costs nothing.
 */
export function groupable(inbound: Inbound): boolean {
  return inbound.type === 'text' && !inbound.text.includes('#') && !inbound.text.includes('＃')
}

/**
 * Stores and handles messages that came together (a burst a gateway forwarded as one job) in
 * write transactions of at most `groupMs` of work each: a group commit. Alone, a message costs
 * about five commits (its row, its records, the audit line, its receipt, its handled mark), and
 * in a burst the commits, not the parsing, set the pace. Receipts noted inside a transaction are
 * queued once it commits.
 *
 * Resolves to the messages it did not take (`rest`), from the first it could not: the store was
 * locked by another connection, another transaction was open, or this one failed and was rolled
 * back; the caller takes those one by one, the way that retries and journals. `queued` settles
 * once the receipts of what it took are queued.
 */
export async function handleTogether(
  deps: BotDeps,
  inbounds: readonly Inbound[],
  options: HandleTogetherOptions,
): Promise<{ rest: readonly Inbound[]; queued: Promise<unknown> }> {
  const sqlite = deps.db.$client
  const queued: Array<Promise<unknown>> = []
  let next = 0
  while (next < inbounds.length) {
    // Inside someone else's transaction, a commit here would be theirs to make.
    if (sqlite.inTransaction) break
    try {
      sqlite.exec('BEGIN IMMEDIATE')
    } catch (error) {
      if (isBusy(error)) break
      throw error
    }
    const first = next
    const sends = options.sends?.()
    const together = sends ? { ...deps, send: sends.send } : deps
    const until = performance.now() + options.groupMs
    try {
      do {
        const inbound = inbounds[next++]!
        await storeAndHandle(together, inbound)
      } while (next < inbounds.length && performance.now() < until)
      sqlite.exec('COMMIT')
    } catch (error) {
      // Rarely reached: the lock is held, so only a send outside the store (in tests) or a
      // failed commit gets here. What the group did is undone (and whatever else ran on this
      // connection meanwhile, which is why nothing else does); the one-by-one way does it again.
      if (sqlite.inTransaction) sqlite.exec('ROLLBACK')
      sends?.drop()
      deps.log[isBusy(error) ? 'warn' : 'error'](
        { err: error, messages: next - first, firstMsgId: inbounds[first]!.id },
        'could not handle messages together; taking them one by one',
      )
      next = first
      break
    }
    // Others (the outbox, the page) get their turn between two groups.
    await new Promise((resolve) => setImmediate(resolve))
    // Committed: queued while the next group is handled. A queue that fails now leaves the
    // receipts pending for the outbox's sweep.
    if (sends)
      queued.push(
        sends
          .flush()
          .catch((error: unknown) =>
            deps.log.warn({ err: error }, 'could not queue receipts yet; the outbox sweep will'),
          ),
      )
  }
  return { rest: inbounds.slice(next), queued: Promise.all(queued) }
}

/**
 * Stores and handles a message, as an ingest does (handleInbound: stored once by id or
 * fingerprint, else left as a duplicate). A failure is the message's own (logged, as
 * handleInbound logs its handlers' failures), never the group's: undoing the group would undo
 * what others wrote in it. A locked store is the group's (it cannot happen while the group holds
 * the lock, but a send outside the store may say so).
 */
async function storeAndHandle(deps: BotDeps, inbound: Inbound): Promise<void> {
  try {
    await handleInbound(deps, inbound)
  } catch (error) {
    if (isBusy(error)) throw error
    messageLog(deps, inbound).error({ err: error }, 'handling the message failed')
  }
}
