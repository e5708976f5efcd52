/** The longest message the bot sends in one piece, in UTF-16 code units (a Chinese character is one). */
export const defaultMessageLimit = 1500

function marker(part: number, parts: number): string {
  return `（${part}/${parts}）\n`
}

/** The longest marker for a part count of so many digits. */
function markerLength(digits: number): number {
  const most = 10 ** digits - 1
  return marker(most, most).length
}

/** A line longer than the limit: cut after the last 、，; or space that fits, else at the limit. */
function cutLine(line: string, limit: number): string[] {
  const pieces: string[] = []
  let rest = line
  while (rest.length > limit) {
    const window = rest.slice(0, limit)
    const at = Math.max(...['、', '，', '；', ' '].map((sep) => window.lastIndexOf(sep)))
    const end = at > 0 ? at + 1 : limit
    pieces.push(rest.slice(0, end).trimEnd())
    rest = rest.slice(end).trimStart()
  }
  if (rest !== '') pieces.push(rest)
  return pieces
}

function indentOf(line: string): number {
  return line.length - line.trimStart().length
}

/**
 * Lines of one block into groups of at most `room` characters. Where a group must end, it ends
 * before the least indented line of its second half, so that a heading stays with the lines
 * under it (a unit with its stations, 呈贡分局： with the rest of its names).
 */
function packLines(lines: string[], room: number): string[][] {
  const groups: string[][] = []
  let group: string[] = []
  let length = -1
  for (const line of lines) {
    if (group.length === 0 || length + 1 + line.length <= room) {
      group.push(line)
      length += 1 + line.length
      continue
    }
    let cut = group.length
    let best = indentOf(line)
    for (let j = group.length - 1, before = length; j > 0; j--) {
      before -= group[j]!.length + 1
      // Keep at least half a message before the cut, and room for the line after it.
      if (before < room / 2 || length - before + line.length > room) break
      if (indentOf(group[j]!) < best) {
        best = indentOf(group[j]!)
        cut = j
      }
    }
    groups.push(group.slice(0, cut))
    group = [...group.slice(cut), line]
    length = group.join('\n').length
  }
  if (group.length > 0) groups.push(group)
  return groups
}

/** Packs the text into parts of at most `room` characters; never breaks a line that fits. */
function pack(text: string, room: number): string[] {
  const parts: string[] = []
  let current = ''
  for (const block of text.split(/\n{2,}/)) {
    if (block.length <= room) {
      if (current === '') current = block
      else if (current.length + 2 + block.length <= room) current += `\n\n${block}`
      else {
        parts.push(current)
        current = block
      }
      continue
    }
    // A block too long for one message starts its own and breaks between lines.
    if (current !== '') parts.push(current)
    const lines = block
      .split('\n')
      .flatMap((line) => (line.length <= room ? [line] : cutLine(line, room)))
    const groups = packLines(lines, room).map((group) => group.join('\n'))
    current = groups.pop() ?? ''
    parts.push(...groups)
  }
  if (current !== '') parts.push(current)
  return parts
}

/**
 * Splits a message into parts of at most `limit` characters each, marker included: between
 * blocks (paragraphs separated by a blank line) where it can, else between lines; a single line
 * longer than the limit is cut after punctuation. When there is more than one part, each starts
 * with a （2/3）-style marker line.
 * @example splitMessage(longBulletin, 1500) // ['（1/3）\n红袖标工作情况通报…', '（2/3）\n…', '（3/3）\n…']
 */
export function splitMessage(text: string, limit = defaultMessageLimit): string[] {
  const trimmed = text.trim()
  if (trimmed.length <= limit) return [trimmed]
  if (limit < 20) throw new RangeError(`message limit ${limit} is too small to split into parts`)
  // Room for the marker, whose length grows with the digits of the part count.
  let digits = 1
  let parts = pack(trimmed, limit - markerLength(digits))
  while (String(parts.length).length > digits) {
    digits = String(parts.length).length
    parts = pack(trimmed, limit - markerLength(digits))
  }
  return parts.map((part, i) => marker(i + 1, parts.length) + part)
}
