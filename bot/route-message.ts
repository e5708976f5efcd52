import { chain } from './chain.js'
import { commandHandler } from './commands/run-command.js'
import { checkAnswerHandler } from './features/check-answer.js'
import { liaisonOnly } from './features/liaison-only.js'
import { photoHandler } from './features/photo.js'
import { recallHandler } from './features/recall.js'
import { reportHandler } from './features/report-handler.js'
import { unboundRoomHandler } from './features/unbound-room.js'
import { unsureHandler } from './features/unsure-reply.js'

/**
 * The rules for a stored message, in order: a recall retracts; a room no admin confirmed gains
 * nothing (but an admin's #绑定); commands run by role; only liaison rooms go further, where a
 * photo or a post on duty answers a spot check, figures count within the room's scope, and a
 * message that may be a report but could not be read is asked about and listed for review.
 */
export const routeMessage = chain(
  recallHandler,
  unboundRoomHandler,
  commandHandler,
  liaisonOnly,
  photoHandler,
  checkAnswerHandler,
  reportHandler,
  unsureHandler,
)
