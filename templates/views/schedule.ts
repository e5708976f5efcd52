import type { Samples } from './samples.js'

/** Messages the schedule and the outbox send. */
export interface ScheduleViews {
  /** exampleUnit: a unit of the room, for the example line */
  reminder: { dateLabel: string; deadline: string; exampleUnit: string }
  /** At the deadline, in a liaison room: its units that have not reported. */
  chase: { deadline: string; count: number; units: string[] }
  /** At escalation, in the command rooms: every unit still missing, by top-level unit (top empty for one reporting itself). */
  escalation: {
    dateLabel: string
    time: string
    count: number
    groups: Array<{ top: string; units: string }>
  }
  /** Once a day, in a room whose replies reached the daily cap: replies stop, bulletins still come. */
  'reply-cap': { cap: number }
}

export const scheduleSamples: Samples<ScheduleViews> = {
  reminder: { dateLabel: '10月12日', deadline: '09:00', exampleUnit: '龙城所' },
  chase: { deadline: '09:00', count: 2, units: ['洛龙派出所', '吴家营派出所'] },
  escalation: {
    dateLabel: '10月12日',
    time: '09:30',
    count: 3,
    groups: [
      { top: '呈贡分局', units: '洛龙派出所、吴家营派出所' },
      { top: '', units: '保安集团' },
    ],
  },
  'reply-cap': { cap: 100 },
}
