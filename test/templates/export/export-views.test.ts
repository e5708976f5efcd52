import { describe, expect, it } from 'vitest'
import type {
  EventRanking,
  PersonRanking,
  UnitRanking,
} from '../../../src/ranking/event-ranking.js'
import {
  eventRankingView,
  megabytes,
  periodLabel,
  renderEventRanking,
} from '../../../templates/export/export-views.js'
import { loadTemplates } from '../../../templates/load-templates.js'

const templates = loadTemplates()

const rate = (numerator: number, denominator: number) => ({
  numerator,
  denominator,
  value: denominator > 0 ? numerator / denominator : null,
})

function unit(
  rank: number,
  name: string,
  top: string,
  extra: Partial<UnitRanking> = {},
): UnitRanking {
  return {
    rank,
    unit: name,
    top,
    days: 12,
    reportedDays: 12,
    daysAtTarget: 12 - rank,
    atTargetShare: (12 - rank) / 12,
    target: 100,
    onDuty: rate(19, 20),
    engagement: rate(4, 5),
    ...extra,
  }
}

function person(rank: number, name: string, deeds: string[], warmDeeds: number): PersonRanking {
  return {
    rank,
    name,
    unit: '龙城派出所',
    commendations: deeds.length,
    warmDeeds,
    deeds,
    firstDay: '2026-10-02',
  }
}

const ranking: EventRanking = {
  from: '2026-10-01',
  to: '2026-10-12',
  days: 12,
  units: [
    unit(1, '龙城派出所', '呈贡分局'),
    unit(2, '保安集团', '保安集团', { engagement: rate(0, 0) }),
    ...Array.from({ length: 12 }, (_, i) => unit(i + 3, `第${i + 3}派出所`, '晋宁分局')),
  ],
  people: [person(1, '李明', ['劝阻占道经营', '主动为游客指路'], 1)],
  warmest: [person(1, '李明', ['劝阻占道经营', '主动为游客指路'], 1)],
}

describe('event ranking message', () => {
  it('names the first ten units, the people commended and the warmest, with their figures', () => {
    const [text, ...more] = renderEventRanking(templates, ranking)
    expect(more).toEqual([])
    expect(text).toContain('红袖标评比参考（10月1日至10月12日，共 12 天）')
    expect(text).toContain('1. 龙城派出所（呈贡分局） 达标 11/12 天，见勤 95%，管事 80%')
    expect(text).toContain('2. 保安集团 达标 10/12 天，见勤 95%，管事 —')
    expect(text).toContain('10. 第10派出所')
    expect(text).not.toContain('11. 第11派出所')
    expect(text).toContain('1. 李明（龙城派出所） 表扬 2 次：劝阻占道经营；主动为游客指路')
    // The warmest are named for their warm deeds only.
    expect(text).toContain('1. 李明（龙城派出所） 暖心事迹 1 件：主动为游客指路')
    expect(text).toContain('共 14 个单位参评')
  })

  it('says so when nobody was commended', () => {
    const view = eventRankingView({ ...ranking, people: [], warmest: [] })
    const text = templates.render('event-ranking', view)
    expect(text).toContain('期间还没有表扬记录')
    expect(text).not.toContain('最暖红袖标')
  })

  it('writes periods and sizes as messages say them', () => {
    expect(periodLabel('2026-10-12', '2026-10-12')).toBe('10月12日')
    expect(periodLabel('2026-10-06', '2026-10-12')).toBe('10月6日至10月12日')
    expect(megabytes(25 * 1024 * 1024)).toBe('25.0')
  })
})
