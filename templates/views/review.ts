import type { Samples } from './samples.js'

/** What the bot says about messages it could not read for sure (待核). */
export interface ReviewViews {
  /**
   * A message that may be a report but gave no record: the plain form to send instead. `unit`:
   * the unit as people write it; `suggested`: the roster unit a misspelt name is close to, else '';
   * `police`: the figures were of police, who do not count.
   */
  unsure: { unit: string; suggested: string; police: boolean }
  /** #待核: the day's messages not read for sure, one line each. */
  'review-list': {
    dayLabel: string
    count: number
    items: Array<{ time: string; room: string; sender: string; text: string; units: string }>
  }
  /** Beside the receipt of a figure recorded from a review item: which message it was read from. */
  'review-recorded': { time: string }
}

export const reviewSamples: Samples<ReviewViews> = {
  unsure: { unit: '龙城所', suggested: '', police: false },
  'review-list': {
    dayLabel: '今日',
    count: 2,
    items: [
      {
        time: '09:12',
        room: '龙城派出所红袖标群',
        sender: '张三',
        text: '刚才报的少算了三个',
        units: '龙城派出所',
      },
      {
        time: '10:05',
        room: '行业部门联络群',
        sender: '李四',
        text: '马今铺所上岗100人',
        units: '',
      },
    ],
  },
  'review-recorded': { time: '09:12' },
}
