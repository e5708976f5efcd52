import { createHash } from 'node:crypto'
import { writeFile } from 'node:fs/promises'
import { extname, join } from 'node:path'
import { watchAccounts, type AccountView } from '../../jobs/accounts/account-board.js'
import type { GatewayEvent, InboundJob } from '../../jobs/accounts/protocol.js'
import { createRouter } from '../../jobs/accounts/route-send.js'
import { takeInbound } from '../../jobs/accounts/take-inbound.js'
import { defaultOutboxSettings } from '../../jobs/outbox.js'
import type { RoomSighting } from '../../db/rooms.js'
import type { Inbound } from '../../src/inbound.js'
import type { AccountState, SaveMedia } from '../context.js'
import { alertCommandRooms } from '../rooms/alert-command-rooms.js'
import { startRuntime, type Runtime } from '../runtime.js'
import { runtimeSettings, type RedbandOptions } from '../runtime-settings.js'
import { restoreFastStringMethods } from '../startup/fast-string-methods.js'
import { StartupError } from '../startup/startup-error.js'
import { accountAlerts } from './account-alerts.js'
import { accountRoomIds } from './account-room-ids.js'

export interface CoreOptions extends RedbandOptions {
  /** How often the gateways' heartbeats are read; default 1 s. */
  lookEveryMs?: number
  /** How long a message may wait for its account to say it; default 2 minutes. */
  sendTimeoutMs?: number
}

export interface Core {
  runtime: Runtime
  /** Resolves once the jobs run and the gateways' heartbeats have been read once. */
  ready: Promise<void>
  close(): Promise<void>
}

/** A message's photo as the gateway carried it, written where the intake asks. */
function carriedMedia(event: Extract<GatewayEvent, { kind: 'message' }>): SaveMedia | undefined {
  const media = event.media
  if (!media) return undefined
  return async (dir, baseName) => {
    const name = baseName + (extname(media.name) || '.jpg')
    await writeFile(join(dir, name), Buffer.from(media.base64, 'base64'))
    return name
  }
}

const stateOf = (view: AccountView): AccountState => ({
  account: view.account,
  name: view.heartbeat.name,
  loggedInSince: view.heartbeat.loggedInSince,
  live: view.live,
  rooms: view.rooms.length,
  sentToday: view.heartbeat.sentToday,
  throttledToday: view.heartbeat.throttledToday,
  silentSince: view.beating ? null : view.heartbeat.at,
})

/**
 * `redband core`: the bot without WeChat of its own. It owns the store, the schedule, the
 * outbox and the page, takes what every gateway saw from the `inbound` queue through the same
 * intake as the plugin (a message two accounts saw is stored once: its fingerprint is the same),
 * and routes every message it sends to one live account sitting in the room.
 */
export function startCore(options: CoreOptions = {}): Core {
  const { config, settings: read } = runtimeSettings(options)
  // Each gateway keeps its account's own gap (REDBAND_SEND_GAP_MS on its machine); the core
  // hands out messages as fast as the accounts take them.
  // What the gateways queued while the core was stopped is handled while still fresh.
  const staleAfterMs = read.outbox.staleAfterMs ?? defaultOutboxSettings.staleAfterMs
  const settings = {
    ...read,
    outbox: { ...read.outbox, minGapMs: 0, jitterMs: 0 },
    handleSince: read.now() - staleAfterMs,
  }
  const { log, redisUrl } = settings
  if (!redisUrl)
    throw new StartupError(
      'redband core talks to its gateways over Redis: set REDIS_URL (e.g. redis://127.0.0.1:6379)',
    )
  restoreFastStringMethods()
  const prefix = settings.queuePrefix
  const board = watchAccounts({
    connection: redisUrl,
    prefix,
    log,
    ...(options.lookEveryMs !== undefined ? { everyMs: options.lookEveryMs } : {}),
  })
  const router = createRouter({
    board,
    connection: redisUrl,
    prefix,
    log,
    now: settings.now,
    // Asked only once the runtime below is running.
    roomIdOf: (account, roomId) => roomIds.toAccount(account, roomId),
    ...(options.sendTimeoutMs !== undefined ? { sendTimeoutMs: options.sendTimeoutMs } : {}),
  })
  const runtime = startRuntime(settings, {
    deliver: (row) => router.deliver(row),
    accounts: () => board.all().map(stateOf),
  })
  const { jobs, intake, rooms } = runtime
  const roomIds = accountRoomIds(board, runtime.deps)
  const toStore = (account: string, roomId: string) => roomIds.toStore(account, roomId)

  /** Every room a live account sits in, under the store's ids, once. */
  const liveRooms = async (): Promise<RoomSighting[]> => {
    const byId = new Map<string, RoomSighting>()
    for (const view of board.live())
      for (const room of view.rooms) {
        const id = toStore(view.account, room.id)
        if (!byId.has(id)) byId.set(id, { ...room, id })
      }
    return [...byId.values()]
  }
  board.onChange((change) => {
    const live = board.live().length
    jobs.outbox.setTurns(Math.max(1, live))
    jobs.outbox.setLoggedIn(live > 0)
    // A room list that changed, or an account back, may make held rooms reachable.
    if (change.up.length + change.rooms.length > 0) {
      rooms.listed(liveRooms)
      runtime.deps.retryHeld?.()
    }
  })
  const stopAlerts = accountAlerts({
    board,
    alerter: settings.alerter,
    templates: settings.templates,
    timezone: runtime.deps.roster.timezone,
    now: settings.now,
    tellCommandRooms: (key, text) => alertCommandRooms(runtime.deps, key, text),
    logoutAfterMs: config.alertLogoutAfterMs,
    log,
  })

  async function handle(event: InboundJob): Promise<void> {
    if (event.kind === 'messages') {
      await intake.acceptMany(
        event.inbounds.map((m) => ({ ...m, roomId: toStore(event.account, m.roomId) })),
      )
    } else if (event.kind === 'topic') {
      await rooms.renamed({ id: toStore(event.account, event.roomId), topic: event.topic })
    } else if (event.kind === 'join') {
      await rooms.joined(
        { ...event.room, id: toStore(event.account, event.room.id) },
        event.invitedBy,
      )
    } else {
      const inbound: Inbound = {
        ...event.inbound,
        roomId: toStore(event.account, event.inbound.roomId),
        ...(event.media
          ? { contentHash: createHash('sha1').update(event.media.base64).digest('base64url') }
          : {}),
      }
      await intake.accept(inbound, carriedMedia(event))
    }
  }
  const inbound = takeInbound({ connection: redisUrl, prefix, log, handle })
  const ready = runtime.started.then(() => board.start())
  ready.catch(() => {})

  return {
    runtime,
    ready,
    async close() {
      stopAlerts()
      await inbound.close()
      await router.close()
      await board.close()
      await runtime.close()
    },
  }
}
