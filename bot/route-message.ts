import { parseMessage } from '../src/parse/parse-message.js'
import { runCommand } from './commands/run-command.js'
import type { MessageContext } from './context.js'
import { handlePhoto } from './features/photo.js'
import { handleRecall } from './features/recall.js'
import { handleReport } from './features/report.js'

/** Sends a stored message to the handler for its kind. Figures count only in liaison rooms. */
export async function routeMessage(ctx: MessageContext): Promise<void> {
  switch (ctx.inbound.type) {
    case 'recalled':
      return handleRecall(ctx)
    case 'image':
      if (ctx.room?.role === 'liaison') await handlePhoto(ctx)
      return
    case 'text':
      break
    default:
      return
  }
  const parsed = parseMessage(ctx.inbound.text, ctx.deps.roster, { roomUnit: ctx.room?.unit })
  // In rooms the roster does not know, the bot only listens.
  if (parsed.kind === 'command') return ctx.room ? runCommand(ctx, parsed.command) : undefined
  if (ctx.room?.role !== 'liaison' || parsed.kind === 'chatter') return
  return handleReport(ctx, parsed)
}
