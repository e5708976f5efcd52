import { describe, expect, it } from 'vitest'
import { workBulletinOf } from '../../../db/bulletin-queries.js'
import { openDb } from '../../../db/client.js'
import { inspectionBulletinOf } from '../../../db/inspection-queries.js'
import { bulletinChartData } from '../../../src/charts/chart-data.js'
import { defaultSchedule } from '../../../src/schedule/schedule.js'
import {
  bulletinChartOption,
  bulletinChartView,
  bulletinChartWords,
  bulletinChartWidth,
  renderBulletinChart,
} from '../../../templates/charts/bulletin-chart.js'
import { readChartWords } from '../../../templates/charts/chart-words.js'
import { chartZoom } from '../../../templates/charts/render-chart.js'
import { loadTemplates } from '../../../templates/load-templates.js'
import { exampleRoster } from '../../helpers/fixtures.js'
import { writeExampleInspectionDay } from '../../helpers/inspection-days.js'
import { pngFacts, pngHeaderSize } from '../../helpers/png.js'

const roster = exampleRoster()
const templates = loadTemplates()

function exampleData() {
  const db = openDb(':memory:')
  const day = writeExampleInspectionDay(db, roster.timezone)
  return bulletinChartData(
    workBulletinOf(db, roster, defaultSchedule, day),
    inspectionBulletinOf(db, roster, day),
  )
}

describe('bulletin chart', () => {
  const data = exampleData()

  it('says the day, the totals and the overall rates in its words', () => {
    expect(templates.render('bulletin-chart', bulletinChartView(data, '20:00'))).toContain(
      'subtitle: 上岗 12528 人，目标 15740 人，完成 80%（截至 20:00）',
    )
    const view = bulletinChartView(data)
    expect(view).toMatchObject({ date: '10月12日', hasRates: true, onDuty: '81%' })
  })

  it('draws each top-level unit against its target, short ones in red, and labels them', () => {
    const words = bulletinChartWords(templates, data)
    const { option, size } = bulletinChartOption(data, words)
    expect(size.width).toBe(bulletinChartWidth)
    const series = option.series as Array<{
      data: Array<{ value: number; itemStyle?: { color: string }; label?: { formatter: string } }>
    }>
    const bars = series[0]!.data
    expect(bars.map((b) => b.label?.formatter)).toEqual([
      '268/470  57%',
      '165/170  97%',
      '95/100  95%',
      '未报',
      '12000/12000  100%',
    ])
    expect(bars.map((b) => b.itemStyle?.color)).toEqual([
      '#c62828',
      '#f9a825',
      '#f9a825',
      '#9e9e9e',
      '#2e7d32',
    ])
  })

  it('renders a PNG wide enough for a phone, with Chinese text and colours, not a blank', async () => {
    // How long it takes is the bench's bulletin_chart_ms, not a test's.
    const png = await renderBulletinChart(templates, data, { asOf: '20:00' })
    const header = pngHeaderSize(png)
    expect(header.width).toBe(bulletinChartWidth * chartZoom)
    expect(header.height).toBeGreaterThan(1000)
    const facts = pngFacts(png)
    expect(facts).toMatchObject(header)
    // Anti-aliased text and the bars' colours give many distinct colours; a blank would not.
    expect(facts.colours).toBeGreaterThan(50)
    expect(facts.inkShare).toBeGreaterThan(0.05)
    expect(facts.inkShare).toBeLessThan(0.6)
  })

  it('names the template and the line when an edited template lost one', () => {
    expect(() => readChartWords('bulletin-chart', 'title: x', ['title', 'subtitle'])).toThrow(
      'bulletin-chart.hbs has no line "subtitle: …"',
    )
  })
})
