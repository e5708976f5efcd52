import { insertNote, notesOf } from '../../db/field-records.js'
import { parseNote, type NoteKind } from '../../src/inspection/parse-note.js'
import type { Role } from '../../src/roles/roles.js'
import { exampleUnitFor } from '../../src/roster/example-unit.js'
import { closestUnits } from '../../src/roster/queries.js'
import type { MessageContext } from '../context.js'
import type { Command } from './command.js'

/** The command that records notes of one kind; a form it cannot read gets the form back. */
function noteCommand(name: string, kind: NoteKind, roles: Role[]): Command {
  const kinds = {
    commendation: kind === 'commendation',
    problem: kind === 'problem',
    focus: kind === 'focus',
  }
  return {
    name,
    roles,
    changesRecords: true,
    async run(ctx, command) {
      const { db, roster, templates } = ctx.deps
      const reading = parseNote(kind, command.rest, roster)
      if (!reading.ok) {
        ctx.log.info({ kind, problem: reading.problem }, 'note not understood')
        const unknownUnit = reading.problem === 'unknown-unit' ? reading.written : ''
        await ctx.reply(
          templates.render('note-form', {
            ...kinds,
            unknownUnit,
            candidates: unknownUnit && closestUnits(roster, unknownUnit).join('、'),
            noUnit: reading.problem === 'no-unit',
            noText: reading.problem === 'no-text',
            tooLong: reading.problem === 'too-long',
            exampleUnit: exampleUnitFor(roster, ctx.room, ctx.rooms()),
          }),
        )
        return
      }
      const { note } = reading
      insertNote(db, {
        ...note,
        messageId: ctx.inbound.id,
        day: ctx.day,
        authorId: ctx.inbound.senderId,
        createdAt: ctx.inbound.sentAt,
      })
      ctx.log.info({ kind, unit: note.unit }, 'note recorded')
      const focusCount = kind === 'focus' ? focusNotesToday(ctx) : 0
      await ctx.reply(
        templates.render('note-recorded', {
          ...kinds,
          unit: note.unit ?? '',
          subject: note.subject ?? '',
          text: note.text,
          focusCount,
          earlierFocus: focusCount > 1,
        }),
      )
    },
  }
}

function focusNotesToday(ctx: MessageContext): number {
  return notesOf(ctx.deps.db, ctx.day, 'focus').length
}

/** #表扬 单位 姓名 事迹: a volunteer worth naming. */
export const commendationCommand = noteCommand('表扬', 'commendation', ['inspector', 'commander'])

/** #问题 单位 点位 问题: something wrong found at a post. */
export const problemCommand = noteCommand('问题', 'problem', ['inspector', 'commander'])

/** #明日重点 内容: what the next day should watch; several in a day are all kept. */
export const focusCommand = noteCommand('明日重点', 'focus', ['commander'])
