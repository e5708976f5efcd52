/** An open (or just expired) check in a room, as the answer sees it. */
export interface CheckInRoom {
  id: string
  unit: string
}

export type Attribution =
  | { kind: 'answers'; checks: CheckInRoom[] }
  /** Several checks are open and the answer does not say which unit it is for. */
  | { kind: 'which'; units: string[] }
  | { kind: 'none' }

/**
 * Which checks an answer in a room answers. One check open: that one. Several: the units the
 * answer names, else the one its sender speaks for, else none and the room is asked to say
 * which. An answer naming only units with no check open answers nothing.
 */
export function attributeAnswer(
  open: readonly CheckInRoom[],
  answer: { units: readonly string[]; senderUnit?: string },
): Attribution {
  if (open.length === 0) return { kind: 'none' }
  if (answer.units.length > 0) {
    const named = open.filter((c) => answer.units.includes(c.unit))
    return named.length > 0 ? { kind: 'answers', checks: named } : { kind: 'none' }
  }
  if (open.length === 1) return { kind: 'answers', checks: [...open] }
  const bySender = open.filter((c) => c.unit === answer.senderUnit)
  if (bySender.length > 0) return { kind: 'answers', checks: bySender }
  return { kind: 'which', units: [...new Set(open.map((c) => c.unit))] }
}
