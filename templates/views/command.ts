import type { Samples } from './samples.js'

/** Replies about commands themselves. */
export interface CommandViews {
  'unknown-command': { name: string }
  /** allowed: e.g. 指挥部、督导组 */
  refused: { name: string; allowed: string }
  /** What the asker may use, by the roles they hold where they ask. */
  help: {
    liaison: boolean
    commander: boolean
    inspector: boolean
    admin: boolean
    exampleUnit: string
  }
}

export const commandSamples: Samples<CommandViews> = {
  'unknown-command': { name: '工作通告' },
  refused: { name: '工作通报', allowed: '指挥部' },
  help: { liaison: true, commander: true, inspector: true, admin: true, exampleUnit: '龙城所' },
}
