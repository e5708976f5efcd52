// `npx tsx bot/demo/render-demo-chart.ts [OUT.png]`: plays the demo day (npm run demo) and draws
// the evening bulletin chart of it, by default into docs/demo-chart.png for the README.
import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { rmSync } from 'node:fs'
import { writeFile } from 'node:fs/promises'
import { dirname } from 'node:path'
import { loadRoster } from '../load-roster.js'
import { workBulletinOf } from '../../db/bulletin-queries.js'
import { closeDb, openDb } from '../../db/client.js'
import { inspectionBulletinOf } from '../../db/inspection-queries.js'
import { bulletinChartData } from '../../src/charts/chart-data.js'
import { defaultSchedule } from '../../src/schedule/schedule.js'
import { renderBulletinChart } from '../../templates/charts/bulletin-chart.js'
import { loadTemplates } from '../../templates/load-templates.js'

const demo = fileURLToPath(new URL('./main.ts', import.meta.url))
const rosterFile = fileURLToPath(new URL('../../roster.example.yaml', import.meta.url))
const out = process.argv[2] ?? fileURLToPath(new URL('../../docs/demo-chart.png', import.meta.url))

/** Runs the demo to its end (--keep); resolves to the day it played and the store it left behind. */
function playDemo(): Promise<{ day: string; store: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', demo, '--keep'], {
      env: { ...process.env, LOG_LEVEL: 'silent' },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let output = ''
    let errors = ''
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')))
    // Wechaty's warnings: shown only when the demo fails.
    child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString('utf8')))
    child.on('error', reject)
    child.on('exit', (code) => {
      const found = /demo: (\d{4}-\d{2}-\d{2}), .* store (\S+)$/m.exec(output)
      if (code !== 0 || !found) reject(new Error(`the demo ended with code ${code}:\n${errors}`))
      else resolve({ day: found[1]!, store: found[2]! })
    })
  })
}

const { day, store } = await playDemo()
const roster = loadRoster(rosterFile)
const db = openDb(store)
try {
  const data = bulletinChartData(
    workBulletinOf(db, roster, defaultSchedule, day),
    inspectionBulletinOf(db, roster, day),
  )
  await writeFile(out, await renderBulletinChart(loadTemplates(), data, { asOf: '20:00' }))
  console.log(`${out}: the bulletin chart of the demo day ${day}`)
} finally {
  closeDb(db)
  rmSync(dirname(store), { recursive: true, force: true })
}
