import type { Samples } from './samples.js'

/** Replies about commands themselves, and the admins' commands. */
export interface CommandViews {
  'unknown-command': { name: string }
  /** allowed: e.g. 指挥部、督导组 */
  refused: { name: string; allowed: string }
  'rate-limited': Record<string, never>
  /** #图表 / #趋势 while REDBAND_CHARTS=off. */
  'charts-off': Record<string, never>
  /** What the asker may use, by the roles they hold where they ask. */
  help: {
    liaison: boolean
    commander: boolean
    inspector: boolean
    admin: boolean
    exampleUnit: string
  }
  /**
   * #绑定: what the room is now, and what it was (empty when unbound); `twin`: the id of a room
   * in force with the same name, when there is one.
   */
  bound: { room: string; role: string; unit: string; was: string; twin: string }
  /** #绑定 with words it cannot read; `named` when the roster names a room of this topic. */
  'bind-form': { exampleUnit: string; unknown: string; candidates: string; named: boolean }
  /** #解绑: what the room was bound as (empty when it was not bound). */
  unbound: { room: string; was: string }
  /** #重载名册: what changed; the names joined with 、, empty when none. */
  'roster-reloaded': {
    file: string
    units: number
    rooms: number
    added: string
    removed: string
    stale: string
    waiting: number
  }
  /** #重载名册 refused: the file's problems (the first few; `more` is how many were left out). */
  'roster-refused': { file: string; problems: string[]; more: number }
  /**
   * #状态. `loggedIn` and `since` speak for the plugin's one account; `accounts` lists each
   * account instead when there are several, or figures (a gateway's), and is empty otherwise.
   */
  status: {
    loggedIn: boolean
    since: string
    accounts: Array<{
      name: string
      live: boolean
      /** Its gateway's heartbeat lapsed (else it is logged out, or live). */
      silent: boolean
      /** Since when it is live, or silent; 无 when not known. */
      since: string
      /** rooms, sentToday and throttledToday are known and worth saying (a live gateway). */
      figures: boolean
      rooms: number
      sentToday: number
      throttledToday: number
    }>
    pendingSends: number
    waiting: number
    delayed: number
    failed: number
    lastBulletin: string
    messagesToday: number
    reportsToday: number
  }
}

export const commandSamples: Samples<CommandViews> = {
  'unknown-command': { name: '工作通告' },
  refused: { name: '工作通报', allowed: '指挥部' },
  'rate-limited': {},
  'charts-off': {},
  help: { liaison: true, commander: true, inspector: true, admin: true, exampleUnit: '龙城所' },
  bound: {
    room: '龙城派出所红袖标群',
    role: '联络群',
    unit: '龙城派出所',
    was: '',
    twin: '@@8f2c',
  },
  'bind-form': { exampleUnit: '龙城所', unknown: '龙成所', candidates: '龙城派出所', named: false },
  unbound: { room: '龙城派出所红袖标群', was: '龙城派出所 联络群' },
  'roster-reloaded': {
    file: 'roster.yaml',
    units: 12,
    rooms: 7,
    added: '斗南派出所',
    removed: '',
    stale: '',
    waiting: 1,
  },
  'roster-refused': {
    file: 'roster.yaml',
    problems: ['unit 斗南派出所 (under 呈贡分局): unknown key taget; did you mean target?'],
    more: 0,
  },
  status: {
    loggedIn: true,
    since: '11月29日 07:00',
    accounts: [
      {
        name: '红袖标助手2',
        live: true,
        silent: false,
        since: '12月2日 07:01',
        figures: true,
        rooms: 212,
        sentToday: 340,
        throttledToday: 1,
      },
      {
        name: 'acct-3',
        live: false,
        silent: true,
        since: '12月2日 09:15',
        figures: false,
        rooms: 0,
        sentToday: 0,
        throttledToday: 0,
      },
    ],
    pendingSends: 3,
    waiting: 3,
    delayed: 1,
    failed: 0,
    lastBulletin: '11月28日 20:00',
    messagesToday: 120,
    reportsToday: 40,
  },
}
