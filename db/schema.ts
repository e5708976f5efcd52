import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core'
import type { NoteKind } from '../src/bulletin/inspection-bulletin.js'
import type { RoomRole } from '../src/roster/roster.js'
import type { CheckKind, CheckStatus } from '../src/metrics/inspection-metrics.js'
import type { WebRole } from '../src/web/web-roles.js'

export type { CheckKind, CheckStatus, NoteKind }

/** Every inbound group message, verbatim, stored once by its WeChat id before anything else happens. */
export const messages = sqliteTable(
  'messages',
  {
    id: text('id').primaryKey(),
    roomId: text('room_id').notNull(),
    roomTopic: text('room_topic').notNull(),
    senderId: text('sender_id').notNull(),
    senderName: text('sender_name').notNull(),
    /** When WeChat says it was sent, epoch ms. */
    sentAt: integer('sent_at').notNull(),
    type: text('type').notNull(),
    text: text('text').notNull(),
    /**
     * Room, sender, second and text: catches a replay whose id changed across logins,
     * which some WeChat protocols do.
     */
    fingerprint: text('fingerprint').notNull(),
    receivedAt: integer('received_at').notNull(),
    recalledAt: integer('recalled_at'),
    /**
     * When its handling ended (or it was found to be history); null while it is being handled,
     * waits for the rooms to be known after a login, or was cut short by a crash: a message
     * received lately and still null is handled again at start.
     */
    handledAt: integer('handled_at'),
  },
  (t) => [
    uniqueIndex('messages_fingerprint').on(t.fingerprint),
    index('messages_room_sent').on(t.roomId, t.sentAt),
    index('messages_unhandled').on(t.handledAt, t.receivedAt),
  ],
)

export type ReportStatus = 'counted' | 'held' | 'retracted'

/** A headcount read from a message: one row per unit the message reports. */
export const reports = sqliteTable(
  'reports',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    messageId: text('message_id')
      .notNull()
      .references(() => messages.id),
    unit: text('unit').notNull(),
    day: text('day').notNull(),
    count: integer('count').notNull(),
    approx: integer('approx', { mode: 'boolean' }).notNull(),
    points: integer('points'),
    breakdown: text('breakdown', { mode: 'json' }).$type<Record<string, number>>(),
    correction: integer('correction', { mode: 'boolean' }).notNull(),
    status: text('status').$type<ReportStatus>().notNull(),
    senderId: text('sender_id').notNull(),
    reportedAt: integer('reported_at').notNull(),
  },
  (t) => [
    index('reports_day_unit').on(t.day, t.unit, t.reportedAt),
    index('reports_message').on(t.messageId),
  ],
)

/** Activity counts (巡逻, 安全检查, 隐患, 纠纷): their own kind of record, never a headcount. */
export const activities = sqliteTable(
  'activities',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    messageId: text('message_id')
      .notNull()
      .references(() => messages.id),
    unit: text('unit').notNull(),
    day: text('day').notNull(),
    kind: text('kind').notNull(),
    count: integer('count').notNull(),
    retracted: integer('retracted', { mode: 'boolean' }).notNull().default(false),
    reportedAt: integer('reported_at').notNull(),
  },
  (t) => [
    index('activities_day_unit').on(t.day, t.unit),
    index('activities_message').on(t.messageId),
  ],
)

/** Photos posted in liaison rooms, kept as evidence for the sender's unit and day. */
export const evidence = sqliteTable(
  'evidence',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    messageId: text('message_id')
      .notNull()
      .references(() => messages.id),
    unit: text('unit'),
    day: text('day').notNull(),
    roomId: text('room_id').notNull(),
    senderId: text('sender_id').notNull(),
    /** Saved file, relative to the evidence folder; null when saving failed. */
    path: text('path'),
    postedAt: integer('posted_at').notNull(),
  },
  (t) => [
    index('evidence_day_unit').on(t.day, t.unit),
    uniqueIndex('evidence_message').on(t.messageId),
  ],
)

export type OutboxStatus = 'pending' | 'sending' | 'sent' | 'dropped' | 'failed'

/** Replies (receipts, answers to commands), alerts (to operators and commanders), broadcasts (scheduled). */
export type OutboxLane = 'reply' | 'alert' | 'broadcast'

/** What to compose a message from at send time: the kind of message and its facts. */
export interface ComposeSpec {
  kind: string
  [fact: string]: unknown
}

/**
 * Every message the bot sends, by its deterministic key: the durable truth of what is
 * pending and what was sent, whichever queue carries the work.
 */
export const outbox = sqliteTable(
  'outbox',
  {
    key: text('key').primaryKey(),
    /** The room id when it was queued; ids can change across logins, so the topic is kept too. */
    roomId: text('room_id'),
    roomTopic: text('room_topic').notNull(),
    text: text('text').notNull(),
    mentionIds: text('mention_ids', { mode: 'json' }).$type<string[]>(),
    /** A file to send instead of text (an export, a chart), by path. */
    filePath: text('file_path'),
    /** Which goes first: replies before alerts before broadcasts; only replies count to the daily cap. */
    lane: text('lane').$type<OutboxLane>().notNull().default('reply'),
    /**
     * A message whose words depend on the moment it goes out (a chase listing the units still
     * missing): composed again just before sending; `text` is what it said when queued.
     */
    compose: text('compose', { mode: 'json' }).$type<ComposeSpec>(),
    /** The moment the message was meant for; past it by more than the staleness, it is dropped. */
    dueAt: integer('due_at').notNull(),
    /** Local day of dueAt, for the per-room daily cap. */
    day: text('day').notNull(),
    status: text('status').$type<OutboxStatus>().notNull(),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    createdAt: integer('created_at').notNull(),
    sentAt: integer('sent_at'),
  },
  (t) => [
    index('outbox_status').on(t.status, t.dueAt),
    // The next message to send, lane by lane, without sorting every pending row (firstUntried).
    index('outbox_next').on(t.status, t.lane, t.attempts, t.dueAt),
    index('outbox_room_day').on(t.roomId, t.day, t.lane, t.status),
  ],
)

export type QueueJobStatus = 'waiting' | 'active' | 'done' | 'failed'

/** The embedded queue's jobs (used when REDIS_URL is not set). */
export const queueJobs = sqliteTable(
  'queue_jobs',
  {
    queue: text('queue').notNull(),
    id: text('id').notNull(),
    name: text('name').notNull(),
    data: text('data', { mode: 'json' }).notNull(),
    status: text('status').$type<QueueJobStatus>().notNull(),
    attempts: integer('attempts').notNull().default(0),
    maxAttempts: integer('max_attempts').notNull(),
    backoffMs: integer('backoff_ms').notNull(),
    runAt: integer('run_at').notNull(),
    lastError: text('last_error'),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.queue, t.id] }),
    index('queue_jobs_due').on(t.queue, t.status, t.runAt),
  ],
)

/**
 * Spot checks: a unit is asked to show a staffed post within a time limit. Ids are
 * deterministic (kind, day, moment, unit), so a repeated job or a restart asks once.
 */
export const spotChecks = sqliteTable(
  'spot_checks',
  {
    id: text('id').primaryKey(),
    day: text('day').notNull(),
    kind: text('kind').$type<CheckKind>().notNull(),
    unit: text('unit').notNull(),
    /** The liaison room the prompt goes to (the unit's or its nearest ancestor's), by its id. */
    roomId: text('room_id'),
    /** Its topic when the check was made, for people to read. */
    roomTopic: text('room_topic').notNull(),
    /** The inspector's #抽查 message, for ordered checks. */
    orderMessageId: text('order_message_id'),
    orderedBy: text('ordered_by'),
    /** When the unit is (or, planned, will be) asked. */
    askedAt: integer('asked_at').notNull(),
    deadlineAt: integer('deadline_at').notNull(),
    status: text('status').$type<CheckStatus>().notNull(),
    answeredAt: integer('answered_at'),
    answerMessageId: text('answer_message_id'),
    answeredBy: text('answered_by'),
    /** The post the answer names, when it names one. */
    post: text('post'),
  },
  (t) => [
    index('spot_checks_day_unit').on(t.day, t.unit),
    index('spot_checks_room_status').on(t.roomId, t.status),
  ],
)

/** What an inspector found at a post (#督检). */
export const fieldRecords = sqliteTable(
  'field_records',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    messageId: text('message_id')
      .notNull()
      .references(() => messages.id),
    day: text('day').notNull(),
    unit: text('unit').notNull(),
    post: text('post').notNull(),
    /** Volunteers found on duty at the post. */
    onDuty: integer('on_duty', { mode: 'boolean' }).notNull(),
    volunteers: integer('volunteers'),
    /** 管事: they act when something happens; null when the inspector did not say. */
    engaged: integer('engaged', { mode: 'boolean' }),
    inspectorId: text('inspector_id').notNull(),
    recordedAt: integer('recorded_at').notNull(),
    retracted: integer('retracted', { mode: 'boolean' }).notNull().default(false),
  },
  (t) => [
    index('field_records_day_unit').on(t.day, t.unit),
    uniqueIndex('field_records_message').on(t.messageId),
  ],
)

/** Commendations (#表扬), problems (#问题) and the next day's focus (#明日重点) of a day. */
export const notes = sqliteTable(
  'notes',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    messageId: text('message_id')
      .notNull()
      .references(() => messages.id),
    day: text('day').notNull(),
    kind: text('kind').$type<NoteKind>().notNull(),
    unit: text('unit'),
    /** The person commended, or the post where the problem was seen. */
    subject: text('subject'),
    text: text('text').notNull(),
    authorId: text('author_id').notNull(),
    createdAt: integer('created_at').notNull(),
    retracted: integer('retracted', { mode: 'boolean' }).notNull().default(false),
  },
  (t) => [index('notes_day_kind').on(t.day, t.kind), uniqueIndex('notes_message').on(t.messageId)],
)

/**
 * Every WeChat room the bot has seen, by the protocol's id: what it was called and who was in it
 * when last seen. A binding is to one of these, never to a topic; the members are what lets a
 * binding be found again on protocols whose ids change across logins without letting a
 * look-alike in.
 */
export const rooms = sqliteTable(
  'rooms',
  {
    id: text('id').primaryKey(),
    topic: text('topic').notNull(),
    memberIds: text('member_ids', { mode: 'json' }).$type<string[]>().notNull(),
    memberNames: text('member_names', { mode: 'json' }).$type<string[]>().notNull(),
    ownerId: text('owner_id'),
    firstSeenAt: integer('first_seen_at').notNull(),
    lastSeenAt: integer('last_seen_at').notNull(),
    /** Not in the room list of the latest login: the bot left, or the protocol gave it a new id. */
    goneAt: integer('gone_at'),
    /** When the room was last told it is not confirmed, and which notice: once each kind. */
    noticedAt: integer('noticed_at'),
    notice: text('notice').$type<'waiting' | 'look-alike'>(),
  },
  (t) => [index('rooms_topic').on(t.topic)],
)

/**
 * Rooms confirmed by an admin (#绑定, or `redband rooms bind`): the room, by its id, holds a role
 * and the units it reports for. `entry` is the roster room it claims (its topic in the roster
 * file), whose role and units it then follows; null for a binding made in chat alone.
 */
export const roomBindings = sqliteTable(
  'room_bindings',
  {
    roomId: text('room_id').primaryKey(),
    /** The room's topic as last seen. */
    topic: text('topic').notNull(),
    role: text('role').$type<RoomRole>().notNull(),
    unit: text('unit'),
    /** A shared liaison room's units (its roster entry's `units`). */
    units: text('units', { mode: 'json' }).$type<string[]>(),
    entry: text('entry'),
    boundBy: text('bound_by').notNull(),
    boundAt: integer('bound_at').notNull(),
  },
  (t) => [index('room_bindings_topic').on(t.topic), uniqueIndex('room_bindings_entry').on(t.entry)],
)

/** Every command and every change to figures: who, where, when, what it was before and after. */
export const auditLog = sqliteTable(
  'audit_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    at: integer('at').notNull(),
    actorId: text('actor_id').notNull(),
    actorName: text('actor_name').notNull(),
    roomTopic: text('room_topic').notNull(),
    messageId: text('message_id'),
    /** e.g. command, refused, report, correction, held, confirm, retract, bind, unbind */
    action: text('action').notNull(),
    /** The command name, or the unit whose figure changed. */
    target: text('target'),
    before: text('before', { mode: 'json' }),
    after: text('after', { mode: 'json' }),
  },
  (t) => [index('audit_log_at').on(t.at), index('audit_log_target').on(t.target, t.at)],
)

export type ReviewStatus = 'open' | 'recorded' | 'dismissed'

/**
 * Messages that may be reports but were not read (待核): the liaison was asked for the plain
 * form, and the operator settles each here (records the figure, or dismisses it).
 */
export const reviewItems = sqliteTable(
  'review_items',
  {
    messageId: text('message_id')
      .primaryKey()
      .references(() => messages.id),
    /** The local day it was sent. */
    day: text('day').notNull(),
    roomId: text('room_id').notNull(),
    /** Canonical units it names, if any. */
    units: text('units', { mode: 'json' }).$type<string[]>().notNull(),
    /** What the parser saw (Unread.why). */
    why: text('why').notNull(),
    status: text('status').$type<ReviewStatus>().notNull(),
    createdAt: integer('created_at').notNull(),
    settledBy: text('settled_by'),
    settledAt: integer('settled_at'),
  },
  (t) => [index('review_items_day_status').on(t.day, t.status)],
)

/**
 * One-time sign-in links to the command-centre page (#大屏, `redband link`): only a hash of the
 * token is kept, so the store alone opens nothing. A link is used once, within its expiry.
 */
export const webLinks = sqliteTable('web_links', {
  tokenHash: text('token_hash').primaryKey(),
  role: text('role').$type<WebRole>().notNull(),
  /** Who asked for it: a WeChat id, or `cli` at the server. */
  createdBy: text('created_by').notNull(),
  createdByName: text('created_by_name').notNull(),
  createdAt: integer('created_at').notNull(),
  expiresAt: integer('expires_at').notNull(),
  usedAt: integer('used_at'),
})

/** Signed-in browsers: a hash of the session id the cookie carries, its role, and its expiry. */
export const webSessions = sqliteTable(
  'web_sessions',
  {
    idHash: text('id_hash').primaryKey(),
    role: text('role').$type<WebRole>().notNull(),
    /** Who the link that opened it was made for: the audit log names them. */
    actorId: text('actor_id').notNull(),
    actorName: text('actor_name').notNull(),
    createdAt: integer('created_at').notNull(),
    expiresAt: integer('expires_at').notNull(),
    /** Signed out. */
    endedAt: integer('ended_at'),
  },
  (t) => [index('web_sessions_expires').on(t.expiresAt)],
)

/** Keys the page signs its cookies with, made at its first start and kept with the store. */
export const webKeys = sqliteTable('web_keys', {
  name: text('name').primaryKey(),
  value: text('value').notNull(),
  createdAt: integer('created_at').notNull(),
})
