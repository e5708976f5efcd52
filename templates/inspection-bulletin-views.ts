import {
  checksTotal,
  type BulletinNote,
  type CheckTally,
  type InspectionBulletin,
  type MissedCheck,
} from '../src/bulletin/inspection-bulletin.js'
import type { CheckKind, InspectionRates, Rate } from '../src/metrics/inspection-metrics.js'
import { chineseDate, type Day } from '../src/time/zoned.js'
import { formatRate, pads } from './bulletin-views.js'
import type { Templates } from './load-templates.js'
import { defaultMessageLimit, splitMessage } from './split-message.js'
import type { TemplateViews } from './views.js'
import type { CheckTallyLine, MissedLine, NoteLine, RankingRow } from './views/inspection.js'

const checkKindNames: Record<CheckKind, string> = {
  display: '集中展示',
  random: '随机抽查',
  ordered: '督导抽查',
}

/** As wide as a digit, so that right-aligned figures line up. */
const figureSpace = '\u2007'
const noRate = '—'

/** Patrols per planned point to one decimal, e.g. 2.5, or — with no planned points. */
function formatIndex(rate: Rate): string {
  return rate.value === null ? noRate : rate.value.toFixed(1)
}

/** 90%（18/20）, or — alone: a fraction of nothing says nothing. */
function withFraction(text: string, rate: Rate): string {
  return rate.value === null ? text : `${text}（${rate.numerator}/${rate.denominator}）`
}

/** Figure spaces on the left of each cell, to the width of the widest. */
function alignRight(cells: string[]): string[] {
  const widest = Math.max(0, ...cells.map((cell) => cell.length))
  return cells.map((cell) => figureSpace.repeat(widest - cell.length) + cell)
}

/** One column per rate; the names padded with full-width spaces to the longest. */
function rankingRows(bulletin: InspectionBulletin): RankingRow[] {
  const { units } = bulletin
  const column = (format: (rates: InspectionRates) => string) =>
    alignRight(units.map((u) => format(u.rates)))
  const onDuty = column((r) => formatRate(r.onDuty))
  const engagement = column((r) => formatRate(r.engagement))
  const coverage = column((r) => formatRate(r.coverage))
  const patrol = column((r) => formatIndex(r.patrol))
  const namePads = pads(units.map((u) => u.unit))
  return units.map((standing, i) => ({
    rank: standing.rank === null ? '' : String(standing.rank),
    name: standing.unit,
    pad: namePads[i]!,
    onDuty: onDuty[i]!,
    engagement: engagement[i]!,
    coverage: coverage[i]!,
    patrol: patrol[i]!,
  }))
}

function tallyLine(name: string, tally: Omit<CheckTally, 'kind'>): CheckTallyLine {
  const { asked, answered, late, unanswered, open } = tally
  return { name, asked, answered, late, unanswered, open }
}

function allChecks(tallies: CheckTally[]): CheckTallyLine {
  return tallyLine('', checksTotal(tallies))
}

/** The missed checks of each unit on one line, units in the order of their first miss. */
function missedByUnit(missed: MissedCheck[]): MissedLine[] {
  const byUnit = new Map<string, MissedLine>()
  for (const check of missed) {
    const line = byUnit.get(check.unit) ?? { unit: check.unit, checks: [] }
    line.checks.push({
      kind: checkKindNames[check.kind],
      time: check.time,
      late: check.status === 'late',
    })
    byUnit.set(check.unit, line)
  }
  return [...byUnit.values()]
}

function noteLines(notes: BulletinNote[]): NoteLine[] {
  return notes.map((note, i) => ({
    number: i + 1,
    who: [note.unit, note.subject].filter((part) => part !== null && part !== '').join(' '),
    text: note.text,
  }))
}

export interface InspectionBulletinOptions {
  /** The local day it is sent: a bulletin of an earlier day says 当日 and 次日. */
  today?: Day
  /** The longest message, in characters. */
  limit?: number
}

export function inspectionBulletinView(
  bulletin: InspectionBulletin,
  options: InspectionBulletinOptions = {},
): TemplateViews['inspection-bulletin'] {
  const past = options.today !== undefined && bulletin.date < options.today
  const { rates } = bulletin
  const unanswered = missedByUnit(bulletin.unanswered)
  return {
    date: chineseDate(bulletin.date),
    dayWord: past ? '当日' : '今日',
    nextWord: past ? '次日' : '明日',
    checks: allChecks(bulletin.checks),
    kinds: bulletin.checks
      .filter((tally) => tally.asked > 0)
      .map((tally) => tallyLine(checkKindNames[tally.kind], tally)),
    field: { ...bulletin.field },
    rates: {
      onDuty: withFraction(formatRate(rates.onDuty), rates.onDuty),
      engagement: withFraction(formatRate(rates.engagement), rates.engagement),
      coverage: withFraction(formatRate(rates.coverage), rates.coverage),
      patrol: withFraction(formatIndex(rates.patrol), rates.patrol),
    },
    ranking: rankingRows(bulletin),
    unanswered: { count: unanswered.length, units: unanswered },
    problems: noteLines(bulletin.problems),
    commendations: noteLines(bulletin.commendations),
    focus: noteLines(bulletin.focus),
  }
}

/**
 * The inspection bulletin as the messages to send, each at most `limit` characters (default
 * 1,500), split between sections and marked （1/2） when it takes more than one.
 */
export function renderInspectionBulletin(
  templates: Templates,
  bulletin: InspectionBulletin,
  options: InspectionBulletinOptions = {},
): string[] {
  return splitMessage(
    templates.render('inspection-bulletin', inspectionBulletinView(bulletin, options)),
    options.limit ?? defaultMessageLimit,
  )
}
