import { describe, expect, it } from 'vitest'
import { workBulletinOf } from '../../../db/bulletin-queries.js'
import { openDb } from '../../../db/client.js'
import { trendChartData } from '../../../src/charts/chart-data.js'
import { defaultSchedule } from '../../../src/schedule/schedule.js'
import { daysBetween } from '../../../src/time/zoned.js'
import { chartZoom } from '../../../templates/charts/render-chart.js'
import {
  renderTrendChart,
  trendChartSize,
  trendChartView,
} from '../../../templates/charts/trend-chart.js'
import { loadTemplates } from '../../../templates/load-templates.js'
import { exampleRoster } from '../../helpers/fixtures.js'
import { pngFacts } from '../../helpers/png.js'
import { hc, reportWriter } from '../../helpers/report-days.js'

const roster = exampleRoster()
const templates = loadTemplates()

describe('trend chart', () => {
  const db = openDb(':memory:')
  const write = reportWriter(db, roster.timezone)
  const days = daysBetween('2026-10-06', '2026-10-12')
  days.forEach((day, i) => {
    if (i !== 2) write.report(day, '08:00', [hc('保安集团', 11000 + i * 200), hc('环卫集团', 2900)])
  })
  const data = trendChartData(days.map((day) => workBulletinOf(db, roster, defaultSchedule, day)))

  it('says the days it covers and the last total', () => {
    expect(trendChartView(data)).toEqual({
      days: 7,
      from: '10月6日',
      to: '10月12日',
      latest: '15100',
    })
    expect(templates.render('trend-chart', trendChartView(data))).toContain(
      'title: 红袖标上岗人数趋势（近7天）',
    )
  })

  it('renders a PNG of the size it is laid out at, not a blank', async () => {
    const facts = pngFacts(await renderTrendChart(templates, data))
    expect(facts.width).toBe(trendChartSize.width * chartZoom)
    expect(facts.height).toBe(trendChartSize.height * chartZoom)
    expect(facts.colours).toBeGreaterThan(100)
    expect(facts.inkShare).toBeGreaterThan(0.02)
  })
})
