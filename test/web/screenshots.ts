// The README's pictures of the page: the wall view at 1920×1080 and the Today view on a phone
// (390 px). With `npm run demo -- --serve` running, pass the admin link it printed:
// `npx tsx test/web/screenshots.ts http://127.0.0.1:8080/s/…` writes docs/page-*.png.
import { fileURLToPath } from 'node:url'
import { launchBrowser } from '../helpers/browser.js'

const link = process.argv[2]
if (!link?.includes('/s/'))
  throw new Error('give the sign-in link `npm run demo -- --serve` printed')
const docs = (name: string) => fileURLToPath(new URL(`../../docs/${name}`, import.meta.url))
const base = new URL(link).origin

const browser = await launchBrowser()
try {
  const page = await browser.newPage()
  await page.goto(link)
  await page.getByRole('button', { name: '进入指挥大屏' }).click()
  await page.waitForURL(`${base}/`)

  await page.setViewportSize({ width: 1920, height: 1080 })
  await page.goto(`${base}/screen`)
  await page.locator('#top-units').waitFor()
  await page.evaluate('document.fonts.ready')
  await page.screenshot({ path: docs('page-wall.png') })

  await page.setViewportSize({ width: 390, height: 844 })
  await page.goto(`${base}/`)
  await page.locator('#units').waitFor()
  await page.evaluate('document.fonts.ready')
  await page.screenshot({ path: docs('page-phone.png') })
  console.log(`wrote ${docs('page-wall.png')} and ${docs('page-phone.png')}`)
} finally {
  await browser.close()
}
