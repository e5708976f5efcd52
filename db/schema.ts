import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core'

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
  },
  (t) => [
    uniqueIndex('messages_fingerprint').on(t.fingerprint),
    index('messages_room_sent').on(t.roomId, t.sentAt),
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
    index('outbox_room_day').on(t.roomTopic, t.day, t.status),
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
