import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { once } from 'node:events'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { WebClient } from '../helpers/web-client.js'

const root = fileURLToPath(new URL('../..', import.meta.url))

describe('npm run demo -- --serve', () => {
  it(
    'plays the day, serves the page with its figures and a sign-in link, then removes its folder',
    { timeout: 90_000 },
    async () => {
      const child = spawn(
        process.execPath,
        ['--import', 'tsx', 'bot/demo/main.ts', '--serve', '0'],
        {
          cwd: root,
          env: { ...process.env, LOG_LEVEL: 'silent' },
        },
      )
      let stdout = ''
      const link = await new Promise<string>((resolve, reject) => {
        child.stdout.on('data', (chunk: Buffer) => {
          stdout += chunk.toString('utf8')
          const found = /Sign in as an admin .*: (http:\/\/127\.0\.0\.1:\d+\/s\/\S+)/.exec(stdout)
          if (found) resolve(found[1]!)
        })
        child.once('exit', (code) =>
          reject(new Error(`the demo ended (${code}) before serving:\n${stdout}`)),
        )
      })
      try {
        const browser = new WebClient(new URL(link).origin)
        expect(await browser.signIn(link)).toBe(200)
        const today = await browser.json<{ work: { total: number }; role: string }>('/api/today')
        expect(today.status).toBe(200)
        expect(today.body.role).toBe('admin')
        // The demo day's total, as its evening bulletin gave it.
        const bulletin = [...stdout.matchAll(/今日全市共发动红袖标 (\d+)/g)].at(-1)
        expect(today.body.work.total).toBe(Number(bulletin![1]))
      } finally {
        child.kill('SIGINT')
      }
      const [code] = (await once(child, 'exit')) as [number | null]
      expect(code).toBe(0)
      // Without --keep, its folder goes when it stops serving.
      const store = /store (\S+)$/m.exec(stdout)![1]!
      expect(existsSync(store)).toBe(false)
    },
  )
})
