import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs'
import { createServer, type AddressInfo } from 'node:net'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { tempDir } from '../../helpers/temp.js'

const root = fileURLToPath(new URL('../../..', import.meta.url))
const tsx = import.meta.resolve('tsx')

/** A port on 127.0.0.1 that was free a moment ago and is closed now. */
async function closedPort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1')
  await once(server, 'listening')
  const { port } = server.address() as AddressInfo
  await new Promise((resolve) => server.close(resolve))
  return port
}

interface Run {
  code: number | null
  stdout: string
  stderr: string
  ms: number
  /** The data folder of this run. */
  data: string
}

/**
 * `npm start` in a fresh folder with only these variables (no .env): a store and evidence
 * under a data/ folder that does not exist yet. `whenOut` gets stdout as it grows, and the
 * child to signal.
 */
async function start(
  env: Record<string, string>,
  whenOut?: (stdout: string, child: ReturnType<typeof spawn>) => void,
  /** Its own process group, as a terminal gives it: a Ctrl-C reaches tsx's compiler too. */
  options: { group?: boolean } = {},
): Promise<Run> {
  const cwd = tempDir()
  const data = join(cwd, 'data')
  const started = Date.now()
  const child = spawn(process.execPath, ['--import', tsx, join(root, 'bot/main.ts')], {
    cwd,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: cwd,
      REDBAND_ROSTER: join(root, 'roster.example.yaml'),
      REDBAND_DB: join(data, 'redband.db'),
      REDBAND_EVIDENCE_DIR: join(data, 'evidence'),
      REDBAND_HTTP: 'off',
      ...env,
    },
    detached: Boolean(options.group),
  })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString('utf8')
    whenOut?.(stdout, child)
  })
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')))
  const timer = setTimeout(() => child.kill('SIGKILL'), 50_000)
  const [code] = (await once(child, 'exit')) as [number | null]
  clearTimeout(timer)
  return { code, stdout, stderr, ms: Date.now() - started, data }
}

/** The WeChat puppet of a machine whose proxy refuses every connection: wechat4u's endless loop. */
async function refusedWechat(): Promise<Record<string, string>> {
  const proxy = `http://127.0.0.1:${await closedPort()}`
  return { WECHATY_PUPPET: 'wechaty-puppet-wechat4u', https_proxy: proxy, HTTPS_PROXY: proxy }
}

/** A stack trace, printed or inside a JSON log line. */
const stack = /^\s+at |\\n\s+at /m
const failures = (stdout: string) => stdout.match(/WeChat login failed \(attempt \d+\)/g) ?? []

describe('npm start, when it cannot run', { timeout: 60_000 }, () => {
  it('names every bad setting in one message, no stack, exit 1, before loading WeChat', async () => {
    const run = await start({
      REDBAND_DEADLINE_AT: '9点',
      REDBAND_LOGIN_GIVE_UP_MIN: 'soon',
      WECHATY_LOG: 'chatty',
    })
    expect(run.code).toBe(1)
    expect(run.stderr).toBe(
      [
        'redband 无法启动 (cannot start): configuration is not usable:',
        '- REDBAND_DEADLINE_AT: "9点" is not a time; write HH:mm such as 09:00, or off',
        '- REDBAND_LOGIN_GIVE_UP_MIN: "soon" is not a number of minutes above 0; write e.g. 15',
        '- WECHATY_LOG: "chatty" must be one of silent, error, warn, info, verbose, silly',
        'See .env.example for every variable.',
        '',
      ].join('\n'),
    )
    expect(run.stdout).toBe('')
    expect(existsSync(run.data)).toBe(false)
  })

  it('refuses an unreachable REDIS_URL in one line before it touches the store', async () => {
    const port = await closedPort()
    const run = await start({ REDIS_URL: `redis://127.0.0.1:${port}` })
    expect(run.code).toBe(1)
    expect(run.stderr).toBe(
      `redband 无法启动 (cannot start): Redis at redis://127.0.0.1:${port} is unreachable ` +
        `(connect ECONNREFUSED 127.0.0.1:${port}); start Redis or unset REDIS_URL to use the ` +
        'embedded queue\n',
    )
    expect(existsSync(join(run.data, 'redband.db'))).toBe(false)
  })

  it('tries to log in once per wait, then gives up with one message and exits', async () => {
    const run = await start({ ...(await refusedWechat()), REDBAND_LOGIN_GIVE_UP_MIN: '0.1' })
    expect(run.code).toBe(1)
    // attempts at 0, 5 and 6 s: two waits, then the bound
    expect(failures(run.stdout)).toEqual([
      'WeChat login failed (attempt 1)',
      'WeChat login failed (attempt 2)',
    ])
    expect(run.stdout).toMatch(/connect ECONNREFUSED 127\.0\.0\.1:\d+; retrying in 5 s/)
    expect(run.stderr).toMatch(
      /^redband 无法启动 \(cannot start\): could not log in to WeChat for 6 s \(3 attempts; the last: connect ECONNREFUSED 127\.0\.0\.1:\d+\)\. Check this machine's network/,
    )
    expect(run.stderr.trim().split('\n')).toHaveLength(1)
    expect(run.stdout + run.stderr).not.toMatch(stack)
    expect(run.stdout).toContain('stopped cleanly')
    // What it writes was made on the way: the data folder of a fresh clone.
    for (const dir of ['evidence', 'charts', 'exports']) {
      expect(existsSync(join(run.data, dir))).toBe(true)
    }
  })

  it.each([
    ['the process', false],
    ['its whole process group (Ctrl-C)', true],
  ])('exits cleanly on SIGINT to %s while waiting to log in again', async (_, group) => {
    let signalled = 0
    const interrupt = (child: ReturnType<typeof spawn>) =>
      group ? process.kill(-child.pid!, 'SIGINT') : child.kill('SIGINT')
    const run = await start(
      // Compiled afresh, as on a fresh clone: a module tsx has cached needs no compiler.
      { ...(await refusedWechat()), TSX_DISABLE_CACHE: '1' },
      (stdout, child) => {
        if (!signalled && failures(stdout).length > 0) {
          signalled = Date.now()
          interrupt(child)
        }
      },
      { group },
    )
    expect(signalled).toBeGreaterThan(0)
    expect(run.code).toBe(0)
    expect(Date.now() - signalled).toBeLessThan(5_000)
    expect(failures(run.stdout)).toHaveLength(1)
    expect(run.stdout).toContain('"why":"SIGINT"')
    expect(run.stdout).toContain('stopped cleanly')
    expect(run.stderr).toBe('')
  })

  it('reads the roster again on SIGHUP: a broken one is logged and kept out, a good one is in force', async () => {
    const roster = join(tempDir(), 'roster.yaml')
    copyFileSync(join(root, 'roster.example.yaml'), roster)
    let step = 0
    const run = await start(
      { ...(await refusedWechat()), REDBAND_ROSTER: roster },
      (stdout, child) => {
        if (step === 0 && stdout.includes('redband installed')) {
          step = 1
          writeFileSync(roster, 'units:\n  - { name: 龙城派出所, taget: 150 }\n')
          child.kill('SIGHUP')
        } else if (step === 1 && stdout.includes('roster not reloaded')) {
          step = 2
          writeFileSync(
            roster,
            readFileSync(join(root, 'roster.example.yaml'), 'utf8').replace(
              '  - { name: 保安集团, target: 12000 }\n',
              '  - { name: 保安集团, target: 12000 }\n  - { name: 公交集团, target: 500 }\n',
            ),
          )
          child.kill('SIGHUP')
        } else if (step === 2 && stdout.includes('"msg":"roster reloaded"')) {
          step = 3
          child.kill('SIGINT')
        }
      },
    )
    expect(step).toBe(3)
    expect(run.code).toBe(0)
    expect(run.stdout).toContain('unknown key taget; did you mean target?')
    expect(run.stdout).toMatch(/"added":\["公交集团"\].*"msg":"roster reloaded"/)
    expect(run.stderr).toBe('')
  })
})
