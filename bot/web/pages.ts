import fastifyStatic from '@fastify/static'
import type { FastifyInstance } from 'fastify'
import { createRequire } from 'node:module'
import { basename, dirname, join } from 'node:path'
import type { WebView } from '../../src/web/web-roles.js'
import { chartFontFiles } from '../../templates/charts/render-chart.js'
import { pagesDir, sendPage } from './send-page.js'
import { requireView } from './sessions.js'

const require = createRequire(import.meta.url)

/** ECharts' browser build, from the installed package: nothing is fetched from the internet. */
const echartsDir = dirname(require.resolve('echarts'))

/** Each view's path and page. */
const views: Array<[path: string, view: WebView, file: string]> = [
  ['/', 'today', 'today.html'],
  ['/event', 'event', 'event.html'],
  ['/review', 'review', 'review.html'],
  ['/rooms', 'rooms', 'rooms.html'],
  ['/health', 'health', 'health.html'],
  ['/screen', 'screen', 'screen.html'],
]

/**
 * The pages behind their guards, and the files they load: the page's own scripts and styles,
 * ECharts and the Chinese font (Noto Sans SC, the one the bulletin chart is drawn with).
 */
export async function registerPages(app: FastifyInstance): Promise<void> {
  await app.register(fastifyStatic, {
    root: join(pagesDir, 'assets'),
    prefix: '/assets/',
    index: false,
    // The page's own files may change with an update: asked again each time (ETag).
    cacheControl: false,
    setHeaders: (res) => res.setHeader('cache-control', 'no-cache'),
  })
  const library = { maxAge: '7d', immutable: true } as const
  app.get('/assets/lib/echarts.min.js', (_request, reply) =>
    reply.sendFile('echarts.min.js', echartsDir, library),
  )
  for (const file of chartFontFiles) {
    app.get(`/assets/lib/${basename(file)}`, (_request, reply) =>
      reply.sendFile(basename(file), dirname(file), library),
    )
  }
  // No icon of its own: browsers ask anyway.
  app.get('/favicon.ico', (_request, reply) => reply.code(204).send())
  for (const [path, view, file] of views) {
    app.get(path, { preHandler: requireView(view) }, (_request, reply) => sendPage(reply, file))
  }
}
