import { lastUnitOf } from '../../db/reports.js'
import { answerableChecks, answerCheck, mayAnswerCheck } from '../../db/spot-checks.js'
import { attributeAnswer, type Attribution } from '../../src/checks/attribute-answer.js'
import { readCheckAnswer } from '../../src/checks/read-check-answer.js'
import { exampleUnitFor } from '../../src/roster/example-unit.js'
import { unitsOfRoom } from '../../src/roster/room-units.js'
import type { Handler } from '../chain.js'
import type { MessageContext } from '../context.js'

/**
 * Takes a photo or a text such as `北京路口 在岗 3人` as the answer to the room's spot checks
 * asked before it. Open checks are answered first; with none open, one whose deadline passed
 * today is answered late. Only units of the room's scope are answered for. Resolves to whether
 * the message was taken as an answer (or the room asked which unit).
 */
export async function answerChecks(
  ctx: MessageContext,
  answer: { units: string[]; post: string | null },
): Promise<boolean> {
  const { db, templates, roster } = ctx.deps
  const { inbound } = ctx
  const candidates = answerableChecks(db, inbound, ctx.day)
  if (candidates.length === 0) return false
  const scope = ctx.room ? unitsOfRoom(roster, ctx.room, ctx.rooms()) : new Set<string>()
  const senderUnit = lastUnitOf(db, inbound.senderId)
  const facts = {
    units: answer.units.filter((u) => scope.has(u)),
    senderUnit: senderUnit !== undefined && scope.has(senderUnit) ? senderUnit : undefined,
  }
  if (answer.units.length > 0 && facts.units.length === 0) return false
  const inTime = candidates.filter((c) => c.status === 'open' && inbound.sentAt <= c.deadlineAt)
  let attribution: Attribution = attributeAnswer(inTime, facts)
  if (attribution.kind === 'none')
    attribution = attributeAnswer(
      candidates.filter((c) => !inTime.includes(c)),
      facts,
    )
  if (attribution.kind === 'none') return false
  if (attribution.kind === 'which') {
    await ctx.reply(
      templates.render('check-which', {
        units: attribution.units,
        exampleUnit: exampleUnitFor(roster, ctx.room, ctx.rooms()),
      }),
    )
    return true
  }
  const byId = new Map(candidates.map((c) => [c.id, c]))
  const answered = attribution.checks
    .map((c) => byId.get(c.id)!)
    .filter((check) =>
      answerCheck(db, check, {
        at: inbound.sentAt,
        messageId: inbound.id,
        by: inbound.senderId,
        post: answer.post,
      }),
    )
  if (answered.length === 0) return true
  const first = answered[0]!
  ctx.log.info({ checks: answered.map((c) => c.id), post: answer.post }, 'spot check answered')
  await ctx.reply(
    templates.render('check-answered', {
      units: [...new Set(answered.map((c) => c.unit))].join('、'),
      post: answer.post,
      minutes: Math.max(1, Math.round((inbound.sentAt - first.askedAt) / 60_000)),
      late: inbound.sentAt > first.deadlineAt,
    }),
  )
  return true
}

/** `北京路口 在岗 3人` while a check is open answers it; it is not a headcount of 3. */
export const checkAnswerHandler: Handler = async (ctx, next) => {
  if (ctx.inbound.type !== 'text') return next()
  // Most rooms have no check to answer most of the time: one indexed look-up then spares
  // reading every text as an answer.
  if (!mayAnswerCheck(ctx.deps.db, ctx.inbound, ctx.day)) return next()
  const answer = readCheckAnswer(ctx.inbound.text, ctx.deps.roster)
  if (answer && (await answerChecks(ctx, answer))) return
  await next()
}
