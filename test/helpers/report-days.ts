import type { Db } from '../../db/client.js'
import { storeMessage } from '../../db/messages.js'
import { recordReport, retractMessage } from '../../db/reports.js'
import type { Activity, Headcount } from '../../src/parse/types.js'
import { instantOf, type Day } from '../../src/time/zoned.js'

export interface ReportOptions {
  correction?: boolean
  held?: Headcount[]
  activities?: Activity[]
  room?: string
  /** Who sent it (sender id); default liaison. */
  sender?: string
  /** The day the report is for, when it is not the day it was sent (a stated date). */
  forDay?: Day
}

/** A headcount as the parser would read it. */
export function hc(unit: string, count: number, extra: Partial<Headcount> = {}): Headcount {
  return { unit, count, approx: false, ...extra }
}

let writers = 0

/**
 * Writes reports the way the bot does (message stored, then recordReport), at a local day and
 * HH:mm in the roster's time zone: days of reports for bulletin tests.
 */
export function reportWriter(db: Db, timezone: string) {
  // Ids unique per writer too: two writers on one store are two liaisons, not one message twice.
  const writer = ++writers
  let next = 0
  return {
    /** Stores one message and its figures; returns the message id. */
    report(day: Day, time: string, records: Headcount[], options: ReportOptions = {}): string {
      const id = `msg-${writer}-${++next}`
      const sentAt = instantOf(day, time, timezone)
      const room = options.room ?? '测试联络群'
      const senderId = options.sender ?? 'liaison'
      storeMessage(
        db,
        {
          id,
          roomId: room,
          roomTopic: room,
          senderId,
          senderName: '联络员',
          sentAt,
          type: 'text',
          text: id,
        },
        sentAt,
      )
      recordReport(
        db,
        {
          messageId: id,
          senderId,
          day: options.forDay ?? day,
          reportedAt: sentAt,
          correction: options.correction ?? false,
        },
        { records, held: options.held ?? [], activities: options.activities ?? [] },
      )
      return id
    },
    retract(messageId: string): void {
      retractMessage(db, messageId)
    },
  }
}
