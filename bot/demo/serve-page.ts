import { join } from 'node:path'
import { closeDb, openDb } from '../../db/client.js'
import type { Logger } from '../../src/logger.js'
import { Redband } from '../plugin.js'
import { createSignInLink } from '../web/links.js'
import type { MockWorld } from '../wechaty/mock-world.js'

/** `--serve [PORT]`: the port to serve the page on after the day (default 8080); undefined without --serve. */
export function serveArgs(argv: string[]): { port: number } | undefined {
  const at = argv.indexOf('--serve')
  if (at < 0) return undefined
  const given = argv[at + 1]
  const port = given === undefined || given.startsWith('--') ? 8080 : Number(given)
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`--serve ${given}: give a port number such as 8080`)
  return { port }
}

/**
 * After the demo day: the bot again, on the real clock, on the day's store and the same mock
 * WeChat, now serving its page; prints an admin's sign-in link (every view) and serves until
 * Ctrl-C.
 */
export async function serveDemoPage(
  world: MockWorld,
  options: { dir: string; rosterFile: string; log: Logger; port: number },
): Promise<void> {
  const dbFile = join(options.dir, 'redband.db')
  const redband = Redband({
    env: {},
    roster: options.rosterFile,
    db: dbFile,
    evidenceDir: join(options.dir, 'evidence'),
    logger: options.log,
    // The day is over: nothing more is scheduled.
    schedule: { event: {} },
    http: `127.0.0.1:${options.port}`,
  })
  world.bot.use(redband)
  await redband.ready()
  const url = await redband.pageUrl()
  if (!url) {
    console.error(
      `could not serve the page on 127.0.0.1:${options.port}: is the port taken? Try --serve 0`,
    )
    await redband.close()
    await world.stop()
    process.exitCode = 1
    return
  }
  const db = openDb(dbFile)
  const link = createSignInLink(db, {
    role: 'admin',
    by: { id: 'demo', name: '演示管理员' },
    at: Date.now(),
    baseUrl: url,
  })
  closeDb(db)
  console.log(
    [
      '',
      `指挥大屏 (the command-centre page) is served at ${url}`,
      `Sign in as an admin (once, within 10 minutes): ${link}`,
      `More links: REDBAND_HTTP=127.0.0.1:${new URL(url).port} npm run --silent redband -- link --role commander --db ${dbFile}`,
      'Ctrl-C stops it.',
    ].join('\n'),
  )
  await new Promise<void>((resolve) => process.once('SIGINT', resolve))
  await redband.close()
  await world.stop()
}
