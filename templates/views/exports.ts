import type { Samples } from './samples.js'

/** A unit's line in the event ranking, every figure already formatted. */
export interface RankedUnitLine {
  rank: number
  unit: string
  /** Its top-level unit; empty for a top-level unit. */
  top: string
  /** e.g. 10/12 */
  atTarget: string
  /** e.g. 95%, or — with nothing checked. */
  onDuty: string
  engagement: string
}

/** A person's line in the event ranking. */
export interface RankedPersonLine {
  rank: number
  name: string
  unit: string
  commendations: number
  warmDeeds: number
  /** What they were commended for, joined with ；. */
  deeds: string
}

/** Charts, the Excel export and the event ranking (评比). */
export interface ExportViews {
  /**
   * The words of the bulletin chart, one per line as `key: text`; the chart reads them by key.
   * Rates are formatted, e.g. 89%, or — with nothing to count.
   */
  'bulletin-chart': {
    /** e.g. 10月12日 */
    date: string
    hasTotal: boolean
    total: string
    approx: boolean
    /** Empty when the units have no targets. */
    target: string
    percent: string
    /** e.g. 20:00; empty when not said. */
    asOf: string
    hasRates: boolean
    onDuty: string
    engagement: string
    coverage: string
  }
  /** The words of the trend chart, one per line as `key: text`. */
  'trend-chart': {
    days: number
    /** e.g. 10月6日 */
    from: string
    to: string
    /** The last day's total, e.g. 15480; empty when that day has none. */
    latest: string
  }
  /** Nothing recorded in the period asked: no chart, file or ranking is made. */
  'period-no-data': {
    /** e.g. 10月12日 or 10月6日至10月12日; empty for the security period when it has not begun. */
    period: string
    chart: boolean
    trend: boolean
    export: boolean
    ranking: boolean
  }
  /** A chart could not be drawn; the text bulletins are not affected. */
  'chart-failed': { trend: boolean }
  /** #趋势 with an argument that is not a number of days. */
  'trend-form': { written: string; most: number }
  /** #导出 with an argument that names no day, week or period it can use. */
  'export-form': { written: string; future: boolean }
  /** The export is made; the file (or files) follow. */
  'export-ready': { period: string; parts: number; split: boolean }
  /** The export is larger than WeChat takes even for one day. */
  'export-too-large': { period: string; size: string; limit: string }
  /** #评比: candidates for 先进集体, 先进个人 and 最暖红袖标 over the security period. */
  'event-ranking': {
    /** e.g. 10月1日至10月12日 */
    period: string
    days: number
    units: RankedUnitLine[]
    /** Units ranked in all, of which `units` are the first. */
    unitCount: number
    people: RankedPersonLine[]
    warmest: RankedPersonLine[]
  }
}

export const exportSamples: Samples<ExportViews> = {
  'bulletin-chart': {
    date: '10月12日',
    hasTotal: true,
    total: '15480',
    approx: true,
    target: '15690',
    percent: '99%',
    asOf: '20:00',
    hasRates: true,
    onDuty: '89%',
    engagement: '71%',
    coverage: '—',
  },
  'trend-chart': { days: 7, from: '10月6日', to: '10月12日', latest: '15480' },
  'period-no-data': {
    period: '10月12日',
    chart: true,
    trend: false,
    export: false,
    ranking: false,
  },
  'chart-failed': { trend: false },
  'trend-form': { written: '七天吧', most: 31 },
  'export-form': { written: '下周', future: false },
  'export-ready': { period: '10月6日至10月12日', parts: 2, split: true },
  'export-too-large': { period: '10月12日', size: '31.4', limit: '25' },
  'event-ranking': {
    period: '10月1日至10月12日',
    days: 12,
    units: [
      {
        rank: 1,
        unit: '龙城派出所',
        top: '呈贡分局',
        atTarget: '12/12',
        onDuty: '100%',
        engagement: '80%',
      },
      { rank: 2, unit: '保安集团', top: '', atTarget: '11/12', onDuty: '95%', engagement: '—' },
    ],
    unitCount: 8,
    people: [
      {
        rank: 1,
        name: '李明',
        unit: '龙城派出所',
        commendations: 3,
        warmDeeds: 2,
        deeds: '主动为游客指路；劝阻占道经营',
      },
    ],
    warmest: [
      {
        rank: 1,
        name: '李明',
        unit: '龙城派出所',
        commendations: 3,
        warmDeeds: 2,
        deeds: '主动为游客指路',
      },
    ],
  },
}
