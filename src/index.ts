// The package's public surface. It is the one file in src/ that reaches the edges: the
// plugin is what users install, and it lives in bot/ with the rest of the Wechaty adapter.
export { Redband, type RedbandOptions } from '../bot/plugin.js'
export { parseMessage } from './parse/parse-message.js'
export { parseRoster, RosterError } from './roster/parse-roster.js'
export type { ParseResult } from './parse/types.js'
export type { Roster } from './roster/roster.js'
