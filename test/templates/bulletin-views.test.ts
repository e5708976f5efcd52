import { describe, expect, it } from 'vitest'
import { workBulletinInput } from '../../db/bulletin-queries.js'
import { openDb } from '../../db/client.js'
import {
  buildWorkBulletin,
  type BulletinReport,
  type WorkBulletin,
} from '../../src/bulletin/work-bulletin.js'
import { parseRoster } from '../../src/roster/parse-roster.js'
import { instantOf } from '../../src/time/zoned.js'
import {
  badDateView,
  formatDelta,
  renderMissingUnits,
  renderWorkBulletin,
} from '../../templates/bulletin-views.js'
import { loadTemplates } from '../../templates/load-templates.js'
import { splitMessage } from '../../templates/split-message.js'
import { exampleRoster } from '../helpers/fixtures.js'
import { hc, reportWriter } from '../helpers/report-days.js'

const templates = loadTemplates()
const day = '2026-10-12'
const yesterday = '2026-10-11'

/** A small day on the example roster: a correction, a parent's own total, late and missing units. */
function exampleDay(): WorkBulletin {
  const roster = exampleRoster()
  const db = openDb(':memory:')
  const write = reportWriter(db, roster.timezone)
  write.report(yesterday, '08:10', [
    hc('龙城派出所', 145, { points: 10 }),
    hc('洛龙派出所', 120),
    hc('吴家营派出所', 190),
  ])
  write.report(yesterday, '08:30', [
    hc('昆阳派出所', 88),
    hc('晋城派出所', 80),
    hc('马金铺派出所', 92),
  ])
  write.report(yesterday, '08:40', [hc('环卫集团', 3000), hc('保安集团', 12000)])
  write.report(day, '08:05', [hc('龙城派出所', 150, { points: 10 })], {
    activities: [
      { unit: '龙城派出所', kind: 'patrol', count: 40 },
      { unit: '龙城派出所', kind: 'safety_check', count: 12 },
    ],
  })
  write.report(day, '08:20', [hc('洛龙派出所', 118, { points: 8 })])
  write.report(day, '11:02', [hc('洛龙派出所', 120, { points: 8 })], { correction: true })
  write.report(day, '09:40', [hc('晋宁分局', 165)], {
    activities: [{ unit: '晋宁分局', kind: 'hazard', count: 3 }],
  })
  write.report(day, '08:50', [hc('昆阳派出所', 90, { points: 6 })])
  write.report(day, '10:15', [hc('马金铺派出所', 95, { points: 7 })], {
    activities: [
      { unit: '马金铺派出所', kind: 'patrol', count: 18 },
      { unit: '马金铺派出所', kind: 'dispute', count: 2 },
    ],
  })
  write.report(day, '08:45', [hc('环卫集团', 2950, { approx: true })])
  write.report(day, '08:58', [hc('保安集团', 12000)])
  return buildWorkBulletin(
    roster,
    workBulletinInput(db, day, instantOf(day, '09:00', roster.timezone)),
  )
}

describe('renderWorkBulletin', () => {
  it('writes the example roster’s bulletin as one message', () => {
    const parts = renderWorkBulletin(templates, exampleDay(), { today: day })
    expect(parts).toHaveLength(1)
    expect(parts[0]).toMatchInlineSnapshot(`
      "红袖标工作情况通报（10月12日）
      今日全市共发动红袖标 15480 余人，为计划的 98%，较昨日 -235。
      各单位：人数 完成率 较昨日 点位实报/计划

      【呈贡分局】 270 57% -185 18/30
      　龙城派出所　 150 100% +5 10/10
      　洛龙派出所　 120 100% ±0 8/8
      　吴家营派出所 未报

      【晋宁分局】 165 97% -3
      　昆阳派出所 90 100% +2 6/6
      　晋城派出所 未报

      【高新分局】 95 95% +3 7/7
      　马金铺派出所 95 95% +3 7/7

      【环卫集团】 2950余 98% -50
      【保安集团】 12000 100% ±0

      未报单位（2个）：
      呈贡分局：吴家营派出所
      晋宁分局：晋城派出所

      活动情况：巡逻 58 次，安全检查 12 次，排查隐患 3 起，化解纠纷 2 起。
      迟报（09:00后，2个）：
      晋宁分局 09:40，马金铺派出所 10:15
      更正（1个）：
      洛龙派出所 118→120"
    `)
  })

  it('says 当日 and 前一日 for a past day, and when nothing was reported', () => {
    const roster = exampleRoster()
    const empty = buildWorkBulletin(roster, {
      day: yesterday,
      deadlineAt: instantOf(yesterday, '09:00', roster.timezone),
      reports: [],
      previous: [],
      activities: [],
    })
    expect(renderWorkBulletin(templates, empty, { today: day })[0]).toMatchInlineSnapshot(`
      "红袖标工作情况通报（10月11日）
      当日暂无单位上报人数。
      各单位：人数 完成率 较前一日 点位实报/计划

      【呈贡分局】 未报
      　龙城派出所　 未报
      　洛龙派出所　 未报
      　吴家营派出所 未报

      【晋宁分局】 未报
      　昆阳派出所 未报
      　晋城派出所 未报

      【高新分局】 未报
      　马金铺派出所 未报

      【环卫集团】 未报
      【保安集团】 未报

      未报单位（8个）：
      呈贡分局：龙城派出所、洛龙派出所、吴家营派出所
      晋宁分局：昆阳派出所、晋城派出所
      高新分局：马金铺派出所
      环卫集团、保安集团"
    `)
  })

  it.each([
    [20, '+20'],
    [-5, '-5'],
    [0, '±0'],
    [null, '—'],
  ])('writes a change of %j as %s', (delta, text) => {
    expect(formatDelta(delta)).toBe(text)
  })
})

/** 2,000 leaf units: 100 分局 of 20 stations each, every third one missing, a few late or corrected. */
function bigBulletin(): WorkBulletin {
  const lines = ['timezone: Asia/Shanghai', 'units:']
  for (let b = 1; b <= 100; b++) {
    lines.push(`  - name: 第${b}分局`, '    units:')
    for (let s = 1; s <= 20; s++)
      lines.push(`      - { name: 第${b}分局${s}号派出所, target: 100, points: 5 }`)
  }
  const roster = parseRoster(lines.join('\n'))
  const at = (time: string) => instantOf(day, time, roster.timezone)
  const reports: BulletinReport[] = []
  const previous: BulletinReport[] = []
  let i = 0
  for (const unit of roster.units.values()) {
    if (unit.children.length > 0 || i++ % 3 === 0) continue
    const row = {
      unit: unit.name,
      count: 80 + (i % 40),
      approx: i % 7 === 0,
      points: 5,
      correction: false,
    }
    previous.push({ ...row, reportedAt: instantOf(yesterday, '08:00', roster.timezone) })
    reports.push({ ...row, reportedAt: at(i % 11 === 0 ? '10:30' : '08:30') })
    if (i % 13 === 0) reports.push({ ...row, count: row.count + 1, reportedAt: at('12:00') })
  }
  return buildWorkBulletin(roster, {
    day,
    deadlineAt: at('09:00'),
    reports,
    previous,
    activities: [],
  })
}

describe('a long bulletin', () => {
  const bulletin = bigBulletin()
  const whole = renderWorkBulletin(templates, bulletin, { limit: 1_000_000 })[0]!
  const parts = renderWorkBulletin(templates, bulletin)

  it('splits into marked parts, each under 1,500 characters', () => {
    expect(parts.length).toBeGreaterThan(10)
    parts.forEach((part, i) => {
      expect(part.length).toBeLessThanOrEqual(1500)
      expect(part.startsWith(`（${i + 1}/${parts.length}）\n`)).toBe(true)
    })
  })

  it('loses nothing and cuts no line', () => {
    const lines = (text: string) => text.split('\n').filter((line) => line !== '')
    const rejoined = parts.flatMap((part) => lines(part).slice(1))
    expect(rejoined).toEqual(lines(whole))
  })

  it('keeps each top-level unit with its stations in one message', () => {
    for (const part of parts) {
      const body = part.split('\n').slice(1)
      const first = body[0]!
      // A part starts at a unit's heading or a section, never in the middle of a unit.
      expect(first.startsWith('　')).toBe(false)
    }
    expect(parts.filter((part) => part.includes('【第1分局】'))[0]).toContain('第1分局20号派出所')
  })
})

describe('splitMessage', () => {
  it('leaves a short message whole, with no marker', () => {
    expect(splitMessage('红袖标\n\n通报\n', 1500)).toEqual(['红袖标\n\n通报'])
  })

  it('packs blocks greedily and breaks between them', () => {
    const block = (n: number) => `${n}`.repeat(10)
    const text = [1, 2, 3, 4, 5].map(block).join('\n\n')
    expect(splitMessage(text, 30)).toEqual([
      `（1/3）\n${block(1)}\n\n${block(2)}`,
      `（2/3）\n${block(3)}\n\n${block(4)}`,
      `（3/3）\n${block(5)}`,
    ])
  })

  it('breaks a block longer than the limit between lines', () => {
    const text = ['甲'.repeat(10), '乙'.repeat(10), '丙'.repeat(10)].join('\n')
    expect(splitMessage(text, 28)).toEqual([
      `（1/2）\n${'甲'.repeat(10)}\n${'乙'.repeat(10)}`,
      `（2/2）\n${'丙'.repeat(10)}`,
    ])
  })

  it('cuts a line longer than the limit after a 、', () => {
    const names = Array.from({ length: 12 }, (_, i) => `单位${i + 10}`)
    const parts = splitMessage(names.join('、'), 30)
    for (const part of parts) expect(part.length).toBeLessThanOrEqual(30)
    expect(parts.map((p) => p.split('\n')[1]).join('')).toBe(names.join('、'))
    for (const part of parts.slice(0, -1)) expect(part.endsWith('、')).toBe(true)
  })

  it('keeps every part under the limit and every line whole, whatever the text', () => {
    let seed = 7
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31
      return seed % n
    }
    for (let round = 0; round < 200; round++) {
      const limit = 40 + random(200)
      const lines = Array.from({ length: 1 + random(60) }, () =>
        random(8) === 0 ? '' : '　'.repeat(random(3)) + '单'.repeat(1 + random(limit - 12)),
      )
      const text = lines.join('\n').trim()
      const parts = splitMessage(text, limit)
      for (const part of parts) expect(part.length).toBeLessThanOrEqual(limit)
      const body =
        parts.length === 1 ? parts : parts.map((part) => part.slice(part.indexOf('\n') + 1))
      const kept = (t: string) => t.split('\n').filter((line) => line !== '')
      expect(body.flatMap(kept)).toEqual(kept(text))
    }
  })

  it('makes room for a two-digit marker', () => {
    const text = Array.from({ length: 30 }, (_, i) => `${i}`.padStart(20, '·')).join('\n\n')
    const parts = splitMessage(text, 30)
    expect(parts).toHaveLength(30)
    for (const part of parts) expect(part.length).toBeLessThanOrEqual(30)
    expect(parts[29]).toBe(`（30/30）\n${'29'.padStart(20, '·')}`)
  })
})

describe('renderMissingUnits', () => {
  const bulletin = exampleDay()

  it('lists every missing unit by top-level unit in a command room', () => {
    const [text] = renderMissingUnits(templates, bulletin, {
      dayLabel: '今日',
      asOf: '截至 15:20',
      nudge: false,
    })
    expect(text).toMatchInlineSnapshot(`
      "截至 15:20，今日未报单位（2个）：
      呈贡分局：吴家营派出所
      晋宁分局：晋城派出所"
    `)
  })

  it('lists only the room’s units in a liaison room, and asks them to report', () => {
    const [text] = renderMissingUnits(templates, bulletin, {
      scope: '呈贡分局',
      dayLabel: '今日',
      asOf: '截至 15:20',
      nudge: true,
    })
    expect(text).toMatchInlineSnapshot(`
      "截至 15:20，呈贡分局今日未报单位（1个）：
      吴家营派出所
      请尽快上报。"
    `)
    const [done] = renderMissingUnits(templates, bulletin, {
      scope: '高新分局',
      dayLabel: '10月12日',
      asOf: '',
      nudge: false,
    })
    expect(done).toMatchInlineSnapshot(`"高新分局10月12日已无未报单位。"`)
  })

  it('lists only the given units for a room bound to none', () => {
    const [text] = renderMissingUnits(templates, bulletin, {
      units: ['环卫集团', '晋城派出所'],
      dayLabel: '今日',
      asOf: '截至 15:20',
      nudge: true,
    })
    expect(text).toContain('晋城派出所')
    expect(text).not.toContain('吴家营派出所')
  })
})

describe('bad-date', () => {
  it('tells how to write a date', () => {
    expect(templates.render('bad-date', badDateView('工作通报', '13月1日', false)))
      .toMatchInlineSnapshot(`
      "没看懂日期“13月1日”。
      请这样写：#工作通报 10月11日，也可以写 10-11、2026-10-11、昨天、今天。"
    `)
    expect(templates.render('bad-date', badDateView('未报', '2026-12-01', true)))
      .toMatchInlineSnapshot(`
      "“2026-12-01”还没到，只能查今天及以前的情况。
      请这样写：#未报 10月11日，也可以写 10-11、2026-10-11、昨天、今天。"
    `)
  })
})
