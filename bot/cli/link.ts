import { existsSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { closeDb, openDb } from '../../db/client.js'
import { readConfig } from '../../src/config/read-config.js'
import { isWebRole, webRoles } from '../../src/web/web-roles.js'
import { createSignInLink, linkTtlMs, pageBaseUrl } from '../web/links.js'
import { print, UsageError, type CliIo } from './io.js'

/**
 * `link --role commander|inspector|admin [--db FILE]`: a one-time sign-in link to the
 * command-centre page, for the operator at the server. The running bot's page accepts it once,
 * within 10 minutes; its address comes from REDBAND_PUBLIC_URL, else REDBAND_HTTP.
 */
export async function linkCommand(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { role: { type: 'string' }, db: { type: 'string' } },
  })
  if (!isWebRole(values.role)) throw new UsageError(`link needs --role ${webRoles.join('|')}`)
  const config = readConfig(io.env)
  const baseUrl = pageBaseUrl(config.web)
  if (!baseUrl) {
    print(
      io.stderr,
      'the page is off (REDBAND_HTTP=off): set REDBAND_HTTP (and REDBAND_PUBLIC_URL behind a proxy) and restart the bot',
    )
    return 1
  }
  const file = values.db ?? config.dbFile
  if (!existsSync(file)) {
    print(
      io.stderr,
      `no store at ${file}: start the bot first (it serves the page), or give --db FILE`,
    )
    return 1
  }
  const db = openDb(file)
  try {
    const url = createSignInLink(db, {
      role: values.role,
      by: { id: 'cli', name: io.env.USER ?? 'cli' },
      at: Date.now(),
      baseUrl,
    })
    print(io.stdout, url)
    print(io.stderr, `one sign-in, within ${linkTtlMs / 60_000} minutes, as ${values.role}`)
  } finally {
    closeDb(db)
  }
  return 0
}
