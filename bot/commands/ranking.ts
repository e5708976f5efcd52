import { eventPeriod, eventRankingOf } from '../../db/ranking-queries.js'
import { hasRankingData } from '../../src/ranking/event-ranking.js'
import { periodLabel, renderEventRanking } from '../../templates/export/export-views.js'
import type { Command } from './command.js'

/**
 * #评比: over the security period so far, the units and people to consider for 先进集体,
 * 先进个人 and 最暖红袖标, in as many messages as it takes.
 */
export const rankingCommand: Command = {
  name: '评比',
  roles: ['commander'],
  async run(ctx) {
    const { db, roster, schedule, templates } = ctx.deps
    const period = eventPeriod(db, schedule, ctx.day)
    const ranking = period && eventRankingOf(db, roster, schedule, period)
    if (!period || !ranking || !hasRankingData(ranking)) {
      await ctx.reply(
        templates.render('period-no-data', {
          period: period ? periodLabel(period.from, period.to) : '',
          chart: false,
          trend: false,
          export: false,
          ranking: true,
        }),
      )
      return
    }
    const parts = renderEventRanking(templates, ranking)
    ctx.log.info(
      { period, units: ranking.units.length, people: ranking.people.length, parts: parts.length },
      'event ranking',
    )
    for (const part of parts) await ctx.reply(part)
  },
}
