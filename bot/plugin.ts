import { extname, join } from 'node:path'
import type { Message, Wechaty, WechatyPlugin } from 'wechaty'
import { closeDb, openDb } from '../db/client.js'
import { loadTemplates } from '../templates/load-templates.js'
import type { BotDeps, SaveMedia } from './context.js'
import { handleInbound } from './handle-inbound.js'
import { loadRoster } from './load-roster.js'
import { createLogger, type Logger } from './logger.js'
import { sendToRoom } from './wechaty/send-to-room.js'
import { toInbound } from './wechaty/to-inbound.js'

export interface RedbandOptions {
  /** Path of the roster YAML. */
  roster: string
  /** Path of the SQLite store; created and migrated when missing. */
  db: string
  /** Folder for evidence photos; default data/evidence. */
  evidenceDir?: string
  /** Folder of edited templates; default the shipped ones. */
  templatesDir?: string
  logger?: Logger
  now?: () => number
}

function mediaSaver(msg: Message): SaveMedia {
  return async (dir, baseName) => {
    const box = await msg.toFileBox()
    const name = baseName + (extname(box.name) || '.jpg')
    await box.toFile(join(dir, name), true)
    return name
  }
}

/**
 * The redband Wechaty plugin: reads headcounts in liaison rooms into the store and answers
 * with receipts. Roster and templates are checked here, so a bad one stops start-up.
 * @example bot.use(Redband({ roster: 'roster.yaml', db: 'data/redband.db' }))
 */
export function Redband(options: RedbandOptions): WechatyPlugin {
  const log = options.logger ?? createLogger(process.env.LOG_LEVEL)
  const roster = loadRoster(options.roster)
  const templates = loadTemplates(options.templatesDir)
  const now = options.now ?? Date.now

  return (bot: Wechaty) => {
    const db = openDb(options.db)
    const deps: BotDeps = {
      db,
      roster,
      templates,
      log,
      now,
      startedAt: now(),
      evidenceDir: options.evidenceDir ?? 'data/evidence',
      send: (out) => sendToRoom(bot, out),
    }
    const onMessage = async (msg: Message) => {
      if (msg.self()) return
      try {
        const inbound = await toInbound(msg)
        if (inbound) await handleInbound(deps, inbound, mediaSaver(msg))
      } catch (error) {
        log.error({ err: error, msgId: msg.id }, 'could not read the message from WeChat')
      }
    }
    bot.on('message', onMessage)
    log.info(
      { roster: options.roster, db: options.db, units: roster.units.size },
      'redband installed',
    )
    return () => {
      bot.off('message', onMessage)
      closeDb(db)
    }
  }
}
