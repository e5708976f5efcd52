import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { closeDb, openDb, type Db } from '../../db/client.js'
import {
  activeWebSession,
  endWebSession,
  insertWebLink,
  signInWithLink,
  webKey,
  webLinkState,
} from '../../db/web-sessions.js'

const t0 = Date.UTC(2026, 9, 12, 0, 0)
const minute = 60_000

describe('sign-in links and sessions', () => {
  let db: Db
  beforeEach(() => {
    db = openDb(':memory:')
    insertWebLink(db, {
      tokenHash: 'link-1',
      role: 'commander',
      createdBy: 'wxid_zhang',
      createdByName: '张指挥',
      createdAt: t0,
      expiresAt: t0 + 10 * minute,
    })
  })
  afterEach(() => closeDb(db))

  const session = (idHash: string, at: number) => ({
    idHash,
    createdAt: at,
    expiresAt: at + 12 * 60 * minute,
  })

  it('opens one session with a link, with its role and who asked for it; the link is then used', () => {
    expect(webLinkState(db, 'link-1', t0 + minute)).toBe('valid')
    expect(signInWithLink(db, 'link-1', session('s-1', t0 + minute))).toMatchObject({
      role: 'commander',
      actorId: 'wxid_zhang',
      actorName: '张指挥',
    })
    expect(webLinkState(db, 'link-1', t0 + 2 * minute)).toBe('used')
    expect(signInWithLink(db, 'link-1', session('s-2', t0 + 2 * minute))).toBeUndefined()
    expect(activeWebSession(db, 's-2', t0 + 2 * minute)).toBeUndefined()
  })

  it('refuses a link after its ten minutes, and one it never made', () => {
    expect(webLinkState(db, 'link-1', t0 + 10 * minute)).toBe('expired')
    expect(signInWithLink(db, 'link-1', session('s-1', t0 + 10 * minute))).toBeUndefined()
    expect(webLinkState(db, 'forged', t0)).toBe('unknown')
    expect(signInWithLink(db, 'forged', session('s-1', t0))).toBeUndefined()
  })

  it('keeps a session for twelve hours, or until it is signed out of', () => {
    signInWithLink(db, 'link-1', session('s-1', t0))
    expect(activeWebSession(db, 's-1', t0 + 12 * 60 * minute - 1)).toBeDefined()
    expect(activeWebSession(db, 's-1', t0 + 12 * 60 * minute)).toBeUndefined()
    expect(endWebSession(db, 's-1', t0 + minute)).toBe(true)
    expect(activeWebSession(db, 's-1', t0 + 2 * minute)).toBeUndefined()
    expect(endWebSession(db, 's-1', t0 + 3 * minute)).toBe(false)
  })

  it('makes a key once and keeps it', () => {
    const first = webKey(db, 'cookie-secret', () => 'made-first', t0)
    expect(webKey(db, 'cookie-secret', () => 'made-again', t0 + minute)).toBe(first)
    expect(first).toBe('made-first')
  })
})
