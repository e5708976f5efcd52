import type { Handler } from '../chain.js'

/** Past the commands, only liaison rooms are read: figures, photos and check answers count there alone. */
export const liaisonOnly: Handler = async (ctx, next) => {
  if (ctx.room?.role === 'liaison') await next()
}
