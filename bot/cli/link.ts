import { readConfig } from '../../src/config/read-config.js'
import { isWebRole, webRoles } from '../../src/web/web-roles.js'
import { cliWords } from '../../templates/cli/cli-words.js'
import { createSignInLink, linkTtlMs, pageBaseUrl } from '../web/links.js'
import { CliProblem, print, UsageError, type CliIo } from './io.js'
import { cliActor, withStore } from './store.js'

/**
 * `link --role commander|inspector|admin [--db FILE]`: a one-time sign-in link to the
 * command-centre page, for the operator at the server. The running bot's page accepts it once,
 * within 10 minutes; its address comes from REDBAND_PUBLIC_URL, else REDBAND_HTTP.
 */
export async function linkCommand(
  options: { role?: string; db?: string },
  io: CliIo,
): Promise<number> {
  const { role } = options
  if (!isWebRole(role))
    throw new UsageError(
      role === undefined
        ? cliWords.needs(`--role ${webRoles.join('|')}`)
        : cliWords.badRole(role, webRoles),
    )
  const config = readConfig(io.env)
  const baseUrl = pageBaseUrl(config.web)
  if (!baseUrl) throw new CliProblem(cliWords.link.pageOff)
  // The bot's own store by default: REDBAND_DB, else where the bot keeps it.
  const file = options.db ?? config.dbFile
  const { actorId, actorName } = cliActor(io)
  const url = await withStore(
    file,
    (db) =>
      createSignInLink(db, {
        role,
        by: { id: actorId, name: actorName },
        at: Date.now(),
        baseUrl,
      }),
    { hint: cliWords.noStoreHint.page },
  )
  print(io.stdout, url)
  print(io.stderr, cliWords.link.sent(linkTtlMs / 60_000, role))
  return 0
}
