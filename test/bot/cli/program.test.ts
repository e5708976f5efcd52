import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Command } from 'commander'
import { describe, expect, it } from 'vitest'
import { cliProgram } from '../../../bot/cli/program.js'
import { runCli } from '../../../bot/cli/run-cli.js'
import { memoryIo } from '../../helpers/cli-io.js'
import { exampleRosterFile } from '../../helpers/fixtures.js'
import { tempDir } from '../../helpers/temp.js'

const program = cliProgram(memoryIo().io, () => {})

/** README's "Command line" section: each backticked span that starts with a command. */
function readmeCommandLines(): string[] {
  const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8')
  const section = readme.slice(
    readme.indexOf('## Command line'),
    readme.indexOf('## How it is built'),
  )
  const names = new Set(program.commands.map((c) => c.name()))
  return [...section.matchAll(/`([^`]+)`/g)]
    .map((m) => m[1]!.replace(/\s+/g, ' '))
    .filter((span) => names.has(span.split(' ')[0]!))
}

/**
 * The command a line names (`rooms bind ROOM_ID …` is rooms' bind), and the rest of its words;
 * a word where a subcommand belongs must be one.
 */
function commandOf(line: string): { command: Command; words: string[] } {
  const words = line.split(' ')
  let command: Command = program
  for (;;) {
    const next = command.commands.find((c) => c.name() === words[0])
    if (!next) {
      if (command.commands.length > 0 && /^[a-z]+$/.test(words[0] ?? ''))
        throw new Error(`README names a command the parser lacks: ${line}`)
      return { command, words }
    }
    command = next
    words.shift()
  }
}

function leaves(command: Command): Command[] {
  const own = command === program ? [] : [command]
  return [...own, ...command.commands.filter((c) => c.name() !== 'help').flatMap(leaves)]
}

describe('the command line README describes', () => {
  const lines = readmeCommandLines()

  it('finds the command lines in README', () => {
    expect(lines.length).toBeGreaterThanOrEqual(14)
  })

  it.each(lines)('accepts every flag of `%s`', (line) => {
    const { command, words } = commandOf(line)
    const flags = [...words.join(' ').matchAll(/--[a-z][a-z-]*/g)].map((m) => m[0])
    // Each flag with a value where it takes one, as the operator would type it.
    const argv = flags.flatMap((flag) => {
      const option = command.options.find((o) => o.long === flag)
      return option?.required ? [flag, 'x'] : [flag]
    })
    expect(command.parseOptions(argv).unknown).toEqual([])
  })

  it('lists every command and option the parser has', () => {
    const text = lines.join('\n')
    for (const command of leaves(program)) {
      const path = [command.name()]
      for (let c = command.parent; c && c !== program; c = c.parent) path.unshift(c.name())
      const mentions = lines.filter((l) => l.startsWith(path.join(' ')))
      expect(mentions, path.join(' ')).not.toEqual([])
      for (const option of command.options)
        expect(mentions.join('\n'), `${path.join(' ')} ${option.long}`).toContain(option.long!)
    }
    expect(text).toContain('roster check')
  })
})

describe('help and mistakes', () => {
  it.each([[['--help']], [['-h']], [[]], [['help']]])(
    'prints the commands for %j on stdout with exit 0',
    async (argv) => {
      const { io, out, err } = memoryIo()
      expect(await runCli(argv, io)).toBe(0)
      expect(err()).toBe('')
      expect(out()).toMatch(/^用法： redband \[选项\] \[命令\]/)
      for (const name of ['parse', 'ingest', 'roster', 'bulletin', 'export', 'rooms', 'review'])
        expect(out()).toMatch(new RegExp(`^  ${name} `, 'm'))
    },
  )

  it.each([
    [['bulletin', 'work', '--help'], '--deadline <time>'],
    [['ingest', '--help'], '[export]'],
    [['rooms', 'bind', '--help'], '--seen-before <n>'],
    [['help', 'export'], '--max-mb <n>'],
  ])('prints the options of %j on stdout with exit 0', async (argv, option) => {
    const { io, out, err } = memoryIo()
    expect(await runCli(argv, io)).toBe(0)
    expect(err()).toBe('')
    expect(out()).toContain('选项：')
    expect(out()).toContain(option)
  })

  it.each([
    [['bulletn'], '未知命令 "bulletn"，是否要用 "bulletin"？'],
    [['exprot', '--out', 'x.xlsx'], '未知命令 "exprot"，是否要用 "export"？'],
    [['bulletin', 'wrok'], '未知命令 "wrok"，是否要用 "work"？'],
    [['rooms', 'bnid', 'r1'], '未知命令 "bnid"，是否要用 "bind"？'],
    [['review', '--dtae', '昨天'], '未知选项 "--dtae"，是否要用 "--date"？'],
    [['export', '--max-mg', '5'], '未知选项 "--max-mg"，是否要用 "--max-mb"？'],
    [['--verbose'], '未知选项 "--verbose"，是否要用 "--help"？'],
  ])(
    'names the mistake in %j on one line with the nearest valid name, exit 2',
    async (argv, line) => {
      const { io, out, err } = memoryIo()
      expect(await runCli(argv, io)).toBe(2)
      expect(err()).toBe(`${line}\n`)
      expect(out()).toBe('')
    },
  )

  it('says a missing option value and an extra word on one line each', async () => {
    const missing = memoryIo()
    expect(await runCli(['review', '--date'], missing.io)).toBe(2)
    expect(missing.err()).toBe('选项 --date <day> 后面缺少值；用法见 redband review --help\n')
    const extra = memoryIo()
    expect(await runCli(['audit', 'now'], extra.io)).toBe(2)
    expect(extra.err()).toBe('多余的参数：now；用法见 redband audit --help\n')
  })
})

describe('paths from the environment', () => {
  const exportFile = () => {
    const file = join(tempDir(), 'export.jsonl')
    const line = (id: string, text: string) =>
      JSON.stringify({
        id,
        time: '2026-10-12T08:30:00+08:00',
        room: '呈贡分局红袖标联络群',
        sender: '张三',
        text,
      })
    writeFileSync(file, `${line('a', '龙城所 150人')}\n${line('b', '洛龙所 118人')}\n`)
    return file
  }
  const total = async (argv: string[], env: Record<string, string>) => {
    const { io, out } = memoryIo('', env)
    expect(await runCli([...argv, '--date', '2026-10-12', '--json'], io)).toBe(0)
    return (JSON.parse(out()) as { total: number }).total
  }

  it('takes REDBAND_DB and REDBAND_ROSTER when --db and --roster are not given', async () => {
    const env = { REDBAND_DB: join(tempDir(), 'redband.db'), REDBAND_ROSTER: exampleRosterFile }
    const ingest = memoryIo('', env)
    expect(await runCli(['ingest', exportFile()], ingest.io)).toBe(0)
    expect(ingest.out()).toMatch(/^已导入 2 条消息/)
    expect(await total(['bulletin', 'work'], env)).toBe(268)
    // A flag wins over the environment.
    const other = join(tempDir(), 'other.db')
    await runCli(['ingest', '--db', other, exportFile()], memoryIo('', env).io)
    expect(
      await total(['bulletin', 'work', '--db', other], { ...env, REDBAND_DB: 'none.db' }),
    ).toBe(268)
  })

  it.each([
    [['audit']],
    [['backup', '--out', 'x.db']],
    [['export', '--out', 'x.xlsx']],
    [['photos', '--evidence-dir', 'e', '--date', '昨天', '--out', 'o']],
    [['rooms']],
    [['review']],
  ])('%j without --db nor REDBAND_DB says which is needed', async (argv) => {
    const { io, err } = memoryIo()
    expect(await runCli(argv, io)).toBe(2)
    expect(err()).toMatch(/^需要 --db 文件（或设置 REDBAND_DB）；用法见 redband \w+ --help\n$/)
  })

  it('checks the roster REDBAND_ROSTER names', async () => {
    const { io, out } = memoryIo('', { REDBAND_ROSTER: exampleRosterFile })
    expect(await runCli(['roster', 'check'], io)).toBe(0)
    expect(out()).toContain(`${exampleRosterFile}：无误`)
    expect(out()).toMatch(/→ 指挥部群/)
  })
})
