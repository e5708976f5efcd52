import {
  isWarmDeed,
  type EventRanking,
  type PersonRanking,
} from '../../src/ranking/event-ranking.js'
import { chineseDate, type Day } from '../../src/time/zoned.js'
import { formatRate } from '../bulletin-views.js'
import type { Templates } from '../load-templates.js'
import { defaultMessageLimit, splitMessage } from '../split-message.js'
import type { TemplateViews } from '../views.js'
import type { RankedPersonLine } from '../views/exports.js'

/** Candidates the #评比 message names; the export lists everyone. */
export const rankingMessageSize = { units: 10, people: 10, warmest: 5 }

/**
 * A period as messages say it: 10月12日 for one day, 10月6日至10月12日 for several.
 * @example periodLabel('2026-10-06', '2026-10-12') // '10月6日至10月12日'
 */
export function periodLabel(from: Day, to: Day): string {
  return from === to ? chineseDate(from) : `${chineseDate(from)}至${chineseDate(to)}`
}

/** Megabytes to one decimal, e.g. 25.0 */
export function megabytes(bytes: number): string {
  return (bytes / (1024 * 1024)).toFixed(1)
}

function personLine(person: PersonRanking, deeds: string[]): RankedPersonLine {
  return {
    rank: person.rank,
    name: person.name,
    unit: person.unit ?? '',
    commendations: person.commendations,
    warmDeeds: person.warmDeeds,
    deeds: deeds.join('；'),
  }
}

export function eventRankingView(ranking: EventRanking): TemplateViews['event-ranking'] {
  const size = rankingMessageSize
  return {
    period: periodLabel(ranking.from, ranking.to),
    days: ranking.days,
    unitCount: ranking.units.length,
    units: ranking.units.slice(0, size.units).map((u) => ({
      rank: u.rank,
      unit: u.unit,
      top: u.top === u.unit ? '' : u.top,
      atTarget: u.target === null ? '—' : `${u.daysAtTarget}/${u.days}`,
      onDuty: formatRate(u.onDuty),
      engagement: formatRate(u.engagement),
    })),
    people: ranking.people.slice(0, size.people).map((p) => personLine(p, p.deeds)),
    warmest: ranking.warmest
      .slice(0, size.warmest)
      .map((p) => personLine(p, p.deeds.filter(isWarmDeed))),
  }
}

/**
 * #评比 as the messages to send, each at most `limit` characters (default 1,500).
 * @example renderEventRanking(templates, eventRankingOf(db, roster, schedule, period))
 */
export function renderEventRanking(
  templates: Templates,
  ranking: EventRanking,
  limit = defaultMessageLimit,
): string[] {
  return splitMessage(templates.render('event-ranking', eventRankingView(ranking)), limit)
}
