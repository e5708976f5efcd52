import { renderAsync } from '@resvg/resvg-js'
import type { EChartsOption } from 'echarts'
import { BarChart, LineChart } from 'echarts/charts'
import {
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TitleComponent,
} from 'echarts/components'
import * as echarts from 'echarts/core'
import { SVGRenderer } from 'echarts/renderers'
import { createRequire } from 'node:module'

echarts.use([
  BarChart,
  LineChart,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TitleComponent,
  SVGRenderer,
])

const require = createRequire(import.meta.url)

/**
 * Noto Sans SC (SIL Open Font License 1.1) as TrueType, from the npm package
 * @expo-google-fonts/noto-sans-sc: installed with the project, never fetched at run time.
 */
export const chartFontFamily = 'Noto Sans SC'
export const chartFontFiles: readonly string[] = [
  require.resolve('@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf'),
  require.resolve('@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf'),
]

/** Charts are laid out in logical pixels and drawn at this zoom: 540 wide becomes 1080 px. */
export const chartZoom = 2

export interface ChartSize {
  width: number
  height: number
}

/**
 * Draws an ECharts option as a PNG, in the process: ECharts' server-side SVG, then resvg with the
 * bundled font only (no system fonts, no network, no browser).
 * @example await renderChart({ xAxis: {}, yAxis: {}, series: [] }, { width: 540, height: 400 })
 */
export async function renderChart(option: EChartsOption, size: ChartSize): Promise<Buffer> {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, ...size })
  let svg: string
  try {
    chart.setOption({
      animation: false,
      backgroundColor: '#ffffff',
      textStyle: { fontFamily: chartFontFamily },
      ...option,
    })
    svg = chart.renderToSVGString()
  } finally {
    chart.dispose()
  }
  const image = await renderAsync(svg, {
    font: {
      fontFiles: [...chartFontFiles],
      loadSystemFonts: false,
      defaultFontFamily: chartFontFamily,
      sansSerifFamily: chartFontFamily,
      serifFamily: chartFontFamily,
      monospaceFamily: chartFontFamily,
    },
    fitTo: { mode: 'zoom', value: chartZoom },
    background: '#ffffff',
  })
  return image.asPng()
}
