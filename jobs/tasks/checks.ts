import {
  checksOfDay,
  expireChecks,
  getChecks,
  insertChecks,
  lastCheckedByUnit,
  openCheck,
  type NewSpotCheck,
} from '../../db/spot-checks.js'
import { drawRandomChecks } from '../../src/checks/draw-checks.js'
import { leafUnits } from '../../src/roster/queries.js'
import { liaisonRoomFor } from '../../src/roster/room-units.js'
import { scheduledJobId, type InspectionSchedule } from '../../src/schedule/schedule.js'
import { addDays, instantOf, localDay, localTime } from '../../src/time/zoned.js'
import type { OutboxItem } from '../outbox.js'
import { checkPrompts, deadlineJob } from './check-prompts.js'
import { addressOf, itemKey, roomsWithRole, type Task, type TaskContext } from './task.js'

/** How far back the random draw looks to favour units checked least recently. */
const drawHistoryDays = 30

function inspectionOf(ctx: TaskContext): InspectionSchedule {
  const inspection = ctx.schedule.inspection
  if (!inspection) throw new Error('spot checks are not scheduled')
  return inspection
}

/**
 * At the start of working hours: the day's random checks are drawn (seeded by the day, so a
 * restart draws the same), noted as planned, and each is queued to be asked at its time.
 */
export const randomPlanTask: Task = async (ctx, job) => {
  const inspection = inspectionOf(ctx)
  const { db, roster } = ctx
  const leaves = leafUnits(roster).map((u) => u.name)
  const draw = drawRandomChecks(
    job.day,
    inspection,
    leaves,
    lastCheckedByUnit(db, addDays(job.day, -drawHistoryDays)),
  )
  const rows: NewSpotCheck[] = []
  const rooms = ctx.rooms()
  draw.forEach(({ time, unit }, i) => {
    const room = liaisonRoomFor(roster, unit, rooms)
    if (!room) return
    const askedAt = instantOf(job.day, time, roster.timezone)
    rows.push({
      id: `random-${job.day}-${i}`,
      day: job.day,
      kind: 'random',
      unit,
      roomId: room.id,
      roomTopic: room.topic,
      askedAt,
      deadlineAt: askedAt + inspection.checkMinutes * 60_000,
      status: 'planned',
    })
  })
  insertChecks(db, rows)
  for (const check of getChecks(
    db,
    rows.map((r) => r.id),
  ).filter((c) => c.status === 'planned')) {
    await ctx.later({
      id: `check-ask-${check.id}`,
      name: 'check-ask',
      data: { kind: 'check-ask', day: job.day, dueAt: check.askedAt, checkIds: [check.id] },
      options: { delayMs: Math.max(0, check.askedAt - ctx.now()) },
    })
  }
  ctx.log.info(
    { day: job.day, checks: rows.map((r) => `${localTime(r.askedAt, roster.timezone)} ${r.unit}`) },
    'random checks drawn',
  )
  return []
}

/** A planned random check's time has come: the unit is asked, and its deadline queued. */
export const checkAskTask: Task = async (ctx, job) => {
  const minutes = inspectionOf(ctx).checkMinutes
  const opened = (job.checkIds ?? []).filter((id) =>
    openCheck(ctx.db, id, job.dueAt, job.dueAt + minutes * 60_000),
  )
  // Asked before (a repeated job): the prompt's key keeps it to one message.
  const checks = getChecks(ctx.db, job.checkIds ?? []).filter((c) => c.status !== 'planned')
  if (checks.length === 0) return []
  if (opened.length > 0)
    await ctx.later(deadlineJob(checks, `check-deadline-${checks[0]!.id}`, ctx.now()))
  return checkPrompts(ctx.templates, ctx.roster.timezone, checks, `check-ask-${checks[0]!.id}`)
}

/** A check's deadline: those still open are unanswered, and the inspection rooms are told. */
export const checkDeadlineTask: Task = (ctx, job) => {
  const expired = expireChecks(ctx.db, job.checkIds ?? [], job.dueAt)
  if (expired.length === 0) return []
  const text = ctx.templates.render('check-timeout', {
    checks: expired.map((c) => ({
      unit: c.unit,
      askedAt: localTime(c.askedAt, ctx.roster.timezone),
      minutes: Math.round((c.deadlineAt - c.askedAt) / 60_000),
      display: c.kind === 'display',
    })),
  })
  return roomsWithRole(ctx.rooms(), 'inspection').map((room) => ({
    key: itemKey(`check-timeout-${expired[0]!.id}`, room.id),
    ...addressOf(room),
    dueAt: job.dueAt,
    lane: 'broadcast',
    text,
  }))
}

function periodLabel(ctx: TaskContext, period: number): { label: string; end: string } {
  const p = inspectionOf(ctx).displayPeriods[period]
  if (!p) throw new Error(`no display period ${period}`)
  return { label: `${p.start}–${p.end}`, end: p.end }
}

/** Units in the order of the roster, as people read them everywhere else. */
function rosterOrder(ctx: TaskContext, units: string[]): string[] {
  const position = new Map([...ctx.roster.units.keys()].map((name, i) => [name, i]))
  return [...units].sort((a, b) => (position.get(a) ?? 0) - (position.get(b) ?? 0))
}

/** The id prefix of a display period's checks on a day. */
function displayPrefix(day: string, period: number): string {
  return `display-${period}-${day}-`
}

/**
 * A display period starts: every leaf unit is asked to show its posts, in the room nearest to
 * it, with the period's end as deadline.
 */
export const displayStartTask: Task = (ctx, job) => {
  const period = job.period ?? 0
  const { end } = periodLabel(ctx, period)
  const deadlineAt = instantOf(job.day, end, ctx.roster.timezone)
  const rows: NewSpotCheck[] = []
  const rooms = ctx.rooms()
  for (const leaf of leafUnits(ctx.roster)) {
    const room = liaisonRoomFor(ctx.roster, leaf.name, rooms)
    if (!room) continue
    rows.push({
      id: `${displayPrefix(job.day, period)}${leaf.name}`,
      day: job.day,
      kind: 'display',
      unit: leaf.name,
      roomId: room.id,
      roomTopic: room.topic,
      askedAt: job.dueAt,
      deadlineAt,
      status: 'open',
    })
  }
  insertChecks(ctx.db, rows)
  // Roster order in the prompt; a repeated job finds its checks already there and prompts the same.
  const byRoom = new Map<string, string[]>()
  for (const c of rows) byRoom.set(c.roomId!, [...(byRoom.get(c.roomId!) ?? []), c.unit])
  const id = scheduledJobId(job.kind, job.day, period)
  return [...byRoom].map(([roomId, units]) => ({
    key: itemKey(id, roomId),
    ...addressOf(rooms.find((r) => r.id === roomId)!),
    dueAt: job.dueAt,
    lane: 'broadcast',
    text: ctx.templates.render('display-prompt', {
      period: periodLabel(ctx, period).label,
      deadline: end,
      units,
    }),
  }))
}

/**
 * The middle and the end of a display period: the inspection rooms get how many units have
 * answered; at the end, those still open are closed as unanswered.
 */
export const displayProgressTask: Task = (ctx, job) => {
  const period = job.period ?? 0
  const final = job.kind === 'display-end'
  const prefix = displayPrefix(job.day, period)
  if (final) {
    const open = checksOfDay(ctx.db, job.day, { kind: 'display', idPrefix: prefix }).filter(
      (c) => c.status === 'open',
    )
    expireChecks(
      ctx.db,
      open.map((c) => c.id),
      job.dueAt,
    )
  }
  const checks = checksOfDay(ctx.db, job.day, { kind: 'display', idPrefix: prefix })
  if (checks.length === 0) return []
  const answered = checks.filter((c) => c.status === 'answered' || c.status === 'late')
  const text = ctx.templates.render('display-progress', {
    period: periodLabel(ctx, period).label,
    final,
    answered: answered.length,
    asked: checks.length,
    missing: rosterOrder(
      ctx,
      checks.filter((c) => !answered.includes(c)).map((c) => c.unit),
    ),
  })
  const id = scheduledJobId(job.kind, job.day, period)
  const items: OutboxItem[] = roomsWithRole(ctx.rooms(), 'inspection').map((room) => ({
    key: itemKey(id, room.id),
    ...addressOf(room),
    dueAt: job.dueAt,
    lane: 'broadcast',
    text,
  }))
  return items
}

/**
 * Puts back, from the store, the follow-up jobs of today's checks: the asking of each planned
 * check and the deadline of each open one. Their ids make this a no-op while the queue still
 * holds them; after Redis came back empty it is what brings them back.
 */
export async function requeueChecks(ctx: TaskContext): Promise<void> {
  const day = localDay(ctx.now(), ctx.roster.timezone)
  for (const check of checksOfDay(ctx.db, day)) {
    if (check.status === 'planned') {
      await ctx.later({
        id: `check-ask-${check.id}`,
        name: 'check-ask',
        data: { kind: 'check-ask', day, dueAt: check.askedAt, checkIds: [check.id] },
        options: { delayMs: Math.max(0, check.askedAt - ctx.now()) },
      })
    } else if (check.status === 'open' && check.kind !== 'display') {
      await ctx.later(deadlineJob([check], `check-deadline-${check.id}`, ctx.now()))
    }
  }
}
