import { chromium, type BrowserContext } from 'playwright-core'
import { tempDir } from './temp.js'

/** Debian's Chromium (apt-get install chromium; .ci/run installs it): never a downloaded browser. */
export const chromiumPath = '/usr/bin/chromium'

/**
 * One headless Chromium with a fresh profile, in Chinese and the roster's time zone, as a phone's
 * or the wall's browser would be. One per test file: pages are cheap, browsers are not.
 */
export function launchBrowser(): Promise<BrowserContext> {
  return chromium.launchPersistentContext(tempDir('redband-chromium-'), {
    executablePath: chromiumPath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    viewport: { width: 1280, height: 900 },
  })
}
