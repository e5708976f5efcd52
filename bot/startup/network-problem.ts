/**
 * What a puppet's errors look like when WeChat (or the puppet service) cannot be reached or
 * refuses us: socket errors, HTTP and gRPC refusals, TLS trouble. Puppets pass errors on as
 * GError, which keeps the message and loses the code, so the message is what is read.
 */
const networkPattern = new RegExp(
  [
    '\\b(ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ECONNABORTED|ETIMEDOUT|ESOCKETTIMEDOUT)\\b',
    '\\b(ENETUNREACH|ENETDOWN|EHOSTUNREACH|EHOSTDOWN|EPIPE)\\b',
    'socket hang up',
    'timeout of \\d+ms exceeded',
    'status code [45]\\d\\d',
    'certificate',
    '^\\d+ (UNAVAILABLE|DEADLINE_EXCEEDED|UNAUTHENTICATED|PERMISSION_DENIED)\\b',
    // wechat4u's own words for a network error while restarting a session
    '网络错误',
  ].join('|'),
  'i',
)

/**
 * The short reason (the message's first line) when `error` says the network or the service is
 * the trouble; undefined for anything else, which may be a bug and keeps its stack.
 * @example networkProblem(new Error('getaddrinfo ENOTFOUND login.wx.qq.com')) // the same text
 */
export function networkProblem(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | undefined)?.code
  const line = firstLine(error)
  if (!networkPattern.test(line) && !(typeof code === 'string' && networkPattern.test(code)))
    return undefined
  return line.length > 200 ? `${line.slice(0, 199)}…` : line
}

/** An error's message as one line: its first, without the stack a puppet may have put into it. */
export function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error)
  return (message.split('\n')[0] ?? '').replace(/\s+/g, ' ').trim() || 'unknown error'
}
