import type { Db } from '../../db/client.js'
import { storeMessage } from '../../db/messages.js'
import { fieldRecords, notes, spotChecks } from '../../db/schema.js'
import type { CheckKind, CheckStatus } from '../../src/metrics/inspection-metrics.js'
import type { NoteKind } from '../../src/bulletin/inspection-bulletin.js'
import { instantOf, type Day } from '../../src/time/zoned.js'
import { hc, reportWriter } from './report-days.js'

const minute = 60_000
/** How long a unit has to answer a check, in these tests. */
const answerMinutes = 10

export interface FieldOptions {
  post?: string
  volunteers?: number
  /** 管事; left out when the inspector did not say. */
  engaged?: boolean
  retracted?: boolean
}

export interface NoteOptions {
  unit?: string
  subject?: string
  retracted?: boolean
}

/**
 * Writes spot checks, field records and notes at a local day and HH:mm in the roster's time
 * zone, the rows as the inspection features store them: days for inspection bulletin tests.
 */
export function inspectionWriter(db: Db, timezone: string) {
  let next = 0
  const at = (day: Day, time: string) => instantOf(day, time, timezone)
  /** Field records and notes come from a message in the inspection room. */
  const message = (sentAt: number): string => {
    const id = `inspection-${++next}`
    storeMessage(
      db,
      {
        id,
        roomId: '督导组',
        roomTopic: '红袖标督导组',
        senderId: 'inspector',
        senderName: '督导员',
        sentAt,
        type: 'text',
        text: id,
      },
      sentAt,
    )
    return id
  }
  return {
    /** A spot check asked at `time`; answered ones are answered a minute in, late ones after the deadline. */
    check(day: Day, time: string, kind: CheckKind, unit: string, status: CheckStatus): void {
      const askedAt = at(day, time)
      const deadlineAt = askedAt + answerMinutes * minute
      const answeredAt =
        status === 'answered' ? askedAt + minute : status === 'late' ? deadlineAt + minute : null
      db.insert(spotChecks)
        .values({
          id: `${kind}-${day}-${time}-${unit}`,
          day,
          kind,
          unit,
          roomTopic: '测试联络群',
          askedAt,
          deadlineAt,
          status,
          answeredAt,
        })
        .run()
    },
    field(day: Day, time: string, unit: string, onDuty: boolean, options: FieldOptions = {}): void {
      const recordedAt = at(day, time)
      db.insert(fieldRecords)
        .values({
          messageId: message(recordedAt),
          day,
          unit,
          post: options.post ?? `${unit}岗`,
          onDuty,
          volunteers: options.volunteers ?? null,
          engaged: options.engaged ?? null,
          inspectorId: 'inspector',
          recordedAt,
          retracted: options.retracted ?? false,
        })
        .run()
    },
    note(day: Day, time: string, kind: NoteKind, text: string, options: NoteOptions = {}): void {
      const createdAt = at(day, time)
      db.insert(notes)
        .values({
          messageId: message(createdAt),
          day,
          kind,
          unit: options.unit ?? null,
          subject: options.subject ?? null,
          text,
          authorId: 'inspector',
          createdAt,
          retracted: options.retracted ?? false,
        })
        .run()
    },
  }
}

/**
 * A small day on the example roster (2026-10-12), every figure hand-computed in the tests:
 * checks of each kind and outcome, field records (one retracted), reports with points (one
 * above its plan), patrols (one by a parent, one by a unit with no points) and notes.
 */
export function writeExampleInspectionDay(db: Db, timezone: string): Day {
  const day = '2026-10-12'
  const write = reportWriter(db, timezone)
  const inspect = inspectionWriter(db, timezone)
  const patrol = (unit: string, count: number) => ({ unit, kind: 'patrol' as const, count })

  write.report(day, '08:05', [hc('龙城派出所', 150, { points: 10 })], {
    activities: [patrol('龙城派出所', 40)],
  })
  write.report(day, '08:20', [hc('洛龙派出所', 118, { points: 6 })])
  write.report(day, '08:50', [hc('昆阳派出所', 90, { points: 7 })])
  write.report(day, '09:40', [hc('晋宁分局', 165)], { activities: [patrol('晋宁分局', 20)] })
  write.report(day, '10:15', [hc('马金铺派出所', 95, { points: 7 })], {
    activities: [patrol('马金铺派出所', 18)],
  })
  write.report(day, '08:58', [hc('保安集团', 12000)], { activities: [patrol('保安集团', 300)] })

  const stations = ['龙城派出所', '洛龙派出所', '吴家营派出所', '昆阳派出所', '晋城派出所']
  const morning: CheckStatus[] = ['answered', 'answered', 'late', 'answered', 'unanswered']
  stations.forEach((unit, i) => inspect.check(day, '09:00', 'display', unit, morning[i]!))
  inspect.check(day, '09:00', 'display', '马金铺派出所', 'answered')
  inspect.check(day, '09:00', 'display', '保安集团', 'answered')
  for (const unit of [...stations, '马金铺派出所']) {
    inspect.check(day, '15:00', 'display', unit, 'answered')
  }
  inspect.check(day, '10:30', 'random', '吴家营派出所', 'unanswered')
  inspect.check(day, '14:10', 'random', '昆阳派出所', 'answered')
  inspect.check(day, '21:00', 'random', '洛龙派出所', 'planned')
  inspect.check(day, '11:20', 'ordered', '龙城派出所', 'answered')
  inspect.check(day, '19:50', 'ordered', '马金铺派出所', 'open')

  inspect.field(day, '10:00', '龙城派出所', true, { volunteers: 3, engaged: true })
  inspect.field(day, '10:40', '洛龙派出所', true, { volunteers: 2 })
  inspect.field(day, '11:10', '吴家营派出所', false, { post: '吴家营地铁站' })
  inspect.field(day, '14:30', '昆阳派出所', true, { volunteers: 4, engaged: true })
  inspect.field(day, '15:20', '晋城派出所', true, { volunteers: 2, retracted: true })
  inspect.field(day, '16:00', '马金铺派出所', true, { volunteers: 2, engaged: false })

  inspect.note(day, '11:15', 'problem', '岗位无人，队员离岗', {
    unit: '吴家营派出所',
    subject: '吴家营地铁站',
  })
  inspect.note(day, '15:25', 'problem', '写错了', { unit: '晋城派出所', retracted: true })
  inspect.note(day, '16:05', 'problem', '队员未佩戴袖标', {
    unit: '马金铺派出所',
    subject: '大学城南门',
  })
  inspect.note(day, '14:35', 'commendation', '主动调解摊贩纠纷', {
    unit: '昆阳派出所',
    subject: '李红',
  })
  inspect.note('2026-10-11', '19:00', 'focus', '前一天写的重点')
  inspect.note(day, '19:00', 'focus', '加强地铁站口晚高峰值守')
  inspect.note(day, '19:05', 'focus', '晋城派出所落实查岗回复', { unit: '晋宁分局' })
  return day
}
