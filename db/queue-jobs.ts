import { and, asc, eq, lt, lte, min, sql } from 'drizzle-orm'
import type { Db } from './client.js'
import { queueJobs, type QueueJobStatus } from './schema.js'

/** The embedded queue's store: every statement is synchronous (better-sqlite3). */

export type QueueJobRow = typeof queueJobs.$inferSelect

export interface QueueJobInsert {
  id: string
  name: string
  data: unknown
  maxAttempts: number
  backoffMs: number
  runAt: number
}

/** lastError of a job handed back after its process stopped while it ran. */
export const HANDED_BACK = 'handed back: the process stopped while the job ran'

/** 12 columns a row: 500 rows stay well under SQLite's 32,766 bound parameters. */
const INSERT_CHUNK = 500

/**
 * Adds jobs, keeping any id the queue already holds (waiting, active, done or failed) as it is.
 * Returns how many were new.
 */
export function insertQueueJobs(
  db: Db,
  queue: string,
  jobs: QueueJobInsert[],
  now: number,
): number {
  if (jobs.length === 0) return 0
  const rows = jobs.map((job) => ({
    queue,
    id: job.id,
    name: job.name,
    data: job.data,
    status: 'waiting' as const,
    attempts: 0,
    maxAttempts: job.maxAttempts,
    backoffMs: job.backoffMs,
    runAt: job.runAt,
    createdAt: now,
    updatedAt: now,
  }))
  return db.transaction((tx) => {
    let added = 0
    for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
      added += tx
        .insert(queueJobs)
        .values(rows.slice(i, i + INSERT_CHUNK))
        .onConflictDoNothing()
        .run().changes
    }
    return added
  })
}

/** When the earliest waiting job is due (maybe in the past), or undefined when none waits. */
export function nextQueueJobRunAt(db: Db, queue: string): number | undefined {
  const row = db
    .select({ runAt: min(queueJobs.runAt) })
    .from(queueJobs)
    .where(and(eq(queueJobs.queue, queue), eq(queueJobs.status, 'waiting')))
    .get()
  return row?.runAt ?? undefined
}

/**
 * Takes the earliest due waiting job (first added first among equals) and marks it active with
 * one more attempt, in one statement, so two takers never get the same job.
 */
export function claimQueueJob(db: Db, queue: string, now: number): QueueJobRow | undefined {
  const next = db
    .select({ rowid: sql`rowid` })
    .from(queueJobs)
    .where(
      and(eq(queueJobs.queue, queue), eq(queueJobs.status, 'waiting'), lte(queueJobs.runAt, now)),
    )
    .orderBy(asc(queueJobs.runAt), sql`rowid`)
    .limit(1)
  return db
    .update(queueJobs)
    .set({ status: 'active', attempts: sql`${queueJobs.attempts} + 1`, updatedAt: now })
    .where(sql`rowid = (${next})`)
    .returning()
    .get()
}

export function completeQueueJob(db: Db, queue: string, id: string, now: number): void {
  setStatus(db, queue, id, { status: 'done', updatedAt: now })
}

/** Back to waiting until runAt, keeping the error of the attempt that failed. */
export function retryQueueJob(
  db: Db,
  queue: string,
  id: string,
  runAt: number,
  error: string,
  now: number,
): void {
  setStatus(db, queue, id, { status: 'waiting', runAt, lastError: error, updatedAt: now })
}

/**
 * Back to waiting until runAt without counting the attempt: it did not fail, the store was
 * locked by another writer (SQLITE_BUSY) and it simply runs again later.
 */
export function postponeQueueJob(
  db: Db,
  queue: string,
  id: string,
  runAt: number,
  now: number,
): void {
  db.update(queueJobs)
    .set({
      status: 'waiting',
      runAt,
      attempts: sql`max(${queueJobs.attempts} - 1, 0)`,
      updatedAt: now,
    })
    .where(and(eq(queueJobs.queue, queue), eq(queueJobs.id, id)))
    .run()
}

export function failQueueJob(db: Db, queue: string, id: string, error: string, now: number): void {
  setStatus(db, queue, id, { status: 'failed', lastError: error, updatedAt: now })
}

function setStatus(
  db: Db,
  queue: string,
  id: string,
  values: Partial<QueueJobRow> & { status: QueueJobStatus },
): void {
  db.update(queueJobs)
    .set(values)
    .where(and(eq(queueJobs.queue, queue), eq(queueJobs.id, id)))
    .run()
}

/**
 * At start: jobs left active by a process that stopped go back to waiting (at-least-once),
 * their unfinished attempt not counted. A job already handed back once that was active again
 * when the process stopped fails instead (it may be what stops the process): returned.
 */
export function handBackActiveQueueJobs(
  db: Db,
  queue: string,
  now: number,
): { handedBack: number; failed: QueueJobRow[] } {
  return db.transaction((tx) => {
    const active = and(eq(queueJobs.queue, queue), eq(queueJobs.status, 'active'))
    const failed = tx
      .update(queueJobs)
      .set({ status: 'failed', lastError: `${HANDED_BACK} (twice)`, updatedAt: now })
      .where(and(active, eq(queueJobs.lastError, HANDED_BACK)))
      .returning()
      .all()
    const handedBack = tx
      .update(queueJobs)
      .set({
        status: 'waiting',
        attempts: sql`max(${queueJobs.attempts} - 1, 0)`,
        lastError: HANDED_BACK,
        updatedAt: now,
      })
      .where(active)
      .run().changes
    return { handedBack, failed }
  })
}

/** waiting counts the due jobs; delayed, the waiting ones whose time has not come. */
export function countQueueJobs(
  db: Db,
  queue: string,
  now: number,
): { waiting: number; active: number; delayed: number; failed: number; done: number } {
  const row = db
    .select({
      waiting: sql<number>`coalesce(sum(${queueJobs.status} = 'waiting' and ${queueJobs.runAt} <= ${now}), 0)`,
      delayed: sql<number>`coalesce(sum(${queueJobs.status} = 'waiting' and ${queueJobs.runAt} > ${now}), 0)`,
      active: sql<number>`coalesce(sum(${queueJobs.status} = 'active'), 0)`,
      failed: sql<number>`coalesce(sum(${queueJobs.status} = 'failed'), 0)`,
      done: sql<number>`coalesce(sum(${queueJobs.status} = 'done'), 0)`,
    })
    .from(queueJobs)
    .where(eq(queueJobs.queue, queue))
    .get()
  return row ?? { waiting: 0, active: 0, delayed: 0, failed: 0, done: 0 }
}

/** Deletes finished jobs (done or failed) last touched before `before`; their ids become new again. */
export function purgeQueueJobs(
  db: Db,
  queue: string,
  status: 'done' | 'failed',
  before: number,
): number {
  return db
    .delete(queueJobs)
    .where(
      and(
        eq(queueJobs.queue, queue),
        eq(queueJobs.status, status),
        lt(queueJobs.updatedAt, before),
      ),
    )
    .run().changes
}

export function getQueueJob(db: Db, queue: string, id: string): QueueJobRow | undefined {
  return db
    .select()
    .from(queueJobs)
    .where(and(eq(queueJobs.queue, queue), eq(queueJobs.id, id)))
    .get()
}
