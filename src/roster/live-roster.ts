import type { Roster } from './roster.js'

/** A roster that may be replaced while the bot runs (#重载名册, SIGHUP). */
export interface LiveRoster {
  /** Read by every holder (handlers, jobs, the page): always the current roster's parts. */
  readonly roster: Roster
  /** The roster now in force, as one unchanging value. */
  current(): Roster
  /** Puts `next` in force for whatever reads the roster from now on. */
  replace(next: Roster): void
}

/**
 * The one place a running bot's roster is replaced. Holders keep `roster` as they would a plain
 * roster; what they derive per use (rooms in force, scopes) follows, and the parser's compiled
 * names are keyed by the names map each parsed roster has its own.
 * @example const live = liveRoster(loadRoster(file)); live.replace(loadRoster(file))
 */
export function liveRoster(initial: Roster): LiveRoster {
  let now = initial
  const roster: Roster = {
    get timezone() {
      return now.timezone
    },
    get units() {
      return now.units
    },
    get topLevel() {
      return now.topLevel
    },
    get rooms() {
      return now.rooms
    },
    get names() {
      return now.names
    },
  }
  return {
    roster,
    current: () => now,
    replace(next) {
      now = next
    },
  }
}
