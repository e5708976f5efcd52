import type { ReviewEntry } from '../db/review.js'
import { shortened } from '../src/parse/normalize.js'
import { localTime } from '../src/time/zoned.js'
import type { ReviewViews } from './views/review.js'

/** One review item as a line: when, where, who, what it said (on one line, cut to `width`), units. */
export type ReviewLine = ReviewViews['review-list']['items'][number]

/**
 * A review item (待核) as #待核 and the CLI's `review` show it, one line each.
 * @example reviewLine(item, 'Asia/Shanghai', 40) // { time: '09:12', room: '龙城派出所红袖标群', sender: '张三', text: '刚才报的少算了三个', units: '龙城派出所' }
 */
export function reviewLine(
  item: Pick<ReviewEntry, 'sentAt' | 'roomTopic' | 'senderName' | 'text' | 'units'>,
  timezone: string,
  width: number,
): ReviewLine {
  return {
    time: localTime(item.sentAt, timezone),
    room: item.roomTopic,
    sender: item.senderName,
    text: shortened(item.text.replace(/\s+/g, ' ').trim(), width),
    units: item.units.join('、'),
  }
}
