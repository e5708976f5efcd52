import { describe, expect, it } from 'vitest'
import { loadTemplates } from '../../templates/load-templates.js'

describe('malformed-figure', () => {
  const templates = loadTemplates()

  it('quotes a sum and shows what it adds up to, as in the issue', () => {
    expect(
      templates.render('malformed-figure', { written: ['150+20'], unit: '龙城所', sum: 170 }),
    ).toBe('「150+20」没能识别为人数，请直接写出合计人数，如「龙城所 170人」')
  })

  it('quotes every malformed figure of a message in one line', () => {
    expect(
      templates.render('malformed-figure', {
        written: ['1,0500', '-50'],
        unit: '保安集团',
        sum: null,
      }),
    ).toBe('「1,0500」、「-50」没能识别为人数，请直接写出合计人数，如「保安集团 120人」')
  })
})
