import { describe, expect, it } from 'vitest'
import { buildWorkBulletin, type BulletinReport } from '../../../src/bulletin/work-bulletin.js'
import {
  inspectionMetrics,
  type InspectionCheck,
  type InspectionFieldRecord,
} from '../../../src/metrics/inspection-metrics.js'
import {
  eventRanking,
  hasRankingData,
  isWarmDeed,
  type RankingDay,
} from '../../../src/ranking/event-ranking.js'
import { exampleRoster } from '../../helpers/fixtures.js'

const roster = exampleRoster()

function day(
  d: string,
  figures: Array<[string, number]>,
  checks: Array<[string, InspectionCheck['status']]> = [],
  fieldRecords: InspectionFieldRecord[] = [],
): RankingDay {
  const reports: BulletinReport[] = figures.map(([unit, count], i) => ({
    unit,
    count,
    approx: false,
    points: null,
    reportedAt: i,
    correction: false,
  }))
  const work = buildWorkBulletin(roster, {
    day: d,
    deadlineAt: 0,
    reports,
    previous: [],
    activities: [],
  })
  const metrics = inspectionMetrics(roster, {
    checks: checks.map(([unit, status]) => ({ unit, kind: 'random', status, askedAt: 0 })),
    fieldRecords,
    reports,
    activities: [],
  })
  return { day: d, units: work.units, rates: metrics.units }
}

const days = [
  day(
    '2026-10-11',
    [
      ['龙城派出所', 150],
      ['洛龙派出所', 100],
      ['保安集团', 12000],
    ],
    [
      ['龙城派出所', 'answered'],
      ['洛龙派出所', 'unanswered'],
    ],
  ),
  day(
    '2026-10-12',
    [
      ['龙城派出所', 160],
      ['洛龙派出所', 120],
      ['保安集团', 11000],
    ],
    [
      ['龙城派出所', 'answered'],
      ['保安集团', 'answered'],
    ],
    [{ unit: '洛龙派出所', onDuty: true, volunteers: 2, engaged: true, retracted: false }],
  ),
]

const commendations = [
  { day: '2026-10-11', unit: '龙城派出所', subject: '李明', text: '劝阻占道经营' },
  { day: '2026-10-12', unit: '龙城派出所', subject: '李明', text: '主动为游客指路' },
  { day: '2026-10-12', unit: '保安集团', subject: '王芳', text: '帮助走失老人回家' },
  { day: '2026-10-12', unit: '洛龙派出所', subject: '李明', text: '坚守岗位' },
  { day: '2026-10-12', unit: '晋城派出所', subject: null, text: '全所表现好' },
]

describe('eventRanking', () => {
  const ranking = eventRanking(roster, {
    from: '2026-10-11',
    to: '2026-10-12',
    days,
    commendations,
  })

  it('ranks leaf units by share of days at target, then 见勤率, then 管事率', () => {
    expect(ranking.days).toBe(2)
    expect(ranking.units.slice(0, 3)).toEqual([
      {
        rank: 1,
        unit: '龙城派出所',
        top: '呈贡分局',
        days: 2,
        reportedDays: 2,
        daysAtTarget: 2,
        atTargetShare: 1,
        target: 150,
        onDuty: { numerator: 2, denominator: 2, value: 1 },
        engagement: { numerator: 0, denominator: 0, value: null },
      },
      expect.objectContaining({ rank: 2, unit: '保安集团', top: '保安集团', atTargetShare: 0.5 }),
      expect.objectContaining({
        rank: 3,
        unit: '洛龙派出所',
        atTargetShare: 0.5,
        // The unanswered check of the first day and the field record of the second.
        onDuty: { numerator: 1, denominator: 2, value: 0.5 },
        engagement: { numerator: 1, denominator: 1, value: 1 },
      }),
    ])
    // Every leaf unit is ranked, parents are not; those with nothing go last, by name.
    expect(ranking.units).toHaveLength(8)
    expect(ranking.units.map((u) => u.unit)).not.toContain('呈贡分局')
    expect(ranking.units.slice(3).every((u) => u.daysAtTarget === 0)).toBe(true)
  })

  it('ranks people by commendations, a person being a name within a unit', () => {
    expect(
      ranking.people.map((p) => [p.rank, p.name, p.unit, p.commendations, p.warmDeeds]),
    ).toEqual([
      [1, '李明', '龙城派出所', 2, 1],
      [2, '王芳', '保安集团', 1, 1],
      [3, '李明', '洛龙派出所', 1, 0],
    ])
    expect(ranking.people[0]!.deeds).toEqual(['劝阻占道经营', '主动为游客指路'])
    expect(ranking.people[0]!.firstDay).toBe('2026-10-11')
  })

  it('names for 最暖红袖标 those commended for helping the public', () => {
    expect(ranking.warmest.map((p) => [p.rank, p.name])).toEqual([
      [1, '李明'],
      [2, '王芳'],
    ])
    expect(isWarmDeed('主动为游客指路')).toBe(true)
    expect(isWarmDeed('劝阻占道经营')).toBe(false)
    expect(hasRankingData(ranking)).toBe(true)
  })

  it('has nothing to rank in a period with no figures and no commendations', () => {
    const empty = eventRanking(roster, {
      from: '2026-10-13',
      to: '2026-10-13',
      days: [day('2026-10-13', [])],
      commendations: [],
    })
    expect(hasRankingData(empty)).toBe(false)
    expect(empty.units.every((u) => u.atTargetShare === 0)).toBe(true)
  })
})
