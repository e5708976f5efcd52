import { and, asc, eq } from 'drizzle-orm'
import type { Day } from '../src/time/zoned.js'
import type { Db } from './client.js'
import { fieldRecords, notes, type NoteKind } from './schema.js'

export type NewFieldRecord = Omit<typeof fieldRecords.$inferInsert, 'id' | 'retracted'>
export type NewNote = Omit<typeof notes.$inferInsert, 'id' | 'retracted'>

/** Keeps what an inspector found at a post; a message records one post, once. */
export function insertFieldRecord(db: Db, record: NewFieldRecord): void {
  db.insert(fieldRecords).values(record).onConflictDoNothing().run()
}

/** Keeps a commendation, a problem or the next day's focus; a message records one note, once. */
export function insertNote(db: Db, note: NewNote): void {
  db.insert(notes).values(note).onConflictDoNothing().run()
}

/** The notes of a kind written on a day and not recalled, oldest first. */
export function notesOf(db: Db, day: Day, kind: NoteKind) {
  return db
    .select()
    .from(notes)
    .where(and(eq(notes.day, day), eq(notes.kind, kind), eq(notes.retracted, false)))
    .orderBy(asc(notes.createdAt), asc(notes.id))
    .all()
}

/** Retracts the field record of a recalled message; returns what it retracted (none or one). */
export function retractFieldRecords(db: Db, messageId: string) {
  return db
    .update(fieldRecords)
    .set({ retracted: true })
    .where(and(eq(fieldRecords.messageId, messageId), eq(fieldRecords.retracted, false)))
    .returning()
    .all()
}

/** Retracts the note of a recalled message; returns what it retracted (none or one). */
export function retractNotes(db: Db, messageId: string) {
  return db
    .update(notes)
    .set({ retracted: true })
    .where(and(eq(notes.messageId, messageId), eq(notes.retracted, false)))
    .returning()
    .all()
}
