import { describe, expect, it } from 'vitest'
import { openDb } from '../../db/client.js'
import { inspectionBulletinOf } from '../../db/inspection-queries.js'
import {
  buildInspectionBulletin,
  type InspectionBulletin,
} from '../../src/bulletin/inspection-bulletin.js'
import type { InspectionCheck } from '../../src/metrics/inspection-metrics.js'
import { parseRoster } from '../../src/roster/parse-roster.js'
import { instantOf } from '../../src/time/zoned.js'
import {
  inspectionBulletinView,
  renderInspectionBulletin,
} from '../../templates/inspection-bulletin-views.js'
import { loadTemplates } from '../../templates/load-templates.js'
import { exampleRoster } from '../helpers/fixtures.js'
import { writeExampleInspectionDay } from '../helpers/inspection-days.js'

const templates = loadTemplates()
const day = '2026-10-12'

function exampleDay(): InspectionBulletin {
  const roster = exampleRoster()
  const db = openDb(':memory:')
  return inspectionBulletinOf(db, roster, writeExampleInspectionDay(db, roster.timezone))
}

function emptyDay(on = day): InspectionBulletin {
  return buildInspectionBulletin(exampleRoster(), {
    day: on,
    checks: [],
    fieldRecords: [],
    reports: [],
    activities: [],
    notes: [],
  })
}

/** Figure spaces (right-aligning the rates) shown as ·, so the snapshot shows the alignment. */
const visible = (text: string) => text.replaceAll('\u2007', '·')

describe('renderInspectionBulletin', () => {
  it('writes the example roster’s bulletin as one message', () => {
    const parts = renderInspectionBulletin(templates, exampleDay(), { today: day })
    expect(parts).toHaveLength(1)
    expect(visible(parts[0]!)).toMatchInlineSnapshot(`
      "红袖标督导情况通报（10月12日）
      今日线上查岗 17 次：按时回复 13，超时 1，未回复 2，待回复 1。
      　集中展示 13 次：按时 11，超时 1，未回复 1
      　随机抽查 2 次：按时 1，未回复 1
      　督导抽查 2 次：按时 1，待回复 1
      实地督检 5 处：有人在岗 4 处，见到队员 11 人。
      其中管事 2 处，1 处未注明是否管事。

      见勤率　81%（17/21）
      管事率　50%（2/4）
      覆盖率　60%（29/48）
      巡逻指数 1.6（78/48）

      比学赶超（见勤/管事/覆盖/巡逻）：
      1. 高新分局 100% ··0% 100% 2.6
      2. 保安集团 100% ···— ···— ··—
      3. 晋宁分局 ·83% 100% ·55% 1.8
      4. 呈贡分局 ·73% ·50% ·53% 1.3
      　 环卫集团 ···— ···— ···— ··—

      未按时回复单位（2个）：
      吴家营派出所：集中展示 09:00 超时，随机抽查 10:30 未回复
      晋城派出所：集中展示 09:00 未回复

      发现问题：
      1. 吴家营派出所 吴家营地铁站：岗位无人，队员离岗
      2. 马金铺派出所 大学城南门：队员未佩戴袖标

      表扬：
      1. 昆阳派出所 李红：主动调解摊贩纠纷

      明日重点：
      1. 加强地铁站口晚高峰值守
      2. 晋宁分局：晋城派出所落实查岗回复"
    `)
  })

  it('says 当日 and 次日 for a past day, and — for every rate with nothing under it', () => {
    const [text] = renderInspectionBulletin(templates, emptyDay('2026-10-11'), { today: day })
    expect(visible(text!)).toMatchInlineSnapshot(`
      "红袖标督导情况通报（10月11日）
      当日暂无线上查岗。

      见勤率　—
      管事率　—
      覆盖率　0%（0/48）
      巡逻指数 0.0（0/48）

      比学赶超（见勤/管事/覆盖/巡逻）：
      　 呈贡分局 — — 0% 0.0
      　 高新分局 — — 0% 0.0
      　 晋宁分局 — — 0% 0.0
      　 保安集团 — — ·— ··—
      　 环卫集团 — — ·— ··—"
    `)
  })

  it('reads 100% only when every check found volunteers, and 0% only when none did', () => {
    const roster = parseRoster(`
units:
  - { name: 甲派出所 }
  - { name: 乙派出所 }
`)
    const checks = (unit: string, answered: number, total: number): InspectionCheck[] =>
      Array.from({ length: total }, (_, i) => ({
        unit,
        kind: 'display',
        status: i < answered ? 'answered' : 'unanswered',
        askedAt: instantOf(day, '09:00', roster.timezone) + i,
      }))
    const bulletin = buildInspectionBulletin(roster, {
      day,
      checks: [...checks('甲派出所', 999, 1000), ...checks('乙派出所', 1, 1000)],
      fieldRecords: [],
      reports: [],
      activities: [],
      notes: [],
    })
    const view = inspectionBulletinView(bulletin)
    expect(view.rates.onDuty).toBe('50%（1000/2000）')
    expect(view.ranking.map((row) => [row.name, row.onDuty.trim()])).toEqual([
      ['甲派出所', '99%'],
      ['乙派出所', '1%'],
    ])
  })
})

/** 100 分局 of 20 stations: a ranking and a list of misses too long for one message. */
function bigBulletin(): InspectionBulletin {
  const lines = ['timezone: Asia/Shanghai', 'units:']
  for (let b = 1; b <= 100; b++) {
    lines.push(`  - name: 第${b}分局`, '    units:')
    for (let s = 1; s <= 20; s++) lines.push(`      - { name: 第${b}分局${s}号派出所, points: 5 }`)
  }
  const roster = parseRoster(lines.join('\n'))
  const checks: InspectionCheck[] = []
  let i = 0
  for (const unit of roster.units.values()) {
    if (unit.children.length > 0) continue
    i++
    checks.push({
      unit: unit.name,
      kind: i % 2 === 0 ? 'display' : 'random',
      status: i % 7 === 0 ? 'unanswered' : i % 11 === 0 ? 'late' : 'answered',
      askedAt: instantOf(day, i % 2 === 0 ? '09:00' : '14:30', roster.timezone),
    })
  }
  return buildInspectionBulletin(roster, {
    day,
    checks,
    fieldRecords: [],
    reports: [],
    activities: [],
    notes: [],
  })
}

describe('a long inspection bulletin', () => {
  const bulletin = bigBulletin()
  const whole = renderInspectionBulletin(templates, bulletin, { limit: 1_000_000 })[0]!
  const parts = renderInspectionBulletin(templates, bulletin)

  it('splits into marked parts, each under 1,500 characters', () => {
    expect(parts.length).toBeGreaterThan(3)
    parts.forEach((part, i) => {
      expect(part.length).toBeLessThanOrEqual(1500)
      expect(part.startsWith(`（${i + 1}/${parts.length}）\n`)).toBe(true)
    })
  })

  it('loses nothing and cuts no line', () => {
    const lines = (text: string) => text.split('\n').filter((line) => line !== '')
    expect(parts.flatMap((part) => lines(part).slice(1))).toEqual(lines(whole))
  })
})
