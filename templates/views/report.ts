import type { Samples } from './samples.js'

/** Replies to liaisons' reports. */
export interface HeadcountLine {
  unit: string
  count: number
  approx: boolean
  points: number | null
  /** e.g. 保安60人、环卫40人 */
  breakdown: string | null
}

export interface ReportViews {
  receipt: {
    correction: boolean
    /** 今日, or the stated day such as 11月3日 */
    dayLabel: string
    single: boolean
    records: HeadcountLine[]
    /** One line per unit: 巡逻 40 次、安全检查 12 次 */
    activities: Array<{ unit: string; summary: string }>
  }
  /** exampleUnit: a unit the room may report for, for the example line */
  'unknown-unit': {
    unknown: Array<{ written: string; candidates: string }>
    exampleUnit: string
  }
  held: { held: Array<{ unit: string; count: number; target: number }> }
  'missing-unit': { exampleUnit: string }
  /**
   * written: the figures as written (150+20); unit: the unit to show in the example, as people
   * write it; sum: what a written sum adds up to, for the example, else null
   */
  'malformed-figure': { written: string[]; unit: string; sum: number | null }
  retracted: { records: Array<{ unit: string; count: number }> }
  confirmed: { dayLabel: string; records: Array<{ unit: string; count: number }> }
  'nothing-to-confirm': Record<string, never>
}

export const reportSamples: Samples<ReportViews> = {
  receipt: {
    correction: false,
    dayLabel: '今日',
    single: false,
    records: [
      {
        unit: '东华派出所',
        count: 326,
        approx: false,
        points: 12,
        breakdown: '保安60人、环卫40人',
      },
      { unit: '拓东派出所', count: 210, approx: true, points: null, breakdown: null },
    ],
    activities: [{ unit: '东华派出所', summary: '巡逻 40 次、安全检查 12 次' }],
  },
  'unknown-unit': {
    unknown: [{ written: '东花所', candidates: '东华派出所' }],
    exampleUnit: '东华所',
  },
  held: { held: [{ unit: '东华派出所', count: 3000, target: 300 }] },
  'missing-unit': { exampleUnit: '东华所' },
  'malformed-figure': { written: ['150+20'], unit: '东华所', sum: 170 },
  retracted: { records: [{ unit: '东华派出所', count: 326 }] },
  confirmed: { dayLabel: '今日', records: [{ unit: '东华派出所', count: 3000 }] },
  'nothing-to-confirm': {},
}
