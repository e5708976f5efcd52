import type { Activity, ActivityKind, Headcount } from '../src/parse/types.js'
import { chineseDate, type Day } from '../src/time/zoned.js'
import type { HeadcountLine, TemplateViews } from './views.js'

const activityWords: Record<ActivityKind, [string, string]> = {
  patrol: ['巡逻', '次'],
  safety_check: ['安全检查', '次'],
  hazard: ['排查隐患', '起'],
  dispute: ['化解纠纷', '起'],
}

/** 今日 for the day the message was sent, else the day it reports for. */
export function dayLabel(reportDay: Day, sentDay: Day): string {
  return reportDay === sentDay ? '今日' : chineseDate(reportDay)
}

export function headcountLine(record: Headcount): HeadcountLine {
  return {
    unit: record.unit,
    count: record.count,
    approx: record.approx,
    points: record.points ?? null,
    breakdown: record.breakdown
      ? Object.entries(record.breakdown)
          .map(([kind, n]) => `${kind}${n}人`)
          .join('、')
      : null,
  }
}

/** One activity as people say it: 巡逻 40 次, 排查隐患 2 起. */
export function activityText(activity: Pick<Activity, 'kind' | 'count'>): string {
  const [word, measure] = activityWords[activity.kind]
  return `${word} ${activity.count} ${measure}`
}

/** 巡逻 40 次、安全检查 12 次, per unit in the order written. */
export function activitySummaries(list: Activity[]): Array<{ unit: string; summary: string }> {
  const byUnit = new Map<string, string[]>()
  for (const a of list) byUnit.set(a.unit, [...(byUnit.get(a.unit) ?? []), activityText(a)])
  return [...byUnit].map(([unit, parts]) => ({ unit, summary: parts.join('、') }))
}

export function receiptView(
  parsed: { records: Headcount[]; activities: Activity[]; correction: boolean },
  label: string,
): TemplateViews['receipt'] {
  const activities = activitySummaries(parsed.activities)
  return {
    correction: parsed.correction,
    dayLabel: label,
    single: parsed.records.length + activities.length === 1,
    records: parsed.records.map(headcountLine),
    activities,
  }
}
