/**
 * What deliver throws when the room a message is for cannot be reached (WeChat does not find it
 * by its id): the outbox then holds the message, spending no attempt, until the room is
 * reachable again, rather than retrying it to death or sending it to a look-alike.
 * @example throw new RoomUnreachableError(row.roomId, row.roomTopic)
 */
export class RoomUnreachableError extends Error {
  override name = 'RoomUnreachableError'

  constructor(
    readonly roomId: string | null,
    readonly roomTopic: string,
  ) {
    super(
      `room "${roomTopic}"${roomId ? ` (${roomId})` : ''} is not reachable: check the bot is ` +
        'still in it, and bind it again (#绑定) if WeChat gave it a new id; its messages wait',
    )
  }
}
