import { execFileSync } from 'node:child_process'
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { tempDir } from '../helpers/temp.js'

const root = fileURLToPath(new URL('../../', import.meta.url))
const npm = (args: string[], cwd: string, input?: string) =>
  execFileSync('npm', args, { cwd, encoding: 'utf8', input, stdio: ['pipe', 'pipe', 'pipe'] })

/**
 * The package as an integrator gets it: `npm pack` (which builds it), installed from the tarball
 * into an empty project that has wechaty-puppet-mock as its own dev dependency.
 */
describe('the packed package, installed in an empty project', () => {
  const dir = tempDir()
  const project = join(dir, 'integrator')
  // The installed project is large: nothing is left behind.
  afterAll(() => rmSync(dir, { recursive: true, force: true }), 120_000)

  beforeAll(() => {
    const packed = join(dir, 'packed')
    mkdirSync(packed, { recursive: true })
    npm(['pack', '--silent', '--pack-destination', packed], root)
    const [tarball] = readdirSync(packed).filter((name) => name.endsWith('.tgz'))
    mkdirSync(project, { recursive: true })
    writeFileSync(
      join(project, 'package.json'),
      JSON.stringify({
        name: 'integrator',
        private: true,
        type: 'module',
        dependencies: { redband: `file:${join(packed, tarball!)}` },
        devDependencies: { 'wechaty-puppet-mock': '1.19.4' },
      }),
    )
    // Without install scripts: the one that matters, better-sqlite3's, would compile the same
    // native addon this checkout already has for this Node (minutes of CPU, no network here).
    npm(['install', '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts'], project)
    const addon = 'node_modules/better-sqlite3/build/Release'
    mkdirSync(join(project, addon), { recursive: true })
    copyFileSync(
      join(root, addon, 'better_sqlite3.node'),
      join(project, addon, 'better_sqlite3.node'),
    )
    copyFileSync(join(root, 'test/package/consumer.mjs'), join(project, 'consumer.mjs'))
  }, 600_000)

  it('embeds with `import { Redband } from "redband"`: a report gets a receipt', () => {
    const output = execFileSync('node', ['consumer.mjs'], { cwd: project, encoding: 'utf8' })
    // The consumer's line, wherever the bot's log lines (written asynchronously) put it.
    const line = output.split('\n').find((l) => l.startsWith('said: '))
    expect(line, output).toBeDefined()
    const said = JSON.parse(line!.slice('said: '.length)) as string[]
    // The whole output on a failure.
    expect(said, output).toContain('@张三 已登记：龙城派出所 今日上岗 150 人')
  }, 60_000)

  it('installs the redband command', () => {
    const bin = join(project, 'node_modules/.bin/redband')
    const roster = 'node_modules/redband/roster.example.yaml'
    const output = execFileSync(bin, ['parse', '--roster', roster, '--json'], {
      cwd: project,
      encoding: 'utf8',
      input: '龙城所上岗150人\n',
    })
    expect(JSON.parse(output)).toMatchObject({
      kind: 'report',
      records: [{ unit: '龙城派出所', count: 150 }],
    })
  }, 60_000)

  it('brings no development tools along', () => {
    for (const devOnly of ['tsx', '@sinonjs/fake-timers', 'vitest', 'typescript']) {
      expect(existsSync(join(project, 'node_modules', devOnly)), devOnly).toBe(false)
    }
  })
})
