import { FileBox } from 'file-box'
import type { Wechaty } from 'wechaty'
import type { SendJob } from '../../jobs/accounts/protocol.js'
import { RoomUnreachableError } from '../../jobs/room-unreachable-error.js'
import { speak } from '../wechaty/deliver.js'

/**
 * Says a send job the core routed to this account: 'unreachable' when the account is not in
 * that room; throws whatever else WeChat refused (the link tells a throttle from the rest).
 */
export async function sayJob(bot: Wechaty, job: SendJob): Promise<'sent' | 'unreachable'> {
  const { file } = job
  try {
    await speak(bot, {
      roomId: job.roomId,
      // The core knows the room's topic; the gateway only its id.
      roomTopic: job.roomId,
      text: job.text,
      ...(job.mentionIds ? { mentionIds: job.mentionIds } : {}),
      ...(file ? { file: async () => FileBox.fromBase64(file.base64, file.name) } : {}),
    })
    return 'sent'
  } catch (error) {
    if (error instanceof RoomUnreachableError) return 'unreachable'
    throw error
  }
}
