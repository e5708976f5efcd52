import type { Db } from '../db/client.js'
import type { Inbound } from '../src/inbound.js'
import type { RoomBinding, Roster } from '../src/roster/roster.js'
import type { Day } from '../src/time/zoned.js'
import type { Templates } from '../templates/load-templates.js'
import type { Logger } from './logger.js'

/** A message the bot sends. */
export interface Outgoing {
  /** Deterministic: the same logical message always gets the same key, so a retry never sends twice. */
  key: string
  roomId: string
  text: string
  /** Contacts to @mention. */
  mentionIds?: string[]
}

export interface BotDeps {
  db: Db
  roster: Roster
  templates: Templates
  log: Logger
  now: () => number
  /** Messages sent before this instant are replays of history and are ignored. */
  startedAt: number
  evidenceDir: string
  send: (out: Outgoing) => Promise<void>
}

/** Saves a message's media (a photo) into a folder; resolves to the file name it chose. */
export type SaveMedia = (dir: string, baseName: string) => Promise<string>

/** One inbound message on its way through the handlers. */
export interface MessageContext {
  deps: BotDeps
  inbound: Inbound
  /** What the roster binds this room to; undefined for rooms it does not know. */
  room: RoomBinding | undefined
  /** The local day the message was sent. */
  day: Day
  log: Logger
  /** Replies in the same room, @mentioning the sender. */
  reply: (text: string) => Promise<void>
  saveMedia?: SaveMedia
}
