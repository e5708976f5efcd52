import type { FastifyReply } from 'fastify'
import { join } from 'node:path'
import { defaultTemplatesDir } from '../../templates/load-templates.js'

/** The pages and their words (Chinese), scripts and styles: static files, no figures in them. */
export const pagesDir = join(defaultTemplatesDir, 'web')

/** A page as it is, never cached: a session may end between two loads. */
export function sendPage(reply: FastifyReply, file: string): FastifyReply {
  return reply
    .header('cache-control', 'no-store')
    .type('text/html; charset=utf-8')
    .sendFile(file, pagesDir)
}
