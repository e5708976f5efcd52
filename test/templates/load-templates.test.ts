import { cpSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  defaultTemplatesDir,
  loadTemplates,
  TemplateError,
} from '../../templates/load-templates.js'
import { receiptView } from '../../templates/report-views.js'

function copyOfTemplates(): string {
  const dir = mkdtempSync(join(tmpdir(), 'redband-templates-'))
  cpSync(defaultTemplatesDir, dir, { recursive: true, filter: (src) => !src.endsWith('.ts') })
  return dir
}

describe('loadTemplates', () => {
  const templates = loadTemplates()

  it('renders a one-unit receipt on one line, as in the issue', () => {
    const view = receiptView(
      {
        records: [{ unit: '东华派出所', count: 326, approx: false, points: 12 }],
        activities: [],
        correction: false,
      },
      '今日',
    )
    expect(templates.render('receipt', view)).toBe('已登记：东华派出所 今日上岗 326 人，点位 12 个')
  })

  it('renders several units, approximations, breakdowns and activities one per line', () => {
    const view = receiptView(
      {
        records: [
          { unit: '龙城派出所', count: 150, approx: false, breakdown: { 保安: 50, 学生: 100 } },
          { unit: '保安集团', count: 12000, approx: true },
        ],
        activities: [
          { unit: '龙城派出所', kind: 'patrol', count: 40 },
          { unit: '龙城派出所', kind: 'hazard', count: 2 },
        ],
        correction: true,
      },
      '11月3日',
    )
    expect(templates.render('receipt', view)).toMatchInlineSnapshot(`
      "已更正：
      龙城派出所 11月3日上岗 150 人（其中保安50人、学生100人）
      保安集团 11月3日上岗 12000 余人
      龙城派出所 11月3日巡逻 40 次、排查隐患 2 起"
    `)
  })

  it('stops start-up naming the file of a template with a typo in a field', () => {
    const dir = copyOfTemplates()
    writeFileSync(join(dir, 'held.hbs'), '{{#each held}}{{unitt}}{{/each}}')
    expect(() => loadTemplates(dir)).toThrow(TemplateError)
    expect(() => loadTemplates(dir)).toThrow(/held\.hbs: "unitt" not defined/)
  })

  it('stops start-up naming the file of a template that does not parse', () => {
    const dir = copyOfTemplates()
    writeFileSync(join(dir, 'receipt.hbs'), '{{#if correction}}已更正')
    expect(() => loadTemplates(dir)).toThrow(/receipt\.hbs: Parse error/)
  })

  it('stops start-up naming a template file that is missing', () => {
    expect(() => loadTemplates(join(tmpdir(), 'no-such-templates'))).toThrow(/receipt\.hbs: ENOENT/)
  })
})
