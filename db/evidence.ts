import type { Db } from './client.js'
import { evidence } from './schema.js'

export type NewEvidence = typeof evidence.$inferInsert

/** Notes a photo as evidence; a re-delivered photo is kept once. */
export function recordEvidence(db: Db, row: NewEvidence): void {
  db.insert(evidence).values(row).onConflictDoNothing().run()
}
