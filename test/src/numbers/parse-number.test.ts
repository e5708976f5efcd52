import { describe, expect, it } from 'vitest'
import { parseNumber, readNumeral } from '../../../src/numbers/parse-number.js'

describe('parseNumber', () => {
  it.each<[string, number, boolean]>([
    // Arabic, full-width, thousands separators, decimals
    ['120', 120, false],
    ['１２０', 120, false],
    ['0', 0, false],
    ['1,050', 1050, false],
    ['11,800', 11800, false],
    ['1，050', 1050, false],
    ['1,200,000', 1200000, false],
    ['1.5', 1.5, false],
    // Chinese numerals
    ['十', 10, false],
    ['十二', 12, false],
    ['七十六', 76, false],
    ['一百零五', 105, false],
    ['一百九十八', 198, false],
    ['二百一十五', 215, false],
    ['两百', 200, false],
    ['两百零一', 201, false],
    ['一千零一', 1001, false],
    ['两千零五十', 2050, false],
    ['壹佰贰拾', 120, false],
    ['捌拾', 80, false],
    ['十万', 100000, false],
    ['零', 0, false],
    ['二〇二四', 2024, false],
    ['一亿二千万', 120000000, false],
    // Shorthand: the digit after the last place is one place lower
    ['三千五', 3500, false],
    ['一百五', 150, false],
    ['两百五', 250, false],
    ['一万二', 12000, false],
    // 万 and 千 with Arabic digits
    ['3万', 30000, false],
    ['1.8万', 18000, false],
    ['1.15万', 11500, false],
    ['1.18 万', 11800, false],
    ['1万5', 15000, false],
    ['3千', 3000, false],
    ['3千5', 3500, false],
    // Approximations keep the number as written
    ['1.2万余', 12000, true],
    ['200余', 200, true],
    ['80多', 80, true],
    ['100来', 100, true],
    ['约150', 150, true],
    ['近九十', 90, true],
    ['大约两百', 200, true],
    ['将近300', 300, true],
    ['150左右', 150, true],
    ['300以上', 300, true],
  ])('%s → %d (approx %s)', (text, value, approx) => {
    expect(parseNumber(text)).toEqual({ value, approx })
  })

  it.each(['', '人', '百', '千人', '万', '五5', '一百二三', '12a', '1-2', '150人', '三月'])(
    'rejects %j',
    (text) => {
      expect(parseNumber(text)).toBeUndefined()
    },
  )
})

describe('readNumeral', () => {
  it('stops at the first character that is not part of the numeral', () => {
    expect(readNumeral('上岗326人', 2)).toMatchObject({ value: 326, end: 5, integer: true })
    expect(readNumeral('五华分局', 0)).toMatchObject({
      value: 5,
      end: 1,
      chinese: true,
      arabic: false,
    })
  })

  it('reports what makes a digit run something other than a count', () => {
    expect(readNumeral('13912345678', 0)).toMatchObject({ arabicRun: 11 })
    expect(readNumeral('0871', 0)).toMatchObject({ leadingZero: true })
    expect(readNumeral('1.5人', 0)).toMatchObject({ value: 1.5, integer: false })
  })

  it('does not read a separator that is not a thousands separator', () => {
    expect(readNumeral('150,11', 0)).toMatchObject({ value: 150, end: 3 })
    expect(readNumeral('1,0500', 0)).toMatchObject({ value: 1, end: 1 })
  })

  it('is linear on long digit runs', () => {
    const start = performance.now()
    const reading = readNumeral('9'.repeat(100_000), 0)
    expect(performance.now() - start).toBeLessThan(50)
    expect(reading?.arabicRun).toBe(100_000)
  })
})
