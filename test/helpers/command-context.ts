import type { BotDeps, MessageContext } from '../../bot/context.js'
import { createLogger } from '../../bot/logger.js'
import { exportRooms } from '../../bot/room-directory.js'
import type { Db } from '../../db/client.js'
import type { OutboxItem } from '../../jobs/outbox.js'
import type { ParsedCommand } from '../../src/parse/types.js'
import type { Role } from '../../src/roles/roles.js'
import { defaultSchedule, type Schedule } from '../../src/schedule/schedule.js'
import { instantOf, type Day } from '../../src/time/zoned.js'
import { loadTemplates } from '../../templates/load-templates.js'
import { exampleRoster } from './fixtures.js'

const roster = exampleRoster()
const templates = loadTemplates()

export interface CommandContextOptions {
  day: Day
  /** Local HH:mm the command is sent at; default 21:00. */
  time?: string
  evidenceDir: string
  schedule?: Schedule
  roomTopic?: string
  roles?: Role[]
}

/**
 * A command room message's context on the example roster, without WeChat: what the command
 * replies and what it queues in the outbox are kept for the test to read.
 */
export function commandContext(db: Db, options: CommandContextOptions) {
  const replies: string[] = []
  const sent: OutboxItem[] = []
  const sentAt = instantOf(options.day, options.time ?? '21:00', roster.timezone)
  const log = createLogger('silent')
  const roomTopic = options.roomTopic ?? '红袖标指挥部'
  const deps: BotDeps = {
    db,
    roster,
    rooms: exportRooms(db, roster),
    schedule: options.schedule ?? { ...defaultSchedule, event: {} },
    templates,
    log,
    now: () => sentAt,
    startedAt: 0,
    evidenceDir: options.evidenceDir,
    send: async (items) => {
      sent.push(...items)
    },
    later: async () => {},
  }
  let next = 0
  const ctxFor = (text: string): MessageContext => ({
    deps,
    inbound: {
      id: `command-${++next}`,
      roomId: 'command-room',
      roomTopic,
      senderId: 'commander',
      senderName: '指挥长',
      sentAt,
      type: 'text',
      text,
    },
    room: { id: 'command-room', topic: roomTopic, role: 'command' },
    rooms: deps.rooms.all,
    parse: () => {
      throw new Error('a command handler is given its command; it does not parse')
    },
    day: options.day,
    roles: new Set<Role>(options.roles ?? ['commander']),
    log,
    mayRepeat: false,
    deferUntilRoomsKnown: () => false,
    reply: async (reply) => {
      replies.push(reply)
    },
  })
  /** The command as the parser hands it over: `#趋势 14天` is { name: '趋势', rest: '14天' }. */
  const parsed = (text: string): ParsedCommand => {
    const [name = '', ...args] = text.replace(/^#/, '').trim().split(/\s+/)
    return { name, args, rest: args.join(' ') }
  }
  return { deps, replies, sent, ctxFor, parsed }
}
