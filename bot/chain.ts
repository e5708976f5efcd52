import type { MessageContext } from './context.js'

/**
 * One step of inbound handling: it handles the message, or passes it on with `next()`. Like a
 * grammY middleware: a feature is one module exporting its handler, and the order of the chain
 * is the order of the rules (a recall before anything, an unbound room before commands, …).
 */
export type Handler = (ctx: MessageContext, next: () => Promise<void>) => Promise<void>

/** The handlers as one, each run only when the one before passes the message on. */
export function chain(...handlers: Handler[]): (ctx: MessageContext) => Promise<void> {
  // Made once, not per message: an ingest runs the chain for every message it replays.
  const run = (ctx: MessageContext, i: number): Promise<void> => {
    const handler = handlers[i]
    return handler ? handler(ctx, () => run(ctx, i + 1)) : Promise.resolve()
  }
  return (ctx) => run(ctx, 0)
}
