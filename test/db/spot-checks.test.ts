import { describe, expect, it } from 'vitest'
import { openDb } from '../../db/client.js'
import {
  answerableChecks,
  insertChecks,
  mayAnswerCheck,
  type NewSpotCheck,
} from '../../db/spot-checks.js'
import type { CheckStatus } from '../../db/schema.js'

const askedAt = Date.parse('2026-10-12T10:00:00+08:00')
const day = '2026-10-12'

function check(id: string, status: CheckStatus, extra: Partial<NewSpotCheck> = {}): NewSpotCheck {
  return {
    id,
    day,
    kind: 'random',
    unit: '龙城派出所',
    roomId: 'room-a',
    roomTopic: '呈贡分局红袖标联络群',
    askedAt,
    deadlineAt: askedAt + 30 * 60_000,
    status,
    ...extra,
  }
}

const message = { id: 'm1', roomId: 'room-a', sentAt: askedAt + 60_000 }

describe('mayAnswerCheck', () => {
  // The quick look-up must agree with the full one, or a room's answer would go unread.
  it.each<[string, NewSpotCheck[], typeof message, boolean]>([
    ['no check at all', [], message, false],
    ['an open check in the room', [check('c1', 'open')], message, true],
    ['a check whose deadline passed unanswered', [check('c1', 'unanswered')], message, true],
    ['a planned check not yet asked', [check('c1', 'planned')], message, false],
    [
      'a check answered by another message',
      [check('c1', 'answered', { answerMessageId: 'm0' })],
      message,
      false,
    ],
    [
      'a check this very message answered (handled again)',
      [check('c1', 'late', { answerMessageId: 'm1' })],
      message,
      true,
    ],
    ['an open check in another room', [check('c1', 'open', { roomId: 'room-b' })], message, false],
    ['an open check of another day', [check('c1', 'open', { day: '2026-10-11' })], message, false],
    [
      'an open check asked after the message',
      [check('c1', 'open')],
      { ...message, sentAt: askedAt - 1 },
      false,
    ],
  ])('%s', (_, checks, msg, expected) => {
    const db = openDb(':memory:')
    insertChecks(db, checks)
    expect(mayAnswerCheck(db, msg, day)).toBe(expected)
    expect(answerableChecks(db, msg, day).length > 0).toBe(expected)
  })
})
