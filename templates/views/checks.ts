import type { Samples } from './samples.js'

/** Spot checks: prompts to liaison rooms, answers, and what inspectors are told. */
export interface CheckViews {
  /** A random or ordered check, to the unit's liaison room. */
  'check-prompt': { units: string[]; deadline: string; minutes: number }
  /** A display period has started: every unit of the room shows its posts. */
  'display-prompt': { period: string; deadline: string; units: string[] }
  /** To the inspector who ordered checks: where each was sent, and what could not be. */
  'check-ordered': {
    deadline: string
    minutes: number
    sent: Array<{ unit: string; room: string }>
    unknown: Array<{ written: string; candidates: string }>
    noRoom: string[]
  }
  /** exampleUnit: a leaf; exampleParent: a unit with children, for 随机 */
  'check-order-form': { exampleUnit: string; exampleParent: string }
  'check-answered': { units: string; post: string | null; minutes: number; late: boolean }
  /** Several checks open in the room and the answer does not say which. */
  'check-which': { units: string[]; exampleUnit: string }
  /** To the inspection rooms: checks whose time ran out unanswered. */
  'check-timeout': {
    checks: Array<{ unit: string; askedAt: string; minutes: number; display: boolean }>
  }
  /** To the inspection rooms: how a display period is going. */
  'display-progress': {
    period: string
    final: boolean
    answered: number
    asked: number
    missing: string[]
  }
}

export const checksSamples: Samples<CheckViews> = {
  'check-prompt': { units: ['龙城派出所'], deadline: '10:35', minutes: 20 },
  'display-prompt': {
    period: '17:00–18:00',
    deadline: '18:00',
    units: ['洛龙派出所', '吴家营派出所'],
  },
  'check-ordered': {
    deadline: '10:35',
    minutes: 20,
    sent: [{ unit: '龙城派出所', room: '龙城派出所红袖标群' }],
    unknown: [{ written: '东花所', candidates: '东华派出所' }],
    noRoom: ['交警支队'],
  },
  'check-order-form': { exampleUnit: '龙城所', exampleParent: '呈贡分局' },
  'check-answered': { units: '龙城派出所', post: '北京路口', minutes: 6, late: false },
  'check-which': { units: ['龙城派出所', '洛龙派出所'], exampleUnit: '龙城所' },
  'check-timeout': {
    checks: [{ unit: '龙城派出所', askedAt: '10:15', minutes: 20, display: false }],
  },
  'display-progress': {
    period: '17:00–18:00',
    final: false,
    answered: 5,
    asked: 8,
    missing: ['吴家营派出所'],
  },
}
