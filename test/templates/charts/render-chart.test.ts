import { existsSync, statSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { PNG } from 'pngjs'
import { chartFontFiles, renderChart } from '../../../templates/charts/render-chart.js'

const size = { width: 120, height: 60 }

async function pixelsOf(text: string): Promise<Buffer> {
  const png = await renderChart(
    { title: { text, left: 'center', top: 10, textStyle: { fontSize: 28 } } },
    size,
  )
  return PNG.sync.read(png).data
}

function ink(pixels: Buffer): number {
  let dark = 0
  for (let i = 0; i < pixels.length; i += 4) if (pixels[i]! < 128) dark++
  return dark
}

describe('renderChart', () => {
  it('draws with the font that ships with the project, TrueType files on disk', () => {
    expect(chartFontFiles).toHaveLength(2)
    for (const file of chartFontFiles) {
      expect(file).toMatch(/NotoSansSC_\d+\w+\.ttf$/)
      expect(existsSync(file)).toBe(true)
      expect(statSync(file).size).toBeGreaterThan(5_000_000)
    }
  })

  it('draws Chinese characters as their own glyphs, not as blanks or tofu boxes', async () => {
    const [hong, xiu, blank] = await Promise.all([pixelsOf('红'), pixelsOf('袖'), pixelsOf('')])
    expect(ink(hong)).toBeGreaterThan(40)
    expect(ink(xiu)).toBeGreaterThan(40)
    expect(ink(blank)).toBe(0)
    // A missing glyph draws the same box for every character.
    expect(hong.equals(xiu)).toBe(false)
  })
})
