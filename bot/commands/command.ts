import type { ParsedCommand } from '../../src/parse/types.js'
import type { Role } from '../../src/roles/roles.js'
import type { MessageContext } from '../context.js'

/** One command: who may use it and what it does. A feature module exports one of these. */
export interface Command {
  name: string
  /** Other names people type for it. */
  aliases?: string[]
  roles: Role[]
  /** It changes figures (#确认), so replaying history runs it; commands that only answer are skipped then. */
  changesRecords?: boolean
  run: (ctx: MessageContext, command: ParsedCommand) => Promise<void>
}
