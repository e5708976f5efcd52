import { readCheckAnswer } from '../src/checks/read-check-answer.js'
import { parseMessage } from '../src/parse/parse-message.js'
import { runCommand } from './commands/run-command.js'
import type { MessageContext } from './context.js'
import { answerChecks } from './features/check-answer.js'
import { handlePhoto } from './features/photo.js'
import { handleRecall } from './features/recall.js'
import { handleReport } from './features/report.js'

/**
 * Sends a stored message to the handler for its kind. In liaison rooms a photo, or a text naming
 * a post on duty, may answer a spot check; figures count only there.
 */
export async function routeMessage(ctx: MessageContext): Promise<void> {
  switch (ctx.inbound.type) {
    case 'recalled':
      return handleRecall(ctx)
    case 'image':
      if (ctx.room?.role === 'liaison') {
        await handlePhoto(ctx)
        await answerChecks(ctx, { units: [], post: null })
      }
      return
    case 'text':
      break
    default:
      return
  }
  const parsed = parseMessage(ctx.inbound.text, ctx.deps.roster, { roomUnit: ctx.room?.unit })
  // In rooms the roster does not know, the bot only listens, but to an admin (#绑定).
  if (parsed.kind === 'command') {
    return ctx.room || ctx.roles.has('admin') ? runCommand(ctx, parsed.command) : undefined
  }
  if (ctx.room?.role !== 'liaison') return
  // 北京路口 在岗 3人 while a check is open answers it; it is not a headcount of 3.
  const answer = readCheckAnswer(ctx.inbound.text, ctx.deps.roster)
  if (answer && (await answerChecks(ctx, answer))) return
  if (parsed.kind === 'chatter') return
  return handleReport(ctx, parsed)
}
