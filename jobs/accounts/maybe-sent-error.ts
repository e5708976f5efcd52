/**
 * What deliver throws when the account that held a message was lost (logged out, killed, its
 * heartbeat lapsed) after it had taken the message to speak and before it said how that went:
 * the message may have gone out. The outbox does not send it again (at most once) and logs it
 * as failed, naming the account, so an operator can look in that room.
 * @example throw new MaybeSentError('acct-2', row.roomTopic)
 */
export class MaybeSentError extends Error {
  override name = 'MaybeSentError'

  constructor(
    readonly account: string,
    readonly roomTopic: string,
  ) {
    super(
      `account ${account} was lost while saying a message in "${roomTopic}"; it may have gone ` +
        'out, so it is not sent again: look in that room if it matters',
    )
  }
}
