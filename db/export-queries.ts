import { and, asc, between, eq, inArray, ne } from 'drizzle-orm'
import type { StoredFieldRecord } from '../src/inspection/parse-field-record.js'
import type { EventRanking } from '../src/ranking/event-ranking.js'
import type { Roster } from '../src/roster/roster.js'
import type { Schedule } from '../src/schedule/schedule.js'
import type { Day } from '../src/time/zoned.js'
import type { Db } from './client.js'
import { eventRankingOf, periodDays, type Period, type PeriodDay } from './ranking-queries.js'
import {
  evidence,
  fieldRecords,
  messages,
  notes,
  spotChecks,
  type CheckKind,
  type CheckStatus,
} from './schema.js'

/** How far from a text answer a photo its sender posted still counts as that answer's photo. */
export const photoNearAnswerMs = 10 * 60_000

/** A spot check that was asked, with who answered and the photo that shows it. */
export interface ExportCheck {
  day: Day
  kind: CheckKind
  status: Exclude<CheckStatus, 'planned'>
  unit: string
  roomTopic: string
  post: string | null
  askedAt: number
  deadlineAt: number
  answeredAt: number | null
  /** The answerer's WeChat name, as stored with the answer. */
  answeredBy: string | null
  /**
   * The saved photo, relative to the evidence folder: the answer itself when it was a photo,
   * else the nearest photo the answerer posted in that room within photoNearAnswerMs of it.
   */
  photo: string | null
}

/** What an inspector found at a post (#督检), not retracted. */
export interface ExportFieldRecord extends StoredFieldRecord {
  day: Day
}

/** A commendation or a problem, not retracted. */
export interface ExportNote {
  day: Day
  kind: 'commendation' | 'problem'
  unit: string | null
  subject: string | null
  text: string
  author: string
  createdAt: number
}

/** Everything an export holds for a period. */
export interface ExportData {
  period: Period
  /** Every day of the period, as the bulletins count it. */
  days: PeriodDay[]
  checks: ExportCheck[]
  fieldRecords: ExportFieldRecord[]
  notes: ExportNote[]
  /** The event ranking over the period. */
  ranking: EventRanking
}

/** Spot checks asked in a period (planned ones were never asked), by time asked. */
export function exportChecks(db: Db, { from, to }: Period): ExportCheck[] {
  const rows = db
    .select({
      day: spotChecks.day,
      kind: spotChecks.kind,
      status: spotChecks.status,
      unit: spotChecks.unit,
      roomTopic: spotChecks.roomTopic,
      post: spotChecks.post,
      askedAt: spotChecks.askedAt,
      deadlineAt: spotChecks.deadlineAt,
      answeredAt: spotChecks.answeredAt,
      answeredById: spotChecks.answeredBy,
      answeredBy: messages.senderName,
      answerRoomId: messages.roomId,
      photo: evidence.path,
    })
    .from(spotChecks)
    .leftJoin(messages, eq(messages.id, spotChecks.answerMessageId))
    .leftJoin(evidence, eq(evidence.messageId, spotChecks.answerMessageId))
    .where(and(between(spotChecks.day, from, to), ne(spotChecks.status, 'planned')))
    .orderBy(asc(spotChecks.askedAt), asc(spotChecks.unit))
    .all()

  const needPhoto = rows.filter((r) => r.photo === null && r.answeredAt !== null)
  const photos =
    needPhoto.length === 0
      ? []
      : db
          .select({
            day: evidence.day,
            roomId: evidence.roomId,
            senderId: evidence.senderId,
            path: evidence.path,
            postedAt: evidence.postedAt,
          })
          .from(evidence)
          .where(
            and(
              between(evidence.day, from, to),
              inArray(evidence.senderId, [...new Set(needPhoto.map((r) => r.answeredById!))]),
            ),
          )
          .all()
          .filter((p) => p.path !== null)

  return rows.map(({ answeredById, answerRoomId, ...row }) => {
    let photo = row.photo
    if (photo === null && row.answeredAt !== null) {
      let nearest = photoNearAnswerMs + 1
      for (const p of photos) {
        const gap = Math.abs(p.postedAt - row.answeredAt)
        if (p.senderId !== answeredById || p.roomId !== answerRoomId || p.day !== row.day) continue
        if (gap < nearest) [nearest, photo] = [gap, p.path]
      }
    }
    return { ...row, status: row.status as ExportCheck['status'], photo }
  })
}

/** Field records of a period that were not retracted, by time recorded. */
export function exportFieldRecords(db: Db, { from, to }: Period): ExportFieldRecord[] {
  return db
    .select({
      day: fieldRecords.day,
      unit: fieldRecords.unit,
      post: fieldRecords.post,
      onDuty: fieldRecords.onDuty,
      volunteers: fieldRecords.volunteers,
      engaged: fieldRecords.engaged,
      inspector: messages.senderName,
      recordedAt: fieldRecords.recordedAt,
    })
    .from(fieldRecords)
    .innerJoin(messages, eq(messages.id, fieldRecords.messageId))
    .where(and(between(fieldRecords.day, from, to), eq(fieldRecords.retracted, false)))
    .orderBy(asc(fieldRecords.recordedAt), asc(fieldRecords.id))
    .all()
}

/** Commendations and problems of a period that were not retracted, by time written. */
export function exportNotes(db: Db, { from, to }: Period): ExportNote[] {
  return db
    .select({
      day: notes.day,
      kind: notes.kind,
      unit: notes.unit,
      subject: notes.subject,
      text: notes.text,
      author: messages.senderName,
      createdAt: notes.createdAt,
    })
    .from(notes)
    .innerJoin(messages, eq(messages.id, notes.messageId))
    .where(
      and(
        between(notes.day, from, to),
        inArray(notes.kind, ['commendation', 'problem']),
        eq(notes.retracted, false),
      ),
    )
    .orderBy(asc(notes.createdAt), asc(notes.id))
    .all() as ExportNote[]
}

/**
 * Everything an export of a period holds, each day counted as its bulletins count it.
 * @example exportDataOf(db, roster, schedule, { from: '2026-10-06', to: '2026-10-12' })
 */
export function exportDataOf(
  db: Db,
  roster: Roster,
  schedule: Schedule,
  period: Period,
): ExportData {
  const days = periodDays(db, roster, schedule, period)
  return {
    period,
    days,
    checks: exportChecks(db, period),
    fieldRecords: exportFieldRecords(db, period),
    notes: exportNotes(db, period),
    ranking: eventRankingOf(db, roster, schedule, period, days),
  }
}

/** Whether an export of the period would hold anything: a headcount, a check, a record or a note. */
export function hasExportData(data: ExportData): boolean {
  return (
    data.days.some((d) => d.work.total !== null || d.work.units.some((u) => u.count !== null)) ||
    data.checks.length > 0 ||
    data.fieldRecords.length > 0 ||
    data.notes.length > 0
  )
}

/** A photo kept as evidence, with the room it was posted in. */
export interface EvidencePhoto {
  unit: string | null
  roomTopic: string
  /** Relative to the evidence folder; null when saving failed. */
  path: string | null
  postedAt: number
  sender: string
}

/** The evidence photos of a day, by time posted. */
export function evidenceOfDay(db: Db, day: Day): EvidencePhoto[] {
  return db
    .select({
      unit: evidence.unit,
      roomTopic: messages.roomTopic,
      path: evidence.path,
      postedAt: evidence.postedAt,
      sender: messages.senderName,
    })
    .from(evidence)
    .innerJoin(messages, eq(messages.id, evidence.messageId))
    .where(eq(evidence.day, day))
    .orderBy(asc(evidence.postedAt), asc(evidence.id))
    .all()
}
