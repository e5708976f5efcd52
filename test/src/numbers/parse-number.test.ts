import { describe, expect, it } from 'vitest'
import { LINEAR_BUDGET_MS } from '../../helpers/linear-budget.js'
import {
  malformedEnd,
  parseNumber,
  plainSum,
  readNumeral,
  signedStart,
} from '../../../src/numbers/parse-number.js'

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

  it.each([
    '',
    '人',
    '百',
    '千人',
    '万',
    '五5',
    '一百二三',
    '12a',
    '1-2',
    '150人',
    '三月',
    // Arithmetic, signs, separators in the wrong place, and sizes past exact reading
    '150+20',
    '150 + 20',
    '１５０＋２０',
    '100-5',
    '20*3',
    '20x3',
    '20×3',
    '150~160',
    '-50',
    '+50',
    '负50',
    '−50',
    '1,0500',
    '12,34',
    '1、050',
    '1.000.000',
    '1e12',
    '150+',
    '123456789012345678901234567890',
    '9'.repeat(400),
  ])('rejects %j', (text) => {
    expect(parseNumber(text)).toBeUndefined()
  })
})

describe('malformedEnd', () => {
  it.each<[string, string]>([
    // Arithmetic and ranges: the whole expression, never its last part
    ['150+20人', '150+20'],
    ['150 + 20 人', '150 + 20'],
    ['150+20+8人', '150+20+8'],
    ['150+20=170人', '150+20=170'],
    ['100-5人', '100-5'],
    ['20*3人', '20*3'],
    ['20×3人', '20×3'],
    ['20x3人', '20x3'],
    ['150~160人', '150~160'],
    ['100÷2人', '100÷2'],
    ['一百五+二十人', '一百五+二十'],
    ['1.5万+2000人', '1.5万+2000'],
    // Digits grouped in a way no count is: the run of digits and marks
    ['1,0500人', '1,0500'],
    ['12,34人', '12,34'],
    ['1,050,00人', '1,050,00'],
    ['1050,500人', '1050,500'],
    ['1、050人', '1、050'],
    ['1.000.000人', '1.000.000'],
    ['1e12人', '1e12'],
    // A plus after the figure: 150 and more
    ['150+人', '150+'],
  ])('%j runs on to %j', (text, written) => {
    const numeral = readNumeral(text, 0)!
    expect(text.slice(0, malformedEnd(text, numeral.end))).toBe(written)
  })

  it.each([
    '150人',
    '1,050人',
    '11,800人',
    '1.8万人',
    '1.18 万人',
    '150，拓东所',
    '150, 12个点位',
    '150 人',
    '150-',
    '150 -',
    '150。',
    '150',
    '8:30',
    '150/点位12',
  ])('%j stands alone', (text) => {
    const numeral = readNumeral(text, 0)!
    expect(malformedEnd(text, numeral.end)).toBe(-1)
  })
})

describe('signedStart', () => {
  it.each<[string, number, number]>([
    ['上岗-50人', 3, 2],
    ['上岗+50人', 3, 2],
    ['上岗负50人', 3, 2],
    ['上岗−50人', 3, 2],
    ['-50', 1, 0],
    ['上岗50人', 2, 2],
    ['50', 0, 0],
    // After a digit the mark is an operator: malformedEnd reads it with the numeral before.
    ['150-50', 4, 4],
    ['3-12度', 2, 2],
  ])('%j at %d starts at %d', (text, at, start) => {
    expect(signedStart(text, at)).toBe(start)
  })
})

describe('plainSum', () => {
  it.each<[string, number | undefined]>([
    ['150+20', 170],
    ['150 + 20 + 8', 178],
    ['一百+二十', 120],
    ['1,050+20', 1070],
    ['+50', undefined],
    ['150+', undefined],
    ['100-5', undefined],
    ['20*3', undefined],
    ['1.5+2', undefined],
    ['150+20=170', undefined],
    ['1,0500', undefined],
    ['12345678901234567890…', undefined],
    ['99999999+1', undefined],
  ])('%j adds up to %s', (written, sum) => {
    expect(plainSum(written)).toBe(sum)
  })
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

  it('says when a decimal point stays unscaled', () => {
    expect(readNumeral('1.000', 0)).toMatchObject({ value: 1, integer: true, decimal: true })
    expect(readNumeral('1.5', 0)).toMatchObject({ decimal: true })
    expect(readNumeral('1.8万', 0)).toMatchObject({ value: 18000, decimal: false })
    expect(readNumeral('1.5千', 0)).toMatchObject({ value: 1500, decimal: false })
    expect(readNumeral('1,050', 0)).toMatchObject({ value: 1050, decimal: false })
  })

  it('is linear on long digit runs', () => {
    const start = performance.now()
    const reading = readNumeral('9'.repeat(100_000), 0)
    expect(performance.now() - start).toBeLessThan(LINEAR_BUDGET_MS)
    expect(reading?.arabicRun).toBe(100_000)
  })
})
