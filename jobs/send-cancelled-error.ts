/**
 * What deliver throws when the process is closing before the message went out (no account took
 * it): the outbox puts it back pending, spending no attempt, and sends it after the next start.
 * @example throw new SendCancelledError()
 */
export class SendCancelledError extends Error {
  override name = 'SendCancelledError'

  constructor() {
    super('closing before the message went out; it is sent after the next start')
  }
}
