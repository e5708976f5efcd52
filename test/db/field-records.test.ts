import { beforeEach, describe, expect, it } from 'vitest'
import { openDb, type Db } from '../../db/client.js'
import {
  insertFieldRecord,
  insertNote,
  notesOf,
  retractFieldRecords,
  retractNotes,
  type NewFieldRecord,
} from '../../db/field-records.js'
import { storeMessage } from '../../db/messages.js'
import { fieldRecords, notes } from '../../db/schema.js'
import type { Inbound } from '../../src/inbound.js'

const day = '2026-10-12'
const at = Date.parse('2026-10-12T10:15:00+08:00')

/** Field records and notes point at the message they came from: it is stored first. */
function stored(db: Db, id: string, text: string, offset = 0): Inbound {
  const inbound: Inbound = {
    id,
    roomId: 'inspection@chatroom',
    roomTopic: '红袖标督导组',
    senderId: 'wxid_inspector',
    senderName: '督导员',
    sentAt: at + offset,
    type: 'text',
    text,
  }
  storeMessage(db, inbound, at + offset)
  return inbound
}

const record = (messageId: string): NewFieldRecord => ({
  messageId,
  day,
  unit: '龙城派出所',
  post: '北京路口',
  onDuty: true,
  volunteers: 3,
  engaged: null,
  inspectorId: 'wxid_inspector',
  recordedAt: at,
})

describe('field records', () => {
  let db: Db
  beforeEach(() => {
    db = openDb(':memory:')
  })

  it('keeps what was found, with engaged left unknown when not said', () => {
    stored(db, 'm1', '#督检 龙城所 北京路口 在岗 3人')
    insertFieldRecord(db, record('m1'))
    expect(db.select().from(fieldRecords).all()).toEqual([
      { id: 1, ...record('m1'), retracted: false },
    ])
  })

  it('keeps one record per message, however often it is handled', () => {
    stored(db, 'm1', '#督检 龙城所 北京路口 在岗 3人')
    insertFieldRecord(db, record('m1'))
    insertFieldRecord(db, { ...record('m1'), volunteers: 4 })
    expect(
      db
        .select()
        .from(fieldRecords)
        .all()
        .map((r) => r.volunteers),
    ).toEqual([3])
  })

  it('refuses a record for a message that was never stored', () => {
    expect(() => insertFieldRecord(db, record('nowhere'))).toThrow(/FOREIGN KEY/)
  })

  it('retracts the record of a recalled message, once, and only that one', () => {
    stored(db, 'm1', '#督检 龙城所 北京路口 在岗 3人')
    stored(db, 'm2', '#督检 龙城所 人民路口 缺岗', 1000)
    insertFieldRecord(db, record('m1'))
    insertFieldRecord(db, { ...record('m2'), post: '人民路口', onDuty: false, volunteers: null })
    expect(retractFieldRecords(db, 'm1')).toMatchObject([{ messageId: 'm1', post: '北京路口' }])
    expect(retractFieldRecords(db, 'm1')).toEqual([])
    expect(
      db
        .select()
        .from(fieldRecords)
        .all()
        .map((r) => [r.post, r.retracted]),
    ).toEqual([
      ['北京路口', true],
      ['人民路口', false],
    ])
  })
})

describe('notes', () => {
  let db: Db
  beforeEach(() => {
    db = openDb(':memory:')
  })

  const focus = (messageId: string, text: string, createdAt: number) => ({
    messageId,
    day,
    kind: 'focus' as const,
    unit: null,
    subject: null,
    text,
    authorId: 'wxid_commander',
    createdAt,
  })

  it('keeps every focus of a day, oldest first, and leaves recalled ones out', () => {
    stored(db, 'f1', '#明日重点 北京路口加派2人')
    stored(db, 'f2', '#明日重点 东风广场8点前到岗', 1000)
    stored(db, 'f3', '#明日重点 撤回的这条', 2000)
    insertNote(db, focus('f2', '东风广场8点前到岗', at + 1000))
    insertNote(db, focus('f1', '北京路口加派2人', at))
    insertNote(db, focus('f3', '撤回的这条', at + 2000))
    expect(retractNotes(db, 'f3')).toMatchObject([{ text: '撤回的这条', retracted: true }])
    expect(notesOf(db, day, 'focus').map((n) => n.text)).toEqual([
      '北京路口加派2人',
      '东风广场8点前到岗',
    ])
    expect(notesOf(db, day, 'problem')).toEqual([])
    expect(notesOf(db, '2026-10-13', 'focus')).toEqual([])
  })

  it('keeps a commendation with its unit and the person', () => {
    stored(db, 'c1', '#表扬 龙城所 张三 劝阻占道经营')
    insertNote(db, {
      messageId: 'c1',
      day,
      kind: 'commendation',
      unit: '龙城派出所',
      subject: '张三',
      text: '劝阻占道经营',
      authorId: 'wxid_inspector',
      createdAt: at,
    })
    insertNote(db, { ...focus('c1', '同一条消息再处理一次', at) })
    expect(db.select().from(notes).all()).toMatchObject([
      { kind: 'commendation', unit: '龙城派出所', subject: '张三', retracted: false },
    ])
  })
})
