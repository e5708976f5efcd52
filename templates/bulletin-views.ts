import type { UnitFigure, WorkBulletin } from '../src/bulletin/work-bulletin.js'
import type { Rate } from '../src/metrics/inspection-metrics.js'
import { chineseDate, type Day } from '../src/time/zoned.js'
import type { Templates } from './load-templates.js'
import { defaultMessageLimit, splitMessage } from './split-message.js'
import type { TemplateViews } from './views.js'
import type { BulletinList, BulletinRow } from './views/bulletin.js'

/** Names per line in a list of units, items per line in the late and correction lists. */
const namesPerLine = 4
const itemsPerLine = 2
const fullWidthSpace = '\u3000'

/** 1050 stays 1050 (no thousands separator); 余 marks a figure written as 余/多/约. */
export function formatCount(count: number, approx: boolean): string {
  return `${count}${approx ? '余' : ''}`
}

/** 96%; empty when there is no target to compare with. */
export function formatPercent(percent: number | null): string {
  return percent === null ? '' : `${percent}%`
}

/** +20, -5, ±0; — when either day has no figure. */
export function formatDelta(delta: number | null): string {
  if (delta === null) return '—'
  if (delta === 0) return '±0'
  return delta > 0 ? `+${delta}` : `${delta}`
}

/** A rate as a whole percent; only a full rate reads 100% and only an empty one 0%. */
export function wholePercent(rate: Rate): number | null {
  if (rate.value === null) return null
  const percent = Math.round(rate.value * 100)
  if (percent === 100 && rate.numerator < rate.denominator) return 99
  if (percent === 0 && rate.numerator > 0) return 1
  return percent
}

/** 90%, or — with no denominator. */
export function formatRate(rate: Rate): string {
  const percent = wholePercent(rate)
  return percent === null ? '—' : formatPercent(percent)
}

/** Width in full-width characters: a Chinese character is one, a Latin letter or digit half. */
export function widthOf(name: string): number {
  let width = 0
  for (const ch of name) width += ch.codePointAt(0)! >= 0x2e80 ? 1 : 0.5
  return width
}

/** Full-width spaces that bring each name to the width of the widest. */
export function pads(names: string[]): string[] {
  const widest = Math.max(0, ...names.map(widthOf))
  return names.map((name) => fullWidthSpace.repeat(Math.round(widest - widthOf(name))))
}

function chunkLines(items: string[], perLine: number, separator: string): string[] {
  const lines: string[] = []
  for (let i = 0; i < items.length; i += perLine) {
    lines.push(items.slice(i, i + perLine).join(separator))
  }
  return lines
}

function rowOf(unit: UnitFigure): BulletinRow {
  const hasFigure = unit.count !== null
  return {
    indent: fullWidthSpace.repeat(unit.depth),
    top: unit.depth === 0,
    name: unit.unit,
    pad: '',
    hasFigure,
    count: hasFigure ? formatCount(unit.count!, unit.approx) : '',
    percent: formatPercent(unit.percent),
    delta: formatDelta(unit.delta),
    points:
      unit.points === null
        ? ''
        : unit.plannedPoints === null
          ? `${unit.points}`
          : `${unit.points}/${unit.plannedPoints}`,
  }
}

/**
 * One block per top-level unit with its children below it; top-level units without children
 * (industry units) share one block. Siblings within a block are padded to one width.
 */
function blocksOf(units: UnitFigure[]): Array<{ rows: BulletinRow[] }> {
  const blocks: Array<{ units: UnitFigure[]; leaves: boolean }> = []
  for (const unit of units) {
    const last = blocks.at(-1)
    if (unit.depth > 0 && last) last.units.push(unit)
    else if (unit.leaf && last?.leaves) last.units.push(unit)
    else blocks.push({ units: [unit], leaves: unit.leaf })
  }
  return blocks.map((block) => {
    const rows = block.units.map(rowOf)
    const siblings = new Map<string, number[]>()
    block.units.forEach((unit, i) => {
      const key = unit.parent ?? ''
      siblings.set(key, [...(siblings.get(key) ?? []), i])
    })
    for (const indexes of siblings.values()) {
      const padding = pads(indexes.map((i) => rows[i]!.name))
      indexes.forEach((i, k) => (rows[i]!.pad = padding[k]!))
    }
    return { rows }
  })
}

/** Each unit's top-level unit, from the parents the bulletin carries. */
function topLevels(units: UnitFigure[]): Map<string, string> {
  const parent = new Map(units.map((u) => [u.unit, u.parent]))
  const top = new Map<string, string>()
  for (const unit of units) {
    let name = unit.unit
    for (let p = parent.get(name); p; p = parent.get(name)) name = p
    top.set(unit.unit, name)
  }
  return top
}

/**
 * Missing units grouped under their top-level unit (呈贡分局：吴家营派出所、…), a few per line;
 * top-level units that are missing themselves are listed without a heading.
 */
function missingList(units: UnitFigure[], missing: string[], grouped: boolean): BulletinList {
  if (!grouped) return { count: missing.length, lines: chunkLines(missing, namesPerLine, '、') }
  const top = topLevels(units)
  const groups = new Map<string, string[]>()
  for (const name of missing) {
    const key = top.get(name) === name ? '' : (top.get(name) ?? '')
    groups.set(key, [...(groups.get(key) ?? []), name])
  }
  const lines: string[] = []
  for (const [heading, names] of groups) {
    chunkLines(names, namesPerLine, '、').forEach((line, i) => {
      lines.push(
        heading === '' ? line : i === 0 ? `${heading}：${line}` : `${fullWidthSpace}${line}`,
      )
    })
  }
  return { count: missing.length, lines }
}

export interface WorkBulletinOptions {
  /** The local day it is sent: a bulletin of an earlier day says 当日 instead of 今日. */
  today?: Day
  /** The longest message, in characters. */
  limit?: number
}

export function workBulletinView(
  bulletin: WorkBulletin,
  options: WorkBulletinOptions = {},
): TemplateViews['work-bulletin'] {
  const { activities } = bulletin
  const past = options.today !== undefined && bulletin.date < options.today
  return {
    date: chineseDate(bulletin.date),
    dayWord: past ? '当日' : '今日',
    previousWord: past ? '前一日' : '昨日',
    hasTotal: bulletin.total !== null,
    total: bulletin.total === null ? '' : String(bulletin.total),
    approx: bulletin.approx,
    percent: formatPercent(bulletin.percent),
    delta: bulletin.delta === null ? '' : formatDelta(bulletin.delta),
    flat: bulletin.delta === 0,
    blocks: blocksOf(bulletin.units),
    missing: missingList(bulletin.units, bulletin.missing, true),
    activities: bulletin.activitiesReported
      ? {
          patrol: activities.patrol,
          safetyCheck: activities.safety_check,
          hazard: activities.hazard,
          dispute: activities.dispute,
        }
      : null,
    deadline: bulletin.deadline,
    late: {
      count: bulletin.late.length,
      lines: chunkLines(
        bulletin.late.map((l) => `${l.unit} ${l.time}`),
        itemsPerLine,
        '，',
      ),
    },
    corrections: {
      count: bulletin.corrections.length,
      lines: chunkLines(
        bulletin.corrections.map((c) =>
          c.first === c.count ? `${c.unit} ${c.count}` : `${c.unit} ${c.first}→${c.count}`,
        ),
        itemsPerLine,
        '，',
      ),
    },
  }
}

/**
 * The bulletin as the messages to send, each at most `limit` characters (default 1,500), split
 * between top-level units and sections and marked （1/3） when it takes more than one.
 */
export function renderWorkBulletin(
  templates: Templates,
  bulletin: WorkBulletin,
  options: WorkBulletinOptions = {},
): string[] {
  return splitMessage(
    templates.render('work-bulletin', workBulletinView(bulletin, options)),
    options.limit ?? defaultMessageLimit,
  )
}

export interface MissingUnitsOptions {
  /** Only the leaf units under this unit (a liaison room's); all when absent. */
  scope?: string
  /** Or only these units (a liaison room bound to no unit speaks for the units it reported). */
  units?: string[]
  /** 今日 or a past day such as 10月11日. */
  dayLabel: string
  /** e.g. 截至 15:20; empty for a past day. */
  asOf: string
  nudge: boolean
}

/** #未报: the missing leaf units of the bulletin, all of them or those of one room. */
export function missingUnitsView(
  bulletin: WorkBulletin,
  options: MissingUnitsOptions,
): TemplateViews['missing-units'] {
  let missing = bulletin.missing
  const { scope } = options
  if (scope !== undefined) {
    const parent = new Map(bulletin.units.map((u) => [u.unit, u.parent]))
    const under = (name: string): boolean => {
      for (let u: string | null | undefined = name; u; u = parent.get(u))
        if (u === scope) return true
      return false
    }
    missing = missing.filter(under)
  }
  if (options.units !== undefined) {
    const only = new Set(options.units)
    missing = missing.filter((name) => only.has(name))
  }
  const scoped = scope !== undefined || options.units !== undefined
  return {
    dayLabel: options.dayLabel,
    asOf: options.asOf,
    scope: scope ?? '',
    nudge: options.nudge,
    missing: missingList(bulletin.units, missing, !scoped),
  }
}

export function renderMissingUnits(
  templates: Templates,
  bulletin: WorkBulletin,
  options: MissingUnitsOptions,
  limit = defaultMessageLimit,
): string[] {
  return splitMessage(templates.render('missing-units', missingUnitsView(bulletin, options)), limit)
}

/** A reply to a date argument that names no usable day. */
export function badDateView(
  command: string,
  written: string,
  future: boolean,
): TemplateViews['bad-date'] {
  return { command, written, future }
}
