import { isSpace } from './normalize.js'
import type { ParsedCommand } from './types.js'

const HASH = 35
const COLON = 58

/**
 * Reads a command from normalised text whose leading mentions are gone: `#name args…`
 * (NFKC has already made ＃ a #). Returns undefined when the text is not a command.
 * @example parseCommand('#工作通报 10月11日') // { name: '工作通报', args: ['10月11日'], rest: '10月11日' }
 */
export function parseCommand(text: string): ParsedCommand | undefined {
  const n = text.length
  let i = 0
  while (i < n && isSpace(text.charCodeAt(i))) i++
  if (i >= n || text.charCodeAt(i) !== HASH) return undefined
  i++
  while (i < n && text.charCodeAt(i) === 32) i++
  let j = i
  while (j < n) {
    const c = text.charCodeAt(j)
    if (isSpace(c) || c === COLON || c === HASH) break
    j++
  }
  const name = text.slice(i, j)
  if (name.length === 0) return undefined
  let restStart = j
  while (
    restStart < n &&
    (text.charCodeAt(restStart) === COLON || text.charCodeAt(restStart) === HASH)
  ) {
    restStart++
  }
  const rest = text.slice(restStart).trim()
  return { name, args: rest.length > 0 ? rest.split(/\s+/) : [], rest }
}
