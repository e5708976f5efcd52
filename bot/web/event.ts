import type { FastifyInstance } from 'fastify'
import { eventPeriod, eventRankingOf, periodDays } from '../../db/ranking-queries.js'
import { hasTrendData, trendChartData } from '../../src/charts/chart-data.js'
import { localDay } from '../../src/time/zoned.js'
import {
  trendChartOption,
  trendChartSize,
  trendChartWords,
} from '../../templates/charts/trend-chart.js'
import { requireView } from './sessions.js'
import type { PageDeps } from './today.js'

/**
 * GET /api/event: the security period so far, each day's total against target (as the trend
 * chart #趋势 draws it, the same option) and the ranking #评比 gives, from the same days.
 */
export function registerEvent(app: FastifyInstance, deps: PageDeps): void {
  app.get('/api/event', { preHandler: requireView('event') }, async (_request, reply) => {
    const { db, roster, schedule, templates } = deps
    reply.header('cache-control', 'no-store')
    const period = eventPeriod(db, schedule, localDay(deps.now(), roster.timezone))
    if (!period) return { period: null, days: [], chart: null, ranking: null }
    const days = periodDays(db, roster, schedule, period)
    const trend = trendChartData(days.map((d) => d.work))
    return {
      period,
      days: trend.points,
      chart: hasTrendData(trend)
        ? {
            option: trendChartOption(trend, trendChartWords(templates, trend)),
            size: trendChartSize,
          }
        : null,
      ranking: eventRankingOf(db, roster, schedule, period, days),
    }
  })
}
