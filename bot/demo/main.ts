// `npm run demo`: one whole simulated day in well under a minute, offline. The example roster,
// a mock WeChat with its groups, liaisons posting through the day and answering spot checks,
// inspectors at work, and a fast clock driving the real schedules and outbox (embedded runner,
// no Redis, no WeChat account). It ends with the two evening bulletins.
// `npm run demo -- --serve [PORT]` then keeps serving the command-centre page on the day's store
// (127.0.0.1, default port 8080) and prints a sign-in link. The demo's temp folder (store,
// photos, chart, export) is removed at the end, after serving with --serve, unless `--keep`.
import FakeTimers from '@sinonjs/fake-timers'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { createLogger } from '../logger.js'
import { routeWechatyLog } from '../startup/route-wechaty-log.js'
import { Redband } from '../plugin.js'
import { MockWorld } from '../wechaty/mock-world.js'
import { loadRoster } from '../load-roster.js'
import { closeDb, openDb } from '../../db/client.js'
import { wechatFileLimitBytes } from '../commands/export.js'
import { exportInWorker } from '../export/export-in-worker.js'
import { generatedDir } from '../../jobs/tasks/bulletin-charts.js'
import { bindExpectedRooms, roomReportOf } from '../../db/room-report.js'
import { outboxStatusCounts } from '../../db/outbox.js'
import { defaultSchedule } from '../../src/schedule/schedule.js'
import { instantOf, localDay, localTime } from '../../src/time/zoned.js'
import { answerCheck, demoDay } from './day-script.js'
import { serveDemoPage, serveArgs } from './serve-page.js'

const rosterFile = fileURLToPath(new URL('../../roster.example.yaml', import.meta.url))
const roster = loadRoster(rosterFile)
const zone = roster.timezone
const realStart = performance.now()
const serve = serveArgs(process.argv.slice(2))
const keep = process.argv.includes('--keep')

// The clock starts at 07:00 today (local) and only moves when the demo moves it.
const day = localDay(Date.now(), zone)
const clock = FakeTimers.install({
  now: instantOf(day, '07:00', zone),
  toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'],
})

const dir = mkdtempSync(join(tmpdir(), 'redband-demo-'))
const world = MockWorld.forRoster(roster)
const log = createLogger(process.env.LOG_LEVEL ?? 'silent')
// Wechaty's own warnings (the mock does not answer every cache refresh) go to the same log.
routeWechatyLog(log, 'error')
const redband = Redband({
  // The demo is the same everywhere: it reads none of this machine's REDBAND_* settings.
  env: {},
  roster: rosterFile,
  db: join(dir, 'redband.db'),
  evidenceDir: join(dir, 'evidence'),
  logger: log,
  schedule: defaultSchedule,
  // Under the simulated clock, no page: --serve serves it once the day is played.
  http: 'off',
})

const indent = (text: string) => text.split('\n').join('\n        ')
const stamp = () => localTime(Date.now(), zone)

/** Groups made during the day, by their tag: a topic alone may name two groups. */
const groups = new Map<string, string>()

/** Liaisons answer the spot checks the bot asks, some late, one never (answerCheck). */
const answers: Array<{ at: number; who: string; room: string; text: string }> = []
world.onSent((m) => {
  const made = [...groups.values()].includes(m.roomId) ? '（新建的同名群）' : ''
  console.log(`[${stamp()}] 🤖 → ${m.topic}${made}\n        ${indent(m.text)}`)
  if (!/^【(抽查|集中展示)】/.test(m.text)) return
  for (const unit of roster.units.keys()) {
    const answer = m.text.includes(unit) ? answerCheck(unit) : undefined
    if (answer)
      answers.push({
        at: m.at + answer.afterMinutes * 60_000,
        who: `${unit}联络员`,
        room: m.topic,
        text: answer.text,
      })
  }
})

world.bot.use(redband)
await world.start()
const jobs = await redband.ready()
console.log(`红袖标 redband demo: ${day}, roster ${rosterFile}, store ${join(dir, 'redband.db')}\n`)

// The operator checks the rooms the bot sees against the roster and confirms them, as
// `redband rooms` and `redband rooms bind --expected` do: until then no group counts.
const store = openDb(join(dir, 'redband.db'))
while (roomReportOf(store, roster).entries.some((e) => e.state === 'not-seen'))
  await clock.tickAsync(100)
const confirmed = bindExpectedRooms(
  store,
  roster,
  { actorId: 'cli', actorName: 'operator' },
  Date.now(),
)
closeDb(store)
console.log(
  `[${localTime(Date.now(), zone)}] 运维确认了 ${confirmed.length} 个群（redband rooms bind --expected）\n`,
)

/**
 * Some work takes real time (drawing the evening chart, off the event loop): the simulated
 * clock waits for the scheduled job in hand, as the real one would not run ahead of it.
 */
async function whileBusy(): Promise<void> {
  while ((await jobs.scheduledJobs.counts()).active > 0) {
    await new Promise((resolve) => setImmediate(resolve))
  }
}

const tagged = new Map<string, string>()
for (
  let minute = instantOf(day, '07:00', zone);
  minute <= instantOf(day, '20:30', zone);
  minute += 60_000
) {
  for (const event of demoDay.filter((e) => e.at === localTime(minute, zone))) {
    const who = `${event.who} @ ${event.room}`
    if (event.kind === 'say') {
      console.log(`[${event.at}] ${who}\n        ${indent(event.text)}`)
      const id = world.say(event.who, groups.get(event.room) ?? event.room, event.text)
      if (event.tag) tagged.set(event.tag, id)
    } else if (event.kind === 'group') {
      console.log(`[${event.at}] ${event.who} 建了一个群「${event.room}」，拉入了机器人`)
      const maker = world.person(event.who)
      groups.set(event.tag, world.addRoom(event.room, { members: [maker], invitedBy: maker }))
    } else if (event.kind === 'photo') {
      console.log(`[${event.at}] ${who}\n        [图片]`)
      world.sendPhoto(event.who, event.room)
    } else {
      console.log(`[${event.at}] ${who}\n        （撤回了一条消息）`)
      world.recall(event.who, event.room, tagged.get(event.tag)!)
    }
  }
  for (const answer of answers.filter((a) => a.at <= minute)) {
    answers.splice(answers.indexOf(answer), 1)
    console.log(
      `[${localTime(minute, zone)}] ${answer.who} @ ${answer.room}\n        ${answer.text}`,
    )
    world.say(answer.who, answer.room, answer.text)
  }
  await clock.tickAsync(60_000)
  await whileBusy()
}

const db = openDb(join(dir, 'redband.db'))
// Let the last sends of the evening go out.
while (outboxStatusCounts(db).pending) await clock.tickAsync(1000)
const counts = outboxStatusCounts(db)
closeDb(db)
// What the staff would paste up the line: the day as an Excel file (#导出 does the same in chat).
const exported = await exportInWorker({
  dbFile: join(dir, 'redband.db'),
  roster,
  schedule: defaultSchedule,
  period: { from: day, to: day },
  dir: generatedDir(join(dir, 'evidence'), 'exports'),
  maxBytes: wechatFileLimitBytes,
})
const chartsDir = generatedDir(join(dir, 'evidence'), 'charts')
const charts = existsSync(chartsDir) ? readdirSync(chartsDir).map((f) => join(chartsDir, f)) : []
const reminders = world.sent.filter((m) => m.text.includes('早上好'))
const fanOutSeconds = ((reminders.at(-1)?.at ?? 0) - (reminders[0]?.at ?? 0)) / 1000
console.log(
  [
    '',
    `The day is over: the bot sent ${world.sent.length} messages (outbox: ${JSON.stringify(counts)}).`,
    `The morning reminder to ${reminders.length} groups went out over ${fanOutSeconds.toFixed(1)} s of simulated time:`,
    '  the outbox keeps a 2 s gap plus up to 1 s of jitter between messages, so 2,000 groups take about 80 minutes.',
    `The day's export: ${exported.files.join(', ')}`,
    `Simulated 07:00–20:30 in ${((performance.now() - realStart) / 1000).toFixed(1)} s of real time.`,
  ].join('\n'),
)

await redband.close()
clock.uninstall()
if (serve) await serveDemoPage(world, { dir, rosterFile, log, port: serve.port })
else await world.stop()
if (keep)
  console.log(
    [
      `Kept ${dir}:`,
      ...charts.map((file) => `  the evening chart: ${file}`),
      ...exported.files.map((file) => `  the day's export: ${file}`),
    ].join('\n'),
  )
else rmSync(dir, { recursive: true, force: true })
