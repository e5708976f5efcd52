import { chineseDate, localTime } from '../../src/time/zoned.js'
import { generatedDir, renderBulletinCharts } from '../../jobs/tasks/bulletin-charts.js'
import type { OutboxItem } from '../../jobs/outbox.js'
import type { MessageContext } from '../context.js'
import type { Command } from './command.js'
import { dayArgument } from './work-bulletin.js'

/** #图表 [日期]: the bulletin chart of a day (default today) as a picture. */
export const chartsCommand: Command = {
  name: '图表',
  roles: ['commander'],
  async run(ctx, command) {
    if (ctx.deps.charts === false) {
      await ctx.reply(ctx.deps.templates.render('charts-off', {}))
      return
    }
    const day = await dayArgument(ctx, command)
    if (day === undefined) return
    const { roster, templates, evidenceDir } = ctx.deps
    const asOf = day === ctx.day ? localTime(ctx.inbound.sentAt, roster.timezone) : ''
    let files: string[]
    try {
      ;({ files } = await renderBulletinCharts(ctx.deps, day, {
        dir: generatedDir(evidenceDir, 'charts'),
        asOf,
      }))
    } catch (error) {
      ctx.log.error({ err: error, day }, 'bulletin chart could not be drawn')
      await ctx.reply(templates.render('chart-failed', { trend: false }))
      return
    }
    if (files.length === 0) {
      await ctx.reply(
        templates.render('period-no-data', {
          period: chineseDate(day),
          chart: true,
          trend: false,
          export: false,
          ranking: false,
        }),
      )
      return
    }
    ctx.log.info({ day, files }, 'bulletin chart')
    await ctx.deps.send(fileItems(ctx, files, `bulletin chart ${day}`))
  },
}

/** Outbox items that send files into the room a command came from. */
export function fileItems(ctx: MessageContext, files: string[], caption: string): OutboxItem[] {
  return files.map((filePath, i) => ({
    key: `file-${ctx.inbound.id}-${i}`,
    roomId: ctx.inbound.roomId,
    roomTopic: ctx.inbound.roomTopic,
    text: caption,
    filePath,
    dueAt: ctx.inbound.sentAt,
  }))
}
