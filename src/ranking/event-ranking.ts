/**
 * The event ranking (评比): over the security period, the reporting units ranked by the share of
 * days they met their target, then 见勤率 and 管事率 over the whole period, as candidates for
 * 先进集体; the people most often commended, as candidates for 先进个人; and those commended for
 * helping the public, for 最暖红袖标. Pure: the period's daily figures in, the ranking out.
 */
import type { UnitFigure } from '../bulletin/work-bulletin.js'
import type { InspectionRates, Rate } from '../metrics/inspection-metrics.js'
import { topLevelOf } from '../roster/queries.js'
import type { Roster } from '../roster/roster.js'
import type { Day } from '../time/zoned.js'

/** One day of the period, as the bulletins of that day count it. */
export interface RankingDay {
  day: Day
  /** Every unit's figure that day (WorkBulletin.units). */
  units: readonly UnitFigure[]
  /** Every unit's inspection rates that day (InspectionMetrics.units). */
  rates: ReadonlyMap<string, InspectionRates>
}

/** A commendation (#表扬) that was not retracted. */
export interface RankingCommendation {
  day: Day
  unit: string | null
  /** The person commended; a commendation naming nobody counts for no one. */
  subject: string | null
  text: string
}

export interface EventRankingInput {
  from: Day
  to: Day
  /** Every day of the period, also those with no figures at all. */
  days: readonly RankingDay[]
  commendations: readonly RankingCommendation[]
}

export interface UnitRanking {
  rank: number
  unit: string
  /** The top-level unit it belongs to (itself for a top-level unit). */
  top: string
  /** Days in the period. */
  days: number
  /** Days the unit itself sent a counted report. */
  reportedDays: number
  /** Days its figure reached its target. */
  daysAtTarget: number
  /** daysAtTarget / days; null for a unit with no target. */
  atTargetShare: number | null
  target: number | null
  /** 见勤率 over the period: every day's numerators over every day's denominators. */
  onDuty: Rate
  /** 管事率 over the period. */
  engagement: Rate
}

export interface PersonRanking {
  rank: number
  name: string
  unit: string | null
  commendations: number
  /** Commendations for helping the public (warmDeedWords). */
  warmDeeds: number
  /** What they were commended for, oldest first, each once. */
  deeds: string[]
  /** The first day they were commended. */
  firstDay: Day
}

export interface EventRanking {
  from: Day
  to: Day
  days: number
  /** The leaf units (those expected to report every day), ranked. */
  units: UnitRanking[]
  /** Everyone commended, most often first. */
  people: PersonRanking[]
  /** Those commended for helping the public, most such deeds first. */
  warmest: PersonRanking[]
}

/**
 * Words that mark a commendation as help given to the public (最暖红袖标): showing the way,
 * helping the old, children and the lost, first aid, returning lost property.
 */
export const warmDeedWords: readonly string[] = [
  '指路',
  '问路',
  '帮助',
  '帮忙',
  '救',
  '走失',
  '寻找',
  '老人',
  '儿童',
  '孩子',
  '小孩',
  '残疾',
  '轮椅',
  '扶',
  '送医',
  '拾金不昧',
  '失物',
  '归还',
  '暖心',
  '热心',
  '雨伞',
  '送水',
]

export function isWarmDeed(text: string): boolean {
  return warmDeedWords.some((word) => text.includes(word))
}

function rateOf(numerator: number, denominator: number): Rate {
  return { numerator, denominator, value: denominator > 0 ? numerator / denominator : null }
}

/** Higher first; no value after every value. */
function byValue(a: number | null, b: number | null): number {
  return (b ?? -1) - (a ?? -1)
}

interface UnitTally {
  unit: string
  target: number | null
  reportedDays: number
  daysAtTarget: number
  found: number
  checked: number
  engaged: number
  onDutyRecords: number
}

function rankUnits(roster: Roster, input: EventRankingInput): UnitRanking[] {
  const tallies = new Map<string, UnitTally>()
  for (const day of input.days) {
    for (const figure of day.units) {
      if (!figure.leaf || !roster.units.has(figure.unit)) continue
      let tally = tallies.get(figure.unit)
      if (!tally) {
        tally = {
          unit: figure.unit,
          target: figure.target,
          reportedDays: 0,
          daysAtTarget: 0,
          found: 0,
          checked: 0,
          engaged: 0,
          onDutyRecords: 0,
        }
        tallies.set(figure.unit, tally)
      }
      if (figure.reported) tally.reportedDays++
      if (figure.count !== null && figure.target !== null && figure.count >= figure.target)
        tally.daysAtTarget++
      const rates = day.rates.get(figure.unit)
      if (rates) {
        tally.found += rates.onDuty.numerator
        tally.checked += rates.onDuty.denominator
        tally.engaged += rates.engagement.numerator
        tally.onDutyRecords += rates.engagement.denominator
      }
    }
  }
  const days = input.days.length
  const unranked = [...tallies.values()].map((t) => ({
    unit: t.unit,
    top: topLevelOf(roster, t.unit),
    days,
    reportedDays: t.reportedDays,
    daysAtTarget: t.daysAtTarget,
    atTargetShare: t.target === null || days === 0 ? null : t.daysAtTarget / days,
    target: t.target,
    onDuty: rateOf(t.found, t.checked),
    engagement: rateOf(t.engaged, t.onDutyRecords),
  }))
  unranked.sort(
    (a, b) =>
      byValue(a.atTargetShare, b.atTargetShare) ||
      byValue(a.onDuty.value, b.onDuty.value) ||
      byValue(a.engagement.value, b.engagement.value) ||
      b.reportedDays - a.reportedDays ||
      a.unit.localeCompare(b.unit, 'zh-CN'),
  )
  return unranked.map((u, i) => ({ rank: i + 1, ...u }))
}

function rankPeople(commendations: readonly RankingCommendation[]): PersonRanking[] {
  const people = new Map<string, Omit<PersonRanking, 'rank'>>()
  const ordered = [...commendations].sort((a, b) => a.day.localeCompare(b.day))
  for (const { day, unit, subject, text } of ordered) {
    const name = subject?.trim()
    if (!name) continue
    const key = `${unit ?? ''}\u0000${name}`
    const person = people.get(key) ?? {
      name,
      unit,
      commendations: 0,
      warmDeeds: 0,
      deeds: [],
      firstDay: day,
    }
    person.commendations++
    if (isWarmDeed(text)) person.warmDeeds++
    if (!person.deeds.includes(text)) person.deeds.push(text)
    people.set(key, person)
  }
  return [...people.values()]
    .sort(
      (a, b) =>
        b.commendations - a.commendations ||
        b.warmDeeds - a.warmDeeds ||
        a.firstDay.localeCompare(b.firstDay) ||
        a.name.localeCompare(b.name, 'zh-CN'),
    )
    .map((p, i) => ({ rank: i + 1, ...p }))
}

/**
 * The ranking over a period. Units: by share of days at target (a unit with no target last),
 * then 见勤率, then 管事率, then days reported, then name. People: by commendations, then warm
 * deeds, then who was commended first.
 * @example eventRanking(roster, { from: '2026-10-01', to: '2026-10-12', days, commendations }).units[0]
 */
export function eventRanking(roster: Roster, input: EventRankingInput): EventRanking {
  const people = rankPeople(input.commendations)
  const warmest = people
    .filter((p) => p.warmDeeds > 0)
    .sort(
      (a, b) =>
        b.warmDeeds - a.warmDeeds ||
        b.commendations - a.commendations ||
        a.firstDay.localeCompare(b.firstDay) ||
        a.name.localeCompare(b.name, 'zh-CN'),
    )
    .map((p, i) => ({ ...p, rank: i + 1 }))
  return {
    from: input.from,
    to: input.to,
    days: input.days.length,
    units: rankUnits(roster, input),
    people,
    warmest,
  }
}

/** Whether the period holds anything to rank: a report, a check or field record, or a commendation. */
export function hasRankingData(ranking: EventRanking): boolean {
  return (
    ranking.people.length > 0 ||
    ranking.units.some((u) => u.reportedDays > 0 || u.onDuty.denominator > 0)
  )
}
