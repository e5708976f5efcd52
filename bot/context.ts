import type { Db } from '../db/client.js'
import type { OutboxItem } from '../jobs/outbox.js'
import type { NewJob, QueueCounts } from '../jobs/queue/queue.js'
import type { ScheduledJob } from '../jobs/scheduler.js'
import type { Inbound } from '../src/inbound.js'
import type { ParseResult } from '../src/parse/types.js'
import type { Role } from '../src/roles/roles.js'
import type { WebRole } from '../src/web/web-roles.js'
import type { BoundRoom, Roster } from '../src/roster/roster.js'
import type { Schedule } from '../src/schedule/schedule.js'
import type { Day } from '../src/time/zoned.js'
import type { Templates } from '../templates/load-templates.js'
import type { CommandLimiter } from './commands/rate-limit.js'
import type { RosterReload } from './reload-roster.js'
import type { Logger } from '../src/logger.js'

export interface BotDeps {
  db: Db
  roster: Roster
  schedule: Schedule
  templates: Templates
  log: Logger
  now: () => number
  /** Messages sent before this instant are replays of history and are ignored. */
  startedAt: number
  /** Replaying stored or exported history (ingest): records are made, questions are not answered. */
  replay?: boolean
  /** The rooms in force: which room a message came from, and every room bound. */
  rooms: RoomDirectory
  /** Closed from a login until every room is known again; absent where rooms are always known. */
  roomGate?: RoomGate
  /** Tries again, now, the messages held for rooms that could not be reached (one was just bound). */
  retryHeld?: () => void
  evidenceDir: string
  /** Queues messages in the outbox; keys are deterministic, so a retry never sends twice. */
  send: (items: OutboxItem[]) => Promise<unknown>
  /** Queues a job for later (a spot check's deadline); its id makes it once. */
  later: (job: NewJob<ScheduledJob>) => Promise<unknown>
  /** WeChat ids and account handles of the admins. */
  admins?: ReadonlySet<string>
  /** Commands a person may give; unlimited when absent (replaying history). */
  commandLimiter?: CommandLimiter
  /** Charts (#图表, #趋势) are drawn; false when switched off. */
  charts?: boolean
  /** The bot's health, for #状态. */
  status?: () => Promise<BotStatus>
  /** Told after each message has been handled (the command-centre page refreshes on it). */
  onHandled?: (inbound: Inbound) => void
  /** A one-time sign-in link to the command-centre page (#大屏); undefined while it is not served. */
  signInLink?: (role: WebRole, by: { id: string; name: string }) => string | undefined
  /** Reads the roster file again (#重载名册); absent where the roster is fixed (replaying history). */
  reloadRoster?: () => RosterReload
}

export interface BotStatus {
  /** Since when WeChat can be spoken to (the earliest login among live accounts); null: no account can. */
  loggedInSince: number | null
  queue: QueueCounts
  accounts: AccountState[]
}

/** One WeChat account as #状态 and the page show it. */
export interface AccountState {
  /** The account's id (REDBAND_ACCOUNT of its gateway); 'wechat' for the one account of the plugin. */
  account: string
  /** Its WeChat name, once logged in. */
  name: string | null
  loggedInSince: number | null
  /** It can speak: logged in and (for a gateway) beating. */
  live: boolean
  /** Rooms it sits in; null when not known. */
  rooms: number | null
  sentToday: number | null
  throttledToday: number | null
  /** When its gateway's heartbeat lapsed (its last one); null while it beats, and for the plugin. */
  silentSince: number | null
}

/** Holds back messages from rooms not bound until the rooms are known after a login. */
export interface RoomGate {
  isOpen(): boolean
  /** Keeps a stored message to handle again once the rooms are known. */
  defer(inbound: Inbound, saveMedia?: SaveMedia): void
}

/** Where the rooms in force are looked up. */
export interface RoomDirectory {
  /** The room in force a message came from; undefined when no admin has confirmed it. */
  of(inbound: Pick<Inbound, 'roomId' | 'roomTopic'>): BoundRoom | undefined
  /** Every room in force. */
  all(): readonly BoundRoom[]
}

/** Saves a message's media (a photo) into a folder; resolves to the file name it chose. */
export type SaveMedia = (dir: string, baseName: string) => Promise<string>

/** One inbound message on its way through the handlers. */
export interface MessageContext {
  deps: BotDeps
  inbound: Inbound
  /** The room in force the message came from; undefined when it is not bound. */
  room: BoundRoom | undefined
  /** Every room in force (read when a rule needs them: scope, examples). */
  rooms: () => readonly BoundRoom[]
  /** What the parser reads in the text (read once, when a handler first asks). */
  parse: () => ParseResult
  /** The local day the message was sent. */
  day: Day
  /** What the sender may do here: the room's role, and admin when listed in config. */
  roles: ReadonlySet<Role>
  log: Logger
  /**
   * This handling may be a repeat: the intake runs it again when the store was locked part-way,
   * so what it writes must be written once. False for a message stored just now (an ingest).
   */
  mayRepeat: boolean
  /**
   * Puts the message aside until the rooms are known after a login (a room whose id changed is
   * not bound until then); true when it did, and the message is handled again then. False once
   * they are known, or where they always are (an export).
   */
  deferUntilRoomsKnown: () => boolean
  /** Replies in the same room, @mentioning the sender. */
  reply: (text: string) => Promise<void>
  saveMedia?: SaveMedia
}
