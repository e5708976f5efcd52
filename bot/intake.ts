import { isBusy, retryBusy } from '../db/busy.js'
import { getMessage, storeMessage, unhandledSince } from '../db/messages.js'
import type { GroupedSends } from '../jobs/outbox.js'
import type { Inbound } from '../src/inbound.js'
import type { Logger } from '../src/logger.js'
import type { BotDeps, SaveMedia } from './context.js'
import { handleInbound, messageLog } from './handle-inbound.js'
import { groupable, handleTogether } from './handle-together.js'
import { InboundJournal, type JournalEntry } from './inbound-journal.js'

export interface IntakeOptions {
  /** The journal file (journalPathOf the store); undefined keeps it in memory only. */
  journal: string | undefined
  /** Tries of a live store, and of its handling, before the message goes to the journal. Default 4. */
  tries?: number
  /** Wait before the first retry, doubling with jitter. Default 5 ms. */
  retryBaseMs?: number
  /** First wait before the journal is tried again after the store was still locked; doubles. Default 50 ms. */
  drainBaseMs?: number
  /** Longest wait between two tries of the journal. Default 2 s. */
  drainMaxMs?: number
  /** Messages that came together are committed together after at most this much work. Default 20 ms. */
  groupMs?: number
  /** Replies of messages handled together, queued once their transaction commits. */
  groupSends?: () => GroupedSends
}

export interface Intake {
  /** Stores and handles a live message; when the store stays locked, journals it to do so later, in order. */
  accept(inbound: Inbound, saveMedia?: SaveMedia): Promise<void>
  /**
   * Stores and handles, in order, text messages that came together (a gateway's burst), in one
   * write transaction per few milliseconds of work; what the store cannot take so goes the way
   * of accept.
   */
  acceptMany(inbounds: readonly Inbound[]): Promise<void>
  /** Handles a stored message again (it waited for the rooms to be known), as a live one. */
  again(inbound: Inbound, saveMedia?: SaveMedia): Promise<void>
  /** Handles again, in order, the messages received since `since` whose handling never ended. */
  recover(since: number): Promise<void>
  /** Messages waiting in the journal. */
  readonly waiting: number
  /** Stops draining; what waits stays in the journal file for the next start. */
  close(): Promise<void>
}

/**
 * Where live messages enter: the store step with the lock in mind. A store or handling that finds
 * SQLite locked (a running `redband ingest`, a backup) is tried again on a timer, never by
 * blocking the event loop; one that still cannot go in is appended to the journal, and from then
 * on newer messages queue behind it in the journal, so the store takes them in the order they
 * came. The journal is drained on a timer with backoff, and at start-up.
 * @example const intake = createIntake(deps, { journal: journalPathOf(dbFile) })
 */
export function createIntake(deps: BotDeps, options: IntakeOptions): Intake {
  const tries = options.tries ?? 4
  const retryBaseMs = options.retryBaseMs ?? 5
  const drainBaseMs = options.drainBaseMs ?? 50
  const drainMaxMs = options.drainMaxMs ?? 2000
  const journal = new InboundJournal(options.journal, deps.log)
  /** Photos waiting in the journal can still be saved while this process runs. */
  const media = new Map<string, SaveMedia>()
  let storeTurn: Promise<unknown> = Promise.resolve()
  let drainTimer: ReturnType<typeof setTimeout> | undefined
  let draining: Promise<void> | undefined
  let drainDelay = drainBaseMs
  let closed = false
  /** Handlings under way: close waits for them, so none is cut off by the store closing. */
  const handling = new Set<Promise<void>>()
  const tracked = (work: Promise<void>): Promise<void> => {
    handling.add(work)
    return work.finally(() => handling.delete(work))
  }

  const logFor = (inbound: Inbound): Logger => messageLog(deps, inbound)

  /** Runs `step` after every store step before it: messages reach the store in the order they came. */
  function inTurn<T>(step: () => T | Promise<T>): Promise<T> {
    const result = storeTurn.then(step)
    storeTurn = result.catch(() => {})
    return result
  }

  /** Appends a message to the journal; `why` is logged at warn, or at info for one that merely queues behind. */
  function toJournal(
    inbound: Inbound,
    saveMedia: SaveMedia | undefined,
    log: Logger,
    why: string,
    level: 'warn' | 'info' = 'warn',
  ) {
    try {
      journal.append({ inbound, startedAt: deps.startedAt })
    } catch (error) {
      log.error({ err: error, inbound }, 'could not write the journal either; the message is lost')
      return
    }
    if (saveMedia) media.set(inbound.id, saveMedia)
    log[level]({ waiting: journal.size }, why)
    scheduleDrain(drainDelay)
  }

  /**
   * Handles a stored message, trying again while the store is locked; journals it when it stays
   * so. `asReceived`: the deps of the run that received it (its start, for the history guard).
   */
  async function handleStored(
    inbound: Inbound,
    saveMedia: SaveMedia | undefined,
    log: Logger,
    asReceived: BotDeps = deps,
  ) {
    try {
      await retryBusy(() => handleInbound(asReceived, inbound, saveMedia, { stored: true }), {
        log,
        what: 'handle the message',
        tries,
        baseMs: retryBaseMs,
      })
    } catch (error) {
      if (!isBusy(error)) throw error
      await inTurn(() =>
        toJournal(
          inbound,
          saveMedia,
          log,
          'store locked while handling; journaled to handle again',
        ),
      )
    }
  }

  function scheduleDrain(delayMs: number): void {
    if (closed || drainTimer || draining || journal.size === 0) return
    drainTimer = setTimeout(() => {
      drainTimer = undefined
      draining = drain().finally(() => {
        draining = undefined
        // Still locked (or messages came while it ended): again, after the backoff, with jitter.
        scheduleDrain(drainDelay * (0.5 + Math.random()))
      })
    }, delayMs)
  }

  /**
   * Stores and handles the journal's messages in order, each with the start of the run that
   * received it. A message already stored under its own id (its handling was cut short, or this
   * is a second drain after a crash) is handled again; one stored under another id is a replay.
   * Stops at a locked store and tries again later, waiting longer each time.
   */
  async function drain(): Promise<void> {
    for (let entry = journal.first(); entry && !closed; entry = journal.first()) {
      const log = logFor(entry.inbound)
      try {
        await drainOne(entry, log)
      } catch (error) {
        if (isBusy(error)) {
          drainDelay = Math.min(drainMaxMs, drainDelay * 2)
          log.debug({ waiting: journal.size, retryInMs: drainDelay }, 'journal: store still locked')
          return
        }
        log.error(
          { err: error, inbound: entry.inbound },
          'journal: the message cannot be stored; it is left out (ingest it from this log line)',
        )
      }
      journal.shift()
      media.delete(entry.inbound.id)
      drainDelay = drainBaseMs
      if (journal.size === 0) log.info('journal: every waiting message is stored')
    }
  }

  async function drainOne({ inbound, startedAt }: JournalEntry, log: Logger): Promise<void> {
    const handling = await inTurn(() => {
      if (storeMessage(deps.db, inbound, deps.now())) return 'new'
      return getMessage(deps.db, inbound.id) ? 'again' : 'replay'
    })
    if (handling === 'replay') {
      log.debug('journal: already stored under another id (a replay)')
      return
    }
    const asReceived = startedAt === deps.startedAt ? deps : { ...deps, startedAt }
    await handleInbound(asReceived, inbound, media.get(inbound.id), { stored: true })
    log.info({ handledAgain: handling === 'again' }, 'journal: message stored and handled')
  }

  if (journal.size > 0) {
    deps.log.warn(
      { journal: options.journal, waiting: journal.size },
      'journal: messages the store could not take before; storing them now',
    )
    scheduleDrain(0)
  }

  /** The store step of a live message, in its turn: true when it was stored and is to be handled. */
  async function storeOrJournal(
    inbound: Inbound,
    saveMedia: SaveMedia | undefined,
    log: Logger,
  ): Promise<boolean> {
    if (journal.size > 0) {
      const why = 'journaled behind the messages waiting for the store'
      toJournal(inbound, saveMedia, log, why, 'info')
      return false
    }
    try {
      const fresh = await retryBusy(() => storeMessage(deps.db, inbound, deps.now()), {
        log,
        what: 'store the message',
        tries,
        baseMs: retryBaseMs,
      })
      if (!fresh) log.debug('ignored: already stored')
      return fresh
    } catch (error) {
      if (isBusy(error)) toJournal(inbound, saveMedia, log, 'store locked; message journaled')
      else log.error({ err: error }, 'could not store the message; it is not handled')
      return false
    }
  }

  async function accept(inbound: Inbound, saveMedia?: SaveMedia): Promise<void> {
    const log = logFor(inbound)
    if (await inTurn(() => storeOrJournal(inbound, saveMedia, log)))
      await tracked(handleStored(inbound, saveMedia, log))
  }

  /**
   * Plain texts that came together, in one turn: group commits, then what those could not take
   * (the store locked, or messages waiting in the journal) stored one by one in the same turn,
   * so nothing queued after them is stored before them; those are handled after the turn.
   */
  async function acceptTogether(inbounds: readonly Inbound[]): Promise<void> {
    const { stored, queued } = await inTurn(async () => {
      const { rest, queued } =
        journal.size > 0
          ? { rest: inbounds, queued: Promise.resolve() }
          : await handleTogether(deps, inbounds, {
              groupMs: options.groupMs ?? 20,
              ...(options.groupSends ? { sends: options.groupSends } : {}),
            })
      const stored: Inbound[] = []
      for (const inbound of rest)
        if (await storeOrJournal(inbound, undefined, logFor(inbound))) stored.push(inbound)
      return { stored, queued }
    })
    for (const inbound of stored) await tracked(handleStored(inbound, undefined, logFor(inbound)))
    await queued
  }

  return {
    accept,

    async acceptMany(inbounds) {
      // Each store step is queued here, in order; a command (an export, a chart: it may take
      // long) goes alone, handled outside any transaction, as accept does.
      const work: Array<Promise<void>> = []
      let together: Inbound[] = []
      const endRun = () => {
        if (together.length > 0) work.push(acceptTogether(together))
        together = []
      }
      for (const inbound of inbounds) {
        if (groupable(inbound)) together.push(inbound)
        else {
          endRun()
          work.push(accept(inbound))
        }
      }
      endRun()
      await Promise.all(work)
    },

    async again(inbound, saveMedia) {
      await tracked(handleStored(inbound, saveMedia, logFor(inbound)))
    },

    async recover(since) {
      const unhandled = unhandledSince(deps.db, since)
      if (unhandled.length === 0) return
      deps.log.warn(
        { messages: unhandled.length },
        'messages received before a stop but not handled to the end: handling them again',
      )
      // They were live when received (history is noted as handled): no start guard applies.
      const asReceived = { ...deps, startedAt: 0 }
      for (const inbound of unhandled) {
        if (closed) return
        await tracked(handleStored(inbound, undefined, logFor(inbound), asReceived))
      }
    },

    get waiting() {
      return journal.size
    },

    async close() {
      closed = true
      clearTimeout(drainTimer)
      drainTimer = undefined
      await draining
      await storeTurn
      await Promise.allSettled([...handling])
    },
  }
}
