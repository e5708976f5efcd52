import type { Inbound } from '../../src/inbound.js'
import type { Logger } from '../../src/logger.js'
import type { RoomGate, SaveMedia } from '../context.js'

interface Waiting {
  inbound: Inbound
  saveMedia?: SaveMedia
}

export interface RoomGateControl extends RoomGate {
  /** A login: the rooms are not known again until its room list is complete. */
  close(): void
  /** The rooms are known: what waited is handled again, in the order it came. */
  open(handleAgain: (inbound: Inbound, saveMedia?: SaveMedia) => Promise<void>): Promise<void>
}

/**
 * Holds back the messages of rooms that are not bound while the rooms are not known (from a
 * login until its room list is complete and bindings are found again), so that a bound room
 * whose id changed is not taken for a stranger. Closed at first: nothing is known before login.
 */
export function createRoomGate(log: Logger): RoomGateControl {
  let isOpen = false
  let waiting: Waiting[] = []
  return {
    isOpen: () => isOpen,
    defer(inbound, saveMedia) {
      waiting.push({ inbound, ...(saveMedia ? { saveMedia } : {}) })
    },
    close() {
      isOpen = false
    },
    async open(handleAgain) {
      isOpen = true
      const now = waiting
      waiting = []
      if (now.length > 0) log.info({ waiting: now.length }, 'rooms known: handling what waited')
      for (const { inbound, saveMedia } of now) await handleAgain(inbound, saveMedia)
    },
  }
}
