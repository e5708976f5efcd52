import type { Samples } from './samples.js'

/** One unit's line in the bulletin, every field already formatted. */
export interface BulletinRow {
  /** Full-width spaces, one per level below the top. */
  indent: string
  /** A top-level unit: written as 【name】. */
  top: boolean
  name: string
  /** Full-width spaces after the name, so that the figures of siblings start in one column. */
  pad: string
  hasFigure: boolean
  /** e.g. 150, 2950余 */
  count: string
  /** e.g. 96%; empty when the unit has no target. */
  percent: string
  /** Against yesterday: +20, -5, ±0, or — when either day has no figure. */
  delta: string
  /** Duty points reported / planned, e.g. 10/12; empty when none were reported. */
  points: string
}

/** A list that may run long, already cut into short lines. */
export interface BulletinList {
  count: number
  lines: string[]
}

/** The evening bulletins for commanders, and the lists they ask for. */
export interface BulletinViews {
  'work-bulletin': {
    /** e.g. 10月12日 */
    date: string
    /** 今日 for today's bulletin, 当日 for a past day's. */
    dayWord: string
    /** 昨日, or 前一日 for a past day's bulletin. */
    previousWord: string
    hasTotal: boolean
    /** Plain digits, e.g. 15480 */
    total: string
    /** The total includes a figure written as 余/多/约. */
    approx: boolean
    percent: string
    /** Total against yesterday, e.g. +20; empty when yesterday has no figure. */
    delta: string
    /** Same total as yesterday. */
    flat: boolean
    /** One per top-level unit with its children; top-level units without children share one. */
    blocks: Array<{ rows: BulletinRow[] }>
    missing: BulletinList
    activities: { patrol: number; safetyCheck: number; hazard: number; dispute: number } | null
    /** Report deadline, e.g. 09:00 */
    deadline: string
    late: BulletinList
    corrections: BulletinList
  }
  /** #未报: the leaf units that have not reported, all of them or one room's. */
  'missing-units': {
    /** 今日, or a past day such as 10月11日 */
    dayLabel: string
    /** e.g. 截至 15:20; empty for a past day */
    asOf: string
    /** The unit the room speaks for, e.g. 呈贡分局; empty for all units. */
    scope: string
    /** Ask the room to report: a liaison room asking about today. */
    nudge: boolean
    missing: BulletinList
  }
  /** A date argument that names no day the command can use. */
  'bad-date': { command: string; written: string; future: boolean }
}

const row = (name: string, fields: Partial<BulletinRow>): BulletinRow => ({
  indent: '　',
  top: false,
  name,
  pad: '',
  hasFigure: true,
  count: '150',
  percent: '100%',
  delta: '+5',
  points: '10/10',
  ...fields,
})

export const bulletinSamples: Samples<BulletinViews> = {
  'work-bulletin': {
    date: '10月12日',
    dayWord: '今日',
    previousWord: '昨日',
    hasTotal: true,
    total: '15450',
    approx: true,
    percent: '98%',
    delta: '+120',
    flat: false,
    blocks: [
      {
        rows: [
          row('呈贡分局', { indent: '', top: true, count: '270', percent: '57%', points: '18/30' }),
          row('龙城派出所', { pad: '　' }),
          row('吴家营派出所', { hasFigure: false, count: '', percent: '', delta: '—', points: '' }),
        ],
      },
      {
        rows: [
          row('环卫集团', { indent: '', top: true, count: '2950余', percent: '98%', points: '' }),
          row('保安集团', { indent: '', top: true, count: '12000', delta: '±0', points: '' }),
        ],
      },
    ],
    missing: { count: 1, lines: ['呈贡分局：吴家营派出所'] },
    activities: { patrol: 120, safetyCheck: 35, hazard: 4, dispute: 2 },
    deadline: '09:00',
    late: { count: 1, lines: ['马金铺派出所 10:15'] },
    corrections: { count: 1, lines: ['洛龙派出所 118→120'] },
  },
  'missing-units': {
    dayLabel: '今日',
    asOf: '截至 15:20',
    scope: '',
    nudge: false,
    missing: { count: 2, lines: ['呈贡分局：吴家营派出所', '晋宁分局：晋城派出所'] },
  },
  'bad-date': { command: '工作通报', written: '13月1日', future: false },
}
