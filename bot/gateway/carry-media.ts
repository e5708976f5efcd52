import type { Message } from 'wechaty'
import type { CarriedFile } from '../../jobs/accounts/protocol.js'
import type { Logger } from '../../src/logger.js'

/**
 * A photo's bytes for the inbound job, or undefined when it is over the limit (logged: the core
 * stores the message without its evidence). Redis holds the job, so the limit bounds its size.
 */
export async function carryMedia(
  msg: Message,
  limitBytes: number,
  log: Logger,
): Promise<CarriedFile | undefined> {
  const box = await msg.toFileBox()
  // A box that knows its size is not fetched when too big; one that does not (-1) is measured.
  if (box.size > limitBytes) return tooBig(box.size)
  const bytes = await box.toBuffer()
  if (bytes.length > limitBytes) return tooBig(bytes.length)
  return { name: box.name, base64: bytes.toString('base64') }

  function tooBig(size: number): undefined {
    log.warn(
      { msgId: msg.id, size, limitBytes },
      'photo over REDBAND_MEDIA_LIMIT_MB: forwarded without its bytes',
    )
    return undefined
  }
}
