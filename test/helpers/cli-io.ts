import { PassThrough } from 'node:stream'
import type { CliIo } from '../../bot/cli/io.js'

/** CLI streams in memory: feed stdin, read what was printed. */
export function memoryIo(stdinText = '', env: Record<string, string | undefined> = {}) {
  const stdout = new PassThrough()
  const stderr = new PassThrough()
  let out = ''
  let err = ''
  stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')))
  stderr.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')))
  const stdin = new PassThrough()
  stdin.end(stdinText)
  const io: CliIo = { stdin, stdout, stderr, env }
  return { io, out: () => out, err: () => err }
}
