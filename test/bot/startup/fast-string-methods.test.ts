import { execFileSync } from 'node:child_process'
import { rmSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it, onTestFinished } from 'vitest'
import { tempDir } from '../../helpers/temp.js'

/** Runs `body` in a fresh Node that may ask V8 whether an object has fast properties. */
function inV8(body: string): string {
  const out = execFileSync(
    process.execPath,
    ['--allow-natives-syntax', '--import', 'tsx', '--input-type=module', '-e', body],
    { encoding: 'utf8' },
  )
  // The bot logs to stdout too: the answer is the line the body marks.
  return out
    .split('\n')
    .find((line) => line.startsWith('answer: '))!
    .slice('answer: '.length)
}

describe('restoreFastStringMethods', () => {
  it('gives String.prototype back its fast properties after a library subclassed String', () => {
    const out = inV8(`
      const { restoreFastStringMethods } = await import('./bot/startup/fast-string-methods.ts')
      class Wrapped extends String {}
      const slow = !%HasFastProperties(String.prototype)
      restoreFastStringMethods()
      console.log('answer: ' + JSON.stringify({ slow, fast: %HasFastProperties(String.prototype), Wrapped: typeof Wrapped }))
    `)
    expect(JSON.parse(out)).toEqual({ slow: true, fast: true, Wrapped: 'function' })
  })

  it('is done by the CLI once a command’s libraries are loaded', () => {
    const out = inV8(`
      const { Readable } = await import('node:stream')
      const { runCli } = await import('./bot/cli/run-cli.ts')
      class Wrapped extends String {}
      const quiet = { write: () => true, isTTY: false }
      const stdin = Readable.from(['龙城所今日上岗150人\\n'])
      await runCli(['parse', '--roster', 'roster.example.yaml'], { stdin, stdout: quiet, stderr: quiet, env: {} })
      console.log('answer: ' + %HasFastProperties(String.prototype) + ' ' + typeof Wrapped)
    `)
    expect(out).toBe('true function')
  })

  it('is done by the bot when it is installed', () => {
    const dir = tempDir()
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }))
    const out = inV8(`
      const { Redband } = await import('./bot/index.ts')
      const { WechatyBuilder } = await import('wechaty')
      const { mock, PuppetMock } = await import('wechaty-puppet-mock')
      const bot = WechatyBuilder.build({ puppet: new PuppetMock({ mocker: new mock.Mocker() }) })
      bot.on('error', () => {})
      const redband = Redband({
        env: {},
        roster: 'roster.example.yaml',
        db: ${JSON.stringify(join(dir, 'redband.db'))},
        evidenceDir: ${JSON.stringify(join(dir, 'evidence'))},
        schedule: { event: {} },
        http: 'off',
      })
      bot.use(redband)
      const fast = %HasFastProperties(String.prototype)
      await redband.close()
      console.log('answer: ' + fast)
    `)
    expect(out).toBe('true')
  })
})
