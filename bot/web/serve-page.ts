import type { EventEmitter } from 'node:events'
import type { Jobs } from '../../jobs/start-jobs.js'
import type { QueueCounts } from '../../jobs/queue/queue.js'
import type { WebConfig } from '../../src/web/web-settings.js'
import type { WebRole } from '../../src/web/web-roles.js'
import type { AccountState } from '../context.js'
import type { BotHealth } from './health.js'
import { createSignInLink } from './links.js'
import { startWebServer, type WebServer, type WebServerOptions } from './server.js'

/** The event the plugin emits after each message it has handled. */
export const handledEvent = 'handled'

export interface ServePageOptions {
  deps: WebServerOptions['deps']
  web: WebConfig
  jobs: Jobs
  /** The queues run on Redis (else on the embedded runner). */
  redis: boolean
  /** The WeChat accounts the bot speaks through. */
  accounts: () => AccountState[]
  /** Emits handledEvent after each message the bot has handled. */
  handled: EventEmitter
}

export interface ServedPage {
  /** The address people open, once listening; undefined when the page is off or could not listen. */
  url(): Promise<string | undefined>
  /** A one-time sign-in link; undefined while the page is not being served. */
  link(role: WebRole, by: { id: string; name: string }): string | undefined
  close(): Promise<void>
}

/** Queue counts, unless the backend takes longer than this to answer (Redis away). */
const countsTimeoutMs = 1000

function countsOf(jobs: Jobs): Promise<QueueCounts | null> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const late = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), countsTimeoutMs)
  })
  const counts = jobs.outbox.queueCounts().catch(() => null)
  return Promise.race([counts, late]).finally(() => clearTimeout(timer))
}

/**
 * The command-centre page, served by the bot's own process when REDBAND_HTTP is not off. An
 * address it cannot listen on is logged and the bot runs on without its page.
 */
export function servePage(options: ServePageOptions): ServedPage {
  const { deps, web, jobs } = options
  const listen = web.listen
  let queueUp = true
  jobs.scheduledJobs.onConnection((connected) => (queueUp = connected))
  const health = async (asked: { counts: boolean }): Promise<BotHealth> => {
    return {
      accounts: options.accounts(),
      queue: {
        backend: options.redis ? 'redis' : 'embedded',
        up: queueUp,
        counts: asked.counts && queueUp ? await countsOf(jobs) : null,
      },
    }
  }
  let server: WebServer | undefined
  const started: Promise<WebServer | undefined> = listen
    ? startWebServer(
        {
          deps,
          web,
          health,
          onHandled: (listener) => {
            options.handled.on(handledEvent, listener)
            return () => options.handled.off(handledEvent, listener)
          },
        },
        listen,
      ).then(
        (s) => (server = s),
        (error: unknown) => {
          // A known failure (the port is taken, the address is not this machine's): one line.
          deps.log.error(
            { listen: `${listen.host}:${listen.port}`, reason: (error as Error).message },
            'web: could not serve the page; set REDBAND_HTTP to a free host:port, or off. The bot runs on without it',
          )
          return undefined
        },
      )
    : Promise.resolve(undefined)
  return {
    url: async () => (await started)?.url,
    link: (role, by) =>
      server && createSignInLink(deps.db, { role, by, at: deps.now(), baseUrl: server.url }),
    close: async () => {
      await (await started)?.close()
    },
  }
}
