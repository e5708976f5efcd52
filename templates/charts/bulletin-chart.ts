import type { EChartsOption } from 'echarts'
import type { BulletinChartData, HeadcountBar, RatesBar } from '../../src/charts/chart-data.js'
import type { Rate } from '../../src/metrics/inspection-metrics.js'
import { chineseDate } from '../../src/time/zoned.js'
import { formatCount, formatPercent } from '../bulletin-views.js'
import type { Templates } from '../load-templates.js'
import type { TemplateViews } from '../views.js'
import { formatRate, widthOf, wholePercent } from '../bulletin-views.js'
import { readChartWords, type ChartWords } from './chart-words.js'
import { renderChart, type ChartSize } from './render-chart.js'

const wordKeys = [
  'title',
  'subtitle',
  'headcount',
  'colours',
  'missing',
  'noTarget',
  'rates',
  'onDuty',
  'engagement',
  'coverage',
  'noRates',
] as const
type BulletinWords = ChartWords<(typeof wordKeys)[number]>

/** Logical width; drawn at twice that, it reads on a phone without zooming. */
export const bulletinChartWidth = 540
const headcountRow = 34
const ratesRow = 58
/** Bars of units far above target are cut here, so that the others stay readable. */
const percentCap = 150

export const chartColours = {
  met: '#2e7d32',
  near: '#f9a825',
  short: '#c62828',
  none: '#9e9e9e',
  onDuty: '#1565c0',
  engagement: '#8e24aa',
  coverage: '#00897b',
  title: '#b71c1c',
  text: '#333333',
  muted: '#757575',
}

/** Green at target, amber from 90%, red below: which unit is short, at a glance. */
function colourOf(percent: number | null): string {
  if (percent === null) return chartColours.none
  if (percent >= 100) return chartColours.met
  return percent >= 90 ? chartColours.near : chartColours.short
}

function headcountLabel(bar: HeadcountBar, words: BulletinWords): string {
  if (bar.count === null) return words.missing
  const count = formatCount(bar.count, bar.approx)
  if (bar.target === null || bar.percent === null) return `${count}（${words.noTarget}）`
  return `${count}/${bar.target}  ${formatPercent(bar.percent)}`
}

/** Width of a unit name in logical pixels at 13 px: a Chinese character is square. */
function nameWidth(name: string): number {
  return widthOf(name) * 13
}

function rateValue(rate: Rate): number | '-' {
  return wholePercent(rate) ?? '-'
}

/** The chart's words, rendered from bulletin-chart.hbs. */
export function bulletinChartView(
  data: BulletinChartData,
  asOf = '',
): TemplateViews['bulletin-chart'] {
  const { overall } = data
  return {
    date: chineseDate(data.date),
    hasTotal: data.total !== null,
    total: data.total === null ? '' : String(data.total),
    approx: data.approx,
    target: data.target === null ? '' : String(data.target),
    percent: formatPercent(data.percent),
    asOf,
    hasRates: [overall.onDuty, overall.engagement, overall.coverage].some((r) => r.value !== null),
    onDuty: formatRate(overall.onDuty),
    engagement: formatRate(overall.engagement),
    coverage: formatRate(overall.coverage),
  }
}

/**
 * One tall image for a phone: the title and totals, then each top-level unit's headcount as a
 * share of its target (coloured by how short it is, the target a dashed line), then its 见勤率,
 * 管事率 and 覆盖率 side by side.
 */
export function bulletinChartOption(
  data: BulletinChartData,
  words: BulletinWords,
): { option: EChartsOption; size: ChartSize } {
  const units = data.headcount.map((b) => b.unit)
  const n = Math.max(units.length, 1)
  const left = Math.ceil(Math.max(0, ...units.map(nameWidth))) + 20
  const headcountTop = 104
  const headcountHeight = n * headcountRow
  const ratesHeading = headcountTop + headcountHeight + 42
  const ratesTop = ratesHeading + 56
  const ratesHeight = n * ratesRow
  const height = ratesTop + ratesHeight + 34

  const percents = data.headcount.map((b) => b.percent ?? 0)
  const axisMax = Math.min(percentCap, Math.max(100, Math.ceil(Math.max(...percents) / 10) * 10))
  const rates = new Map<string, RatesBar>(data.rates.map((r) => [r.unit, r]))
  const noRates = (unit: string): boolean => {
    const r = rates.get(unit)
    return !r || [r.onDuty, r.engagement, r.coverage].every((rate) => rate.value === null)
  }
  const rateSeries = (
    name: string,
    colour: string,
    pick: (bar: RatesBar) => Rate,
    first: boolean,
  ) => ({
    name,
    type: 'bar' as const,
    xAxisIndex: 1,
    yAxisIndex: 1,
    barWidth: 12,
    barGap: '20%',
    itemStyle: { color: colour },
    label: { show: true, position: 'right' as const, fontSize: 11, formatter: '{c}%' },
    data: units.map((unit) => {
      const bar = rates.get(unit)
      if (first && noRates(unit))
        return {
          value: 0,
          label: { show: true, formatter: words.noRates, color: chartColours.muted },
        }
      return bar ? rateValue(pick(bar)) : '-'
    }),
  })

  const option: EChartsOption = {
    title: [
      {
        text: words.title,
        left: 'center',
        top: 14,
        textStyle: { fontSize: 21, fontWeight: 'bold', color: chartColours.title },
      },
      {
        text: words.subtitle,
        left: 'center',
        top: 46,
        textStyle: { fontSize: 13, fontWeight: 'normal', color: chartColours.text },
      },
      {
        text: words.headcount,
        left: 14,
        top: 76,
        textStyle: { fontSize: 15, fontWeight: 'bold', color: chartColours.text },
      },
      {
        text: words.colours,
        right: 14,
        top: 80,
        textStyle: { fontSize: 11, fontWeight: 'normal', color: chartColours.muted },
      },
      {
        text: words.rates,
        left: 14,
        top: ratesHeading,
        textStyle: { fontSize: 15, fontWeight: 'bold', color: chartColours.text },
      },
    ],
    legend: {
      top: ratesHeading + 26,
      left: 14,
      itemWidth: 14,
      itemHeight: 10,
      textStyle: { fontSize: 12, color: chartColours.text },
      data: [words.onDuty, words.engagement, words.coverage],
    },
    grid: [
      { left, right: 118, top: headcountTop, height: headcountHeight },
      { left, right: 44, top: ratesTop, height: ratesHeight },
    ],
    xAxis: [
      {
        gridIndex: 0,
        type: 'value',
        min: 0,
        max: axisMax,
        interval: 25,
        axisLabel: { fontSize: 11, color: chartColours.muted, formatter: '{value}%' },
        splitLine: { lineStyle: { color: '#eeeeee' } },
      },
      {
        gridIndex: 1,
        type: 'value',
        min: 0,
        max: 100,
        interval: 25,
        axisLabel: { fontSize: 11, color: chartColours.muted, formatter: '{value}%' },
        splitLine: { lineStyle: { color: '#eeeeee' } },
      },
    ],
    yAxis: [
      {
        gridIndex: 0,
        type: 'category',
        inverse: true,
        data: units,
        axisTick: { show: false },
        axisLabel: { fontSize: 13, color: chartColours.text },
      },
      {
        gridIndex: 1,
        type: 'category',
        inverse: true,
        data: units,
        axisTick: { show: false },
        axisLabel: { fontSize: 13, color: chartColours.text },
      },
    ],
    series: [
      {
        type: 'bar',
        xAxisIndex: 0,
        yAxisIndex: 0,
        barWidth: 18,
        data: data.headcount.map((bar) => ({
          value: bar.percent === null ? 0 : Math.min(bar.percent, axisMax),
          itemStyle: { color: colourOf(bar.percent) },
          label: {
            show: true,
            position: 'right',
            fontSize: 12,
            // A white ground keeps the figures readable where they cross the target line.
            backgroundColor: '#ffffff',
            padding: [1, 3],
            color: bar.count === null ? chartColours.short : chartColours.text,
            formatter: headcountLabel(bar, words),
          },
        })),
        markLine: {
          // Under the bars' labels, which cross it when a unit is close to its target.
          z: 1,
          silent: true,
          symbol: 'none',
          lineStyle: { type: 'dashed', color: chartColours.text, width: 1 },
          // Named in the colour key, which sits where a label on the line would.
          label: { show: false },
          data: [{ xAxis: 100 }],
        },
      },
      rateSeries(words.onDuty, chartColours.onDuty, (r) => r.onDuty, true),
      rateSeries(words.engagement, chartColours.engagement, (r) => r.engagement, false),
      rateSeries(words.coverage, chartColours.coverage, (r) => r.coverage, false),
    ],
  }
  return { option, size: { width: bulletinChartWidth, height } }
}

export interface BulletinChartOptions {
  /** The time the figures stand at, e.g. 20:00, said in the subtitle. */
  asOf?: string
}

/** The chart's titles and labels, from its template (bulletin-chart.hbs). */
export function bulletinChartWords(
  templates: Templates,
  data: BulletinChartData,
  asOf?: string,
): BulletinWords {
  return readChartWords(
    'bulletin-chart',
    templates.render('bulletin-chart', bulletinChartView(data, asOf)),
    wordKeys,
  )
}

/**
 * The bulletin chart of a day as a PNG (1080 px wide).
 * @example await renderBulletinChart(templates, bulletinChartData(work, inspection), { asOf: '20:00' })
 */
export async function renderBulletinChart(
  templates: Templates,
  data: BulletinChartData,
  options: BulletinChartOptions = {},
): Promise<Buffer> {
  const { option, size } = bulletinChartOption(
    data,
    bulletinChartWords(templates, data, options.asOf),
  )
  return renderChart(option, size)
}
