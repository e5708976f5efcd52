import { and, eq, gt, isNull } from 'drizzle-orm'
import type { Db } from './client.js'
import { webKeys, webLinks, webSessions } from './schema.js'

export type NewWebLink = Omit<typeof webLinks.$inferInsert, 'usedAt'>
export type WebSessionRow = typeof webSessions.$inferSelect

/** What a link is, told apart for the log only: people get the same refusal for all but `valid`. */
export type WebLinkState = 'valid' | 'used' | 'expired' | 'unknown'

export function insertWebLink(db: Db, link: NewWebLink): void {
  db.insert(webLinks).values(link).run()
}

/** Whether a link would open a session now, without using it. */
export function webLinkState(db: Db, tokenHash: string, now: number): WebLinkState {
  const link = db.select().from(webLinks).where(eq(webLinks.tokenHash, tokenHash)).get()
  if (!link) return 'unknown'
  if (link.usedAt !== null) return 'used'
  return link.expiresAt > now ? 'valid' : 'expired'
}

/**
 * Uses a link and opens a session with its role, in one transaction: of two browsers opening the
 * same link at once, one gets the session. Undefined when the link is unknown, used or expired.
 */
export function signInWithLink(
  db: Db,
  tokenHash: string,
  session: { idHash: string; createdAt: number; expiresAt: number },
): WebSessionRow | undefined {
  return db.transaction(
    (tx) => {
      const link = tx
        .update(webLinks)
        .set({ usedAt: session.createdAt })
        .where(
          and(
            eq(webLinks.tokenHash, tokenHash),
            isNull(webLinks.usedAt),
            gt(webLinks.expiresAt, session.createdAt),
          ),
        )
        .returning()
        .get()
      if (!link) return undefined
      return tx
        .insert(webSessions)
        .values({
          ...session,
          role: link.role,
          actorId: link.createdBy,
          actorName: link.createdByName,
        })
        .returning()
        .get()
    },
    { behavior: 'immediate' },
  )
}

/** The session with this id hash, while it has not expired or been signed out of. */
export function activeWebSession(db: Db, idHash: string, now: number): WebSessionRow | undefined {
  return db
    .select()
    .from(webSessions)
    .where(
      and(
        eq(webSessions.idHash, idHash),
        isNull(webSessions.endedAt),
        gt(webSessions.expiresAt, now),
      ),
    )
    .get()
}

/** Signs a session out; false when it was not open. */
export function endWebSession(db: Db, idHash: string, now: number): boolean {
  return (
    db
      .update(webSessions)
      .set({ endedAt: now })
      .where(and(eq(webSessions.idHash, idHash), isNull(webSessions.endedAt)))
      .run().changes === 1
  )
}

/**
 * A key kept with the store (the cookie-signing secret): the one stored under `name`, else
 * `make()` stored now. Two processes starting at once agree on the first one written.
 */
export function webKey(db: Db, name: string, make: () => string, now: number): string {
  const read = () =>
    db.select({ value: webKeys.value }).from(webKeys).where(eq(webKeys.name, name)).get()?.value
  const stored = read()
  if (stored !== undefined) return stored
  db.insert(webKeys).values({ name, value: make(), createdAt: now }).onConflictDoNothing().run()
  return read()!
}
