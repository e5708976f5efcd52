import { insertFieldRecord } from '../../db/field-records.js'
import { parseFieldRecord } from '../../src/inspection/parse-field-record.js'
import { exampleUnitFor } from '../../src/roster/example-unit.js'
import { closestUnits } from '../../src/roster/queries.js'
import type { Command } from './command.js'

/**
 * #督检 单位 点位 在岗/缺岗 [人数] [管事/不管事] [备注]: what an inspector found at a post.
 * A line it cannot read is answered with the form; nothing is guessed.
 */
export const fieldRecordCommand: Command = {
  name: '督检',
  roles: ['inspector'],
  changesRecords: true,
  async run(ctx, command) {
    const { db, roster, templates } = ctx.deps
    const reading = parseFieldRecord(command.rest, roster)
    if (!reading.ok) {
      ctx.log.info({ problem: reading.problem }, 'field record not understood')
      const unknownUnit = reading.problem === 'unknown-unit' ? reading.written : ''
      await ctx.reply(
        templates.render('field-record-form', {
          unknownUnit,
          candidates: unknownUnit && closestUnits(roster, unknownUnit).join('、'),
          noUnit: reading.problem === 'no-unit',
          noPost: reading.problem === 'no-post',
          noStatus: reading.problem === 'no-status',
          contradiction: reading.problem === 'contradiction',
          severalPosts: reading.problem === 'several-posts',
          tooLong: reading.problem === 'too-long',
          exampleUnit: exampleUnitFor(roster, ctx.room, ctx.rooms()),
        }),
      )
      return
    }
    const { note, ...record } = reading.record
    insertFieldRecord(db, {
      ...record,
      messageId: ctx.inbound.id,
      day: ctx.day,
      inspectorId: ctx.inbound.senderId,
      recordedAt: ctx.inbound.sentAt,
    })
    ctx.log.info({ unit: record.unit, post: record.post, onDuty: record.onDuty }, 'field record')
    await ctx.reply(
      templates.render('field-recorded', {
        ...record,
        engaged: record.engaged === true,
        notEngaged: record.engaged === false,
        note: note ?? '',
      }),
    )
  },
}
