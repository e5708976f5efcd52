import type { Samples } from './samples.js'

/** Spot checks of one kind (or all), by outcome. */
export interface CheckTallyLine {
  /** e.g. 集中展示; empty for all kinds together. */
  name: string
  asked: number
  answered: number
  late: number
  unanswered: number
  open: number
}

/** A top-level unit's line in the ranking, every field already formatted and padded. */
export interface RankingRow {
  /** e.g. 1; empty for a unit with nothing checked. */
  rank: string
  name: string
  /** Full-width spaces after the name, so that the rates start in one column. */
  pad: string
  /** e.g. 90%, or — with no denominator; padded on the left to the column's width. */
  onDuty: string
  engagement: string
  coverage: string
  /** e.g. 2.5 */
  patrol: string
}

/** A unit's checks that were not answered in time. */
export interface MissedLine {
  unit: string
  /** kind: e.g. 随机抽查; time: when it was asked, e.g. 10:30 */
  checks: Array<{ kind: string; time: string; late: boolean }>
}

/** A problem, commendation or focus: who or where (unit and subject), and what. */
export interface NoteLine {
  number: number
  /** e.g. 龙城派出所 东风广场岗; empty when the note names none. */
  who: string
  text: string
}

/** The evening inspection bulletin for commanders and inspectors. */
export interface InspectionViews {
  'inspection-bulletin': {
    /** e.g. 10月12日 */
    date: string
    /** 今日 for today's bulletin, 当日 for a past day's. */
    dayWord: string
    /** 明日, or 次日 for a past day's bulletin. */
    nextWord: string
    checks: CheckTallyLine
    /** The kinds that were asked, in the order 集中展示, 随机抽查, 督导抽查. */
    kinds: CheckTallyLine[]
    field: {
      records: number
      onDuty: number
      engaged: number
      unstated: number
      volunteers: number
    }
    /** e.g. 90%（18/20）, 2.5（40/16）, or — with no denominator. */
    rates: { onDuty: string; engagement: string; coverage: string; patrol: string }
    ranking: RankingRow[]
    unanswered: { count: number; units: MissedLine[] }
    problems: NoteLine[]
    commendations: NoteLine[]
    focus: NoteLine[]
  }
}

const tally = (name: string, fields: Partial<CheckTallyLine>): CheckTallyLine => ({
  name,
  asked: 0,
  answered: 0,
  late: 0,
  unanswered: 0,
  open: 0,
  ...fields,
})

export const inspectionSamples: Samples<InspectionViews> = {
  'inspection-bulletin': {
    date: '10月12日',
    dayWord: '今日',
    nextWord: '明日',
    checks: tally('', { asked: 20, answered: 17, late: 1, unanswered: 1, open: 1 }),
    kinds: [
      tally('集中展示', { asked: 12, answered: 10, late: 1, unanswered: 1 }),
      tally('随机抽查', { asked: 6, answered: 6 }),
      tally('督导抽查', { asked: 2, answered: 1, open: 1 }),
    ],
    field: { records: 8, onDuty: 7, engaged: 5, unstated: 1, volunteers: 23 },
    rates: {
      onDuty: '89%（24/27）',
      engagement: '71%（5/7）',
      coverage: '85%（41/48）',
      patrol: '2.5（120/48）',
    },
    ranking: [
      {
        rank: '1',
        name: '高新分局',
        pad: '',
        onDuty: '100%',
        engagement: '100%',
        coverage: '100%',
        patrol: '2.6',
      },
      {
        rank: '2',
        name: '呈贡分局',
        pad: '',
        onDuty: '\u2007\u200775%',
        engagement: '\u2007\u200750%',
        coverage: '\u2007\u200760%',
        patrol: '1.8',
      },
      {
        rank: '',
        name: '保安集团',
        pad: '',
        onDuty: '\u2007\u2007\u2007—',
        engagement: '\u2007\u2007\u2007—',
        coverage: '\u2007\u2007\u2007—',
        patrol: '\u2007\u2007—',
      },
    ],
    unanswered: {
      count: 1,
      units: [
        {
          unit: '吴家营派出所',
          checks: [
            { kind: '集中展示', time: '09:00', late: true },
            { kind: '随机抽查', time: '10:30', late: false },
          ],
        },
      ],
    },
    problems: [{ number: 1, who: '龙城派出所 东风广场岗', text: '2名队员未佩戴袖标' }],
    commendations: [{ number: 1, who: '洛龙派出所 张建国', text: '主动劝离占道摊贩' }],
    focus: [{ number: 1, who: '', text: '加强地铁站口夜间巡逻' }],
  },
}
