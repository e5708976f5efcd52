import { randomUUID } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { basename } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { Queue, QueueEvents } from 'bullmq'
import { Redis } from 'ioredis'
import type { OutboxRow } from '../../db/outbox.js'
import type { Logger } from '../../src/logger.js'
import { RoomUnreachableError } from '../room-unreachable-error.js'
import { SendCancelledError } from '../send-cancelled-error.js'
import type { AccountBoard, AccountView } from './account-board.js'
import { MaybeSentError } from './maybe-sent-error.js'
import {
  accountKeys,
  revokeRouteScript,
  sendQueueName,
  type SendJob,
  type SendOutcome,
} from './protocol.js'

export interface RouterOptions {
  board: AccountBoard
  /** A redis:// URL. */
  connection: string
  prefix: string
  log: Logger
  now: () => number
  /** The account's id for a room the store knows by `storeRoomId`; undefined: not in it. */
  roomIdOf: (account: string, storeRoomId: string) => string | undefined
  /** How long a send may wait in an account's queue and be said; default 2 minutes. */
  sendTimeoutMs?: number
  /** Largest file carried in a send job; default 25 MB (WeChat's own limit for a file). */
  fileLimitBytes?: number
}

export interface Router {
  /** The outbox's deliver: says the row through one live account that sits in its room. */
  deliver(row: OutboxRow): Promise<void>
  close(): Promise<void>
}

/** Why a wait for an account's answer ended without one. */
class AccountGone extends Error {}

/** How long close waits for the deliveries it cut short to give their routes back. */
const closeWaitMs = 5000

/** How often a job is looked at besides its events. */
const pollEveryMs = 500

/**
 * The job's outcome, read from the job itself every pollEveryMs: a QueueEvents reader misses
 * events sent while it was (re)connecting, and a wait must not hang on one it missed.
 */
async function finishedByPoll(queue: Queue, id: string, going: () => boolean): Promise<unknown> {
  while (going()) {
    await sleep(pollEveryMs)
    const job = await queue.getJob(id)
    if (!job?.finishedOn) continue
    if (job.failedReason) throw new Error(job.failedReason)
    return job.returnvalue
  }
  return new Promise(() => {})
}

/**
 * Routes every outgoing message to one live account sitting in its room: the one free soonest
 * (its rest after its last send, plus its pace for each message in hand, from its heartbeat),
 * so a fan-out spreads over the accounts and takes rooms × gap ÷ accounts. The account paces itself (its gateway waits its gap); the core waits for the
 * outcome.
 *
 * Once only: each routing has a route id kept under the message's route key. The gateway takes
 * it just before it speaks; before the core gives the message to another account (the first
 * one's heartbeat lapsed, or it did not answer in time) it revokes it. If the revoke finds the
 * route taken, the first account may have spoken: the message is not sent again (MaybeSentError).
 * That window, from taking the route to answering, is one send per lost account at most.
 */
export function createRouter(options: RouterOptions): Router {
  const { board, prefix, log, now } = options
  const sendTimeoutMs = options.sendTimeoutMs ?? 120_000
  const fileLimitBytes = options.fileLimitBytes ?? 25 * 1024 * 1024
  const redis = new Redis(options.connection, { maxRetriesPerRequest: null })
  redis.on('error', () => {})
  const queues = new Map<string, { queue: Queue; events: QueueEvents }>()
  const inFlight = new Map<string, number>()
  /** When each account is next free to speak: it rests its pace after every send. */
  const restUntil = new Map<string, number>()
  /** When each account was last given a message: of two as free, the one given less recently goes. */
  const givenAt = new Map<string, number>()
  /** Waits cut short when their account goes down. */
  const waits = new Map<string, Set<(error: Error) => void>>()
  /** Deliveries under way: close lets them give their routes back before Redis goes. */
  const delivering = new Set<Promise<void>>()
  let closing = false

  board.onChange(({ down }) => {
    for (const account of down) for (const stop of waits.get(account) ?? []) stop(new AccountGone())
  })

  function lane(account: string) {
    let entry = queues.get(account)
    if (!entry) {
      const name = sendQueueName(account)
      const connection = { url: options.connection, maxRetriesPerRequest: null }
      entry = {
        queue: new Queue(name, { connection: redis, prefix }),
        events: new QueueEvents(name, { connection, prefix }),
      }
      entry.queue.on('error', (error) => log.warn({ err: error, account }, 'router: queue error'))
      entry.events.on('error', (error) => log.warn({ err: error, account }, 'router: events error'))
      queues.set(account, entry)
    }
    return entry
  }

  function candidates(row: OutboxRow, tried: ReadonlySet<string>): AccountView[] {
    if (row.roomId === null) return []
    return board
      .live()
      .filter(
        (a) => !tried.has(a.account) && options.roomIdOf(a.account, row.roomId!) !== undefined,
      )
  }

  /** How long until the account could say one more: its rest, then its pace per message in hand. */
  function waitFor(view: AccountView, at: number): number {
    const rest = Math.max(0, (restUntil.get(view.account) ?? 0) - at)
    return rest + (inFlight.get(view.account) ?? 0) * view.heartbeat.paceMs
  }

  function soonestFree(accounts: AccountView[]): AccountView {
    const at = now()
    const score = (a: AccountView) => [waitFor(a, at), givenAt.get(a.account) ?? 0] as const
    return accounts.reduce((best, a) => {
      const [wait, given] = score(a)
      const [bestWait, bestGiven] = score(best)
      return wait < bestWait || (wait === bestWait && given < bestGiven) ? a : best
    })
  }

  async function carriedFile(row: OutboxRow): Promise<SendJob['file']> {
    if (!row.filePath) return undefined
    const bytes = await readFile(row.filePath)
    if (bytes.length > fileLimitBytes)
      throw new Error(
        `file ${basename(row.filePath)} is ${bytes.length} bytes, over the ${fileLimitBytes} a send carries`,
      )
    return { name: basename(row.filePath), base64: bytes.toString('base64') }
  }

  /** Waits for the account's answer; AccountGone when it goes down or the time runs out. */
  async function answer(account: string, job: { id: string }) {
    const { queue, events } = lane(account)
    let stop: (error: Error) => void = () => {}
    const cut = new Promise<never>((_, reject) => (stop = reject))
    // Cut before the race below is joined (a close while the job is looked up): not unhandled.
    cut.catch(() => {})
    // A little past the route's own time in Redis: by then the gateway can no longer take it.
    const timer = setTimeout(() => stop(new AccountGone()), sendTimeoutMs + 1000)
    const stops = waits.get(account) ?? new Set()
    waits.set(account, stops.add(stop))
    // Closed while the job was being added: cut now, so its route is revoked while Redis is here.
    if (closing) stop(new AccountGone())
    let polling = true
    try {
      const bullJob = await queue.getJob(job.id)
      if (!bullJob) throw new AccountGone()
      return (await Promise.race([
        bullJob.waitUntilFinished(events, sendTimeoutMs + 1000),
        finishedByPoll(queue, job.id, () => polling),
        cut,
      ])) as SendOutcome
    } finally {
      polling = false
      clearTimeout(timer)
      stops.delete(stop)
    }
  }

  /**
   * Whether the account may have said it: the route is revoked unless the account took it.
   * A route revoked (or run out) can never be taken, so nothing from that account can follow.
   */
  async function mayHaveSpoken(routeKey: string, route: string): Promise<boolean> {
    return (await redis.eval(revokeRouteScript, 1, routeKey, route)) !== 1
  }

  /**
   * Gives the row to one account. Resolves to its outcome, or 'lost' when it certainly did not
   * speak and gave no reason (gone, logged out, no answer, a route it found taken or run out):
   * the caller then tries another account. Throws MaybeSentError when it took the route and
   * gave no answer that says what came of it.
   */
  async function sendThrough(
    account: string,
    row: OutboxRow,
    file: SendJob['file'],
  ): Promise<SendOutcome | 'lost'> {
    const route = randomUUID()
    const routeKey = accountKeys.route(prefix, row.key)
    await redis.set(routeKey, route, 'PX', sendTimeoutMs)
    const job: SendJob = {
      key: row.key,
      route,
      roomId: options.roomIdOf(account, row.roomId!)!,
      text: row.text,
      ...(row.mentionIds?.length ? { mentionIds: row.mentionIds } : {}),
      ...(file ? { file } : {}),
    }
    const id = `${row.key.replaceAll(':', '_')}-${route}`
    const { queue } = lane(account)
    // Closed while the route was being set: the route is never given (it runs out unused).
    if (closing) throw new SendCancelledError()
    inFlight.set(account, (inFlight.get(account) ?? 0) + 1)
    try {
      await queue.add('send', job, {
        jobId: id,
        removeOnComplete: { age: 300 },
        removeOnFail: { age: 3600 },
      })
      let failure: unknown
      const outcome = await answer(account, { id }).catch((error: unknown) => {
        failure = error
        return undefined
      })
      if (outcome === 'sent' || outcome === 'unreachable' || outcome === 'throttled') return outcome
      // 'superseded', a failure or no answer: did this account take the route?
      if (await mayHaveSpoken(routeKey, route)) {
        // It took it and said how that went (its say threw): tried again, as any failed send.
        if (failure !== undefined && !(failure instanceof AccountGone)) throw failure
        // It took it and then went quiet, or an earlier run of the job took it.
        throw new MaybeSentError(account, row.roomTopic)
      }
      // Never taken, never can be: it does not linger in a queue the account may come back to.
      await queue.remove(id).catch(() => {})
      log.warn(
        { account, key: row.key, room: row.roomTopic, outcome, err: failure },
        'router: the account did not take it; sending through another',
      )
      return 'lost'
    } finally {
      inFlight.set(account, (inFlight.get(account) ?? 1) - 1)
    }
  }

  async function deliver(row: OutboxRow): Promise<void> {
    const file = await carriedFile(row)
    const tried = new Set<string>()
    for (;;) {
      // Closing: what no account took stays pending for the next start, not held or moved on.
      if (closing) throw new SendCancelledError()
      const accounts = candidates(row, tried)
      if (accounts.length === 0) throw new RoomUnreachableError(row.roomId, row.roomTopic)
      const chosen = soonestFree(accounts)
      const { account } = chosen
      tried.add(account)
      givenAt.set(account, now())
      const outcome = await sendThrough(account, row, file)
      // The gateway rests its pace before its next message, whatever became of this one.
      if (outcome !== 'lost') restUntil.set(account, now() + chosen.heartbeat.paceMs)
      if (outcome === 'sent') return
      if (outcome === 'lost' || outcome === 'unreachable') continue
      // Throttled: nothing went out; tried again after the outbox's backoff.
      throw new Error(`WeChat refused account ${account}'s send as too frequent`)
    }
  }

  return {
    deliver(row) {
      const work = deliver(row)
      delivering.add(work)
      void work.finally(() => delivering.delete(work)).catch(() => {})
      return work
    },
    async close() {
      closing = true
      for (const stops of waits.values()) for (const stop of stops) stop(new AccountGone())
      // Each cut delivery revokes its route (or learns it was taken) while Redis is still here;
      // with Redis away they would wait for ever, so not for long.
      await Promise.race([Promise.allSettled([...delivering]), sleep(closeWaitMs)])
      await Promise.all(
        [...queues.values()].map(async ({ queue, events }) => {
          await events.close()
          await queue.close()
        }),
      )
      await redis.quit().catch(() => redis.disconnect())
    },
  }
}
