import type { FastifyInstance } from 'fastify'
import { workBulletinInputOf } from '../../db/bulletin-queries.js'
import type { Db } from '../../db/client.js'
import { exportFieldRecords } from '../../db/export-queries.js'
import { inspectionBulletinInput } from '../../db/inspection-queries.js'
import { heldFiguresOf, openChecksOf } from '../../db/page-queries.js'
import { eventPeriod } from '../../db/ranking-queries.js'
import { buildInspectionBulletin } from '../../src/bulletin/inspection-bulletin.js'
import { buildWorkBulletin } from '../../src/bulletin/work-bulletin.js'
import { bulletinChartData, hasBulletinChartData } from '../../src/charts/chart-data.js'
import type { Roster } from '../../src/roster/roster.js'
import type { Schedule } from '../../src/schedule/schedule.js'
import { isDay, localDay, localTime, type Day } from '../../src/time/zoned.js'
import { todayView, type TodayData } from '../../src/web/today-view.js'
import { seesHeadcounts, type WebRole } from '../../src/web/web-roles.js'
import { bulletinChartOption, bulletinChartWords } from '../../templates/charts/bulletin-chart.js'
import type { Templates } from '../../templates/load-templates.js'
import { refuse, requireView } from './sessions.js'

export interface PageDeps {
  db: Db
  roster: Roster
  schedule: Schedule
  templates: Templates
  now: () => number
}

/**
 * The Today data of a day for a role: the work bulletin as `bulletin work --json` builds it
 * (workBulletinOf's input and builder), the inspection bulletin (inspectionBulletinOf's, from the
 * same rows, read once), the checks still open, the field records and held figures, and the bulletin
 * chart's ECharts option (the evening chart's, drawn by the browser).
 * @example todayData(deps, 'commander', '2026-10-12')
 */
export function todayData(deps: PageDeps, role: WebRole, day: Day): TodayData {
  const { db, roster, schedule, templates } = deps
  const now = deps.now()
  const today = localDay(now, roster.timezone)
  const input = workBulletinInputOf(db, roster, schedule, day)
  const work = buildWorkBulletin(roster, input)
  const inspection = buildInspectionBulletin(roster, inspectionBulletinInput(db, day, input))
  let chart: unknown
  if (seesHeadcounts(role)) {
    const data = bulletinChartData(work, inspection)
    if (hasBulletinChartData(data)) {
      const asOf = day === today ? localTime(now, roster.timezone) : undefined
      chart = bulletinChartOption(data, bulletinChartWords(templates, data, asOf))
    }
  }
  return todayView({
    role,
    now,
    timezone: roster.timezone,
    today,
    work,
    inspection,
    checks: openChecksOf(db, day),
    fieldRecords: exportFieldRecords(db, { from: day, to: day }),
    held: seesHeadcounts(role) ? heldFiguresOf(db, day) : [],
    chart,
  })
}

/**
 * GET /api/today[?date=YYYY-MM-DD]: a day's data (default today). GET /api/days: today and the
 * event's days, for the day picker.
 */
export function registerToday(app: FastifyInstance, deps: PageDeps): void {
  app.get('/api/days', { preHandler: requireView('today') }, async (_request, reply) => {
    const today = localDay(deps.now(), deps.roster.timezone)
    reply.header('cache-control', 'no-store')
    return {
      today,
      timezone: deps.roster.timezone,
      period: eventPeriod(deps.db, deps.schedule, today) ?? null,
    }
  })

  app.get<{ Querystring: { date?: string } }>(
    '/api/today',
    { preHandler: requireView('today') },
    async (request, reply) => {
      const today = localDay(deps.now(), deps.roster.timezone)
      const day = request.query.date ?? today
      if (!isDay(day)) return refuse(reply, 400, 'bad-date')
      reply.header('cache-control', 'no-store')
      return { ...todayData(deps, request.webSession!.role, day), timezone: deps.roster.timezone }
    },
  )
}
