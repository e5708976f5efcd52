// The package's public surface: the plugin users install, and the pure pieces worth reusing.
export { Redband, type RedbandOptions } from './plugin.js'
export { parseMessage } from '../src/parse/parse-message.js'
export { parseRoster, RosterError } from '../src/roster/parse-roster.js'
export type { ParseResult } from '../src/parse/types.js'
export type { Roster } from '../src/roster/roster.js'
