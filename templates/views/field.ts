import type { Samples } from './samples.js'

/** Replies to inspectors' and commanders' field notes: #督检, #表扬, #问题, #明日重点. */
export interface FieldViews {
  /** #督检 recorded: what was read, for the inspector to check. */
  'field-recorded': {
    unit: string
    post: string
    onDuty: boolean
    /** Volunteers found; null when not said. */
    volunteers: number | null
    /** 管事 said. */
    engaged: boolean
    /** 不管事 said; neither this nor engaged when it was not said. */
    notEngaged: boolean
    /** What the inspector wrote after the findings; empty when nothing. */
    note: string
  }
  /** A #督检 that was not read: what is missing, then the form and an example. */
  'field-record-form': {
    /** A unit the roster does not know, as written; empty otherwise. */
    unknownUnit: string
    /** The closest roster units, e.g. 东华派出所、拓东派出所; empty when none is close. */
    candidates: string
    noUnit: boolean
    noPost: boolean
    noStatus: boolean
    contradiction: boolean
    severalPosts: boolean
    tooLong: boolean
    /** A unit people write, for the example line. */
    exampleUnit: string
  }
  /** #表扬, #问题 or #明日重点 recorded: one of the three kinds is true. */
  'note-recorded': {
    commendation: boolean
    problem: boolean
    focus: boolean
    /** Empty for the focus. */
    unit: string
    /** The person or the post; empty when none was written apart from the text. */
    subject: string
    text: string
    /** The focus notes written today, this one included. */
    focusCount: number
    /** Earlier focus notes were written today: they are all kept. */
    earlierFocus: boolean
  }
  /** A #表扬, #问题 or #明日重点 that was not read: what is missing, then the form and an example. */
  'note-form': {
    commendation: boolean
    problem: boolean
    focus: boolean
    unknownUnit: string
    candidates: string
    noUnit: boolean
    noText: boolean
    tooLong: boolean
    exampleUnit: string
  }
}

export const fieldSamples: Samples<FieldViews> = {
  'field-recorded': {
    unit: '东华派出所',
    post: '北京路口',
    onDuty: true,
    volunteers: 3,
    engaged: true,
    notEngaged: false,
    note: '劝阻了占道经营',
  },
  'field-record-form': {
    unknownUnit: '东花所',
    candidates: '东华派出所',
    noUnit: false,
    noPost: false,
    noStatus: false,
    contradiction: false,
    severalPosts: false,
    tooLong: false,
    exampleUnit: '东华所',
  },
  'note-recorded': {
    commendation: false,
    problem: false,
    focus: true,
    unit: '',
    subject: '',
    text: '东风广场一带早高峰前增派人手',
    focusCount: 2,
    earlierFocus: true,
  },
  'note-form': {
    commendation: true,
    problem: false,
    focus: false,
    unknownUnit: '东花所',
    candidates: '东华派出所',
    noUnit: false,
    noText: false,
    tooLong: false,
    exampleUnit: '东华所',
  },
}
