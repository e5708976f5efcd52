import type { EChartsOption } from 'echarts'
import type { TrendChartData } from '../../src/charts/chart-data.js'
import { chineseDate } from '../../src/time/zoned.js'
import type { Templates } from '../load-templates.js'
import type { TemplateViews } from '../views.js'
import { chartColours } from './bulletin-chart.js'
import { readChartWords, type ChartWords } from './chart-words.js'
import { renderChart, type ChartSize } from './render-chart.js'

const wordKeys = ['title', 'subtitle', 'total', 'target'] as const
type TrendWords = ChartWords<(typeof wordKeys)[number]>

export const trendChartSize: ChartSize = { width: 540, height: 400 }
/** Up to this many days every point carries its figure; beyond, they would run together. */
const labelledDays = 14

/** The chart's words, rendered from trend-chart.hbs. */
export function trendChartView(data: TrendChartData): TemplateViews['trend-chart'] {
  const last = data.points.at(-1)
  return {
    days: data.points.length,
    from: chineseDate(data.from),
    to: chineseDate(data.to),
    latest: last?.total == null ? '' : String(last.total),
  }
}

/** 10/12 for an axis. */
function shortDate(day: string): string {
  return `${Number(day.slice(5, 7))}/${Number(day.slice(8, 10))}`
}

/** The daily total as a line over the target, dashed; a day with no figure leaves a gap. */
export function trendChartOption(data: TrendChartData, words: TrendWords): EChartsOption {
  const labelled = data.points.length <= labelledDays
  return {
    title: [
      {
        text: words.title,
        left: 'center',
        top: 14,
        textStyle: { fontSize: 20, fontWeight: 'bold', color: chartColours.title },
      },
      {
        text: words.subtitle,
        left: 'center',
        top: 44,
        textStyle: { fontSize: 13, fontWeight: 'normal', color: chartColours.text },
      },
    ],
    legend: {
      top: 70,
      left: 'center',
      textStyle: { fontSize: 12, color: chartColours.text },
      data: [words.total, words.target],
    },
    grid: { left: 64, right: 28, top: 108, bottom: 40 },
    xAxis: {
      type: 'category',
      boundaryGap: true,
      data: data.points.map((p) => shortDate(p.day)),
      axisLabel: { fontSize: 12, color: chartColours.text },
    },
    yAxis: {
      type: 'value',
      min: 0,
      axisLabel: { fontSize: 11, color: chartColours.muted },
      splitLine: { lineStyle: { color: '#eeeeee' } },
    },
    series: [
      {
        name: words.total,
        type: 'line',
        symbolSize: 7,
        connectNulls: false,
        lineStyle: { width: 3, color: chartColours.onDuty },
        itemStyle: { color: chartColours.onDuty },
        label: {
          show: labelled,
          position: 'top',
          fontSize: 11,
          color: chartColours.text,
          backgroundColor: '#ffffff',
          padding: [1, 2],
        },
        data: data.points.map((p) => p.total ?? '-'),
      },
      {
        name: words.target,
        type: 'line',
        symbol: 'none',
        lineStyle: { width: 2, type: 'dashed', color: chartColours.short },
        itemStyle: { color: chartColours.short },
        data: data.points.map((p) => p.target ?? '-'),
      },
    ],
  }
}

/**
 * The trend chart as a PNG (1080 px wide).
 * @example await renderTrendChart(templates, trendChartData(bulletins))
 */
export async function renderTrendChart(
  templates: Templates,
  data: TrendChartData,
): Promise<Buffer> {
  return renderChart(trendChartOption(data, trendChartWords(templates, data)), trendChartSize)
}

/** The chart's titles and labels, from its template (trend-chart.hbs). */
export function trendChartWords(templates: Templates, data: TrendChartData): TrendWords {
  return readChartWords(
    'trend-chart',
    templates.render('trend-chart', trendChartView(data)),
    wordKeys,
  )
}
