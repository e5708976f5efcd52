import { join } from 'node:path'
import type { BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { runCli } from '../../bot/cli/run-cli.js'
import { readAudit } from '../../db/audit.js'
import { addReviewItem } from '../../db/review.js'
import { messages, webLinks } from '../../db/schema.js'
import { instantOf, localDay } from '../../src/time/zoned.js'
import { accountState, busyAccount, serveAccountsPage } from '../helpers/accounts.js'
import { launchBrowser } from '../helpers/browser.js'
import { startBotWorld, type BotWorld } from '../helpers/bot-world.js'
import { memoryIo } from '../helpers/cli-io.js'
import { exampleRosterFile } from '../helpers/fixtures.js'

const chenggong = '呈贡分局红袖标联络群'
const longcheng = '龙城派出所红袖标群'
const jinning = '晋宁分局红袖标联络群'

interface WorkJson {
  total: number | null
  missing: string[]
  units: Array<{ unit: string; count: number | null }>
}

/** A figure as the page writes it (15,325余, 未报, —) as the number it stands for, or null. */
function figureOf(text: string): number | null {
  const digits = text.replace(/[,余]/g, '')
  return /^\d+$/.test(digits) ? Number(digits) : null
}

describe('the command-centre page in a browser', () => {
  let bot: BotWorld
  let browser: BrowserContext
  let base: string
  const dbFile = () => join(bot.dir, 'redband.db')
  /** Scripts that failed and anything the Content Security Policy refused, on any page. */
  const refused: string[] = []

  const cli = async (argv: string[]) => {
    const { io, out } = memoryIo('', { REDBAND_HTTP: new URL(base).host, USER: '运维老周' })
    expect(await runCli(argv, io)).toBe(0)
    return out().trim()
  }
  const link = (role: string) => cli(['link', '--role', role, '--db', dbFile()])
  /** A fresh page signed in with `url`, as pressing 进入指挥大屏 does. */
  const signedIn = async (url: string): Promise<Page> => {
    await browser.clearCookies()
    const page = await browser.newPage()
    await page.goto(url)
    await page.getByRole('button', { name: '进入指挥大屏' }).click()
    await page.waitForURL(new URL('/', url).href)
    return page
  }
  const say = async (who: string, room: string, text: string, receipt: string) => {
    bot.world.say(who, room, text)
    await vi.waitFor(() => expect(bot.world.sentTo(room).join('\n')).toContain(receipt))
  }

  beforeAll(async () => {
    ;[bot, browser] = await Promise.all([
      startBotWorld({ http: '127.0.0.1:0', commandsPerMinute: 100 }),
      launchBrowser(),
    ])
    base = (await bot.redband.pageUrl())!
    browser.on('page', (page) => {
      page.on('pageerror', (error) => refused.push(error.message))
      page.on('console', (message) => {
        if (message.type() === 'error' && /Content Security Policy|Refused to/.test(message.text()))
          refused.push(message.text())
      })
    })
    await say('李警官', longcheng, '今日上岗红袖标146人，点位10个', '146')
    await say('王科长', chenggong, '洛龙所 118人\n吴家营所 一百九十人', '190')
    await say('赵主任', '行业部门联络群', '环卫集团今日发动环卫工人2800余名', '2800')
  }, 60_000)
  afterAll(async () => {
    await browser?.close()
    await bot?.close()
  })

  it('signs in by link and shows the day’s figures as `bulletin work --json` has them', async () => {
    const page = await signedIn(await link('admin'))
    await page.locator('#units').waitFor()
    const json = JSON.parse(
      await cli(['bulletin', 'work', '--db', dbFile(), '--roster', exampleRosterFile, '--json']),
    ) as WorkJson
    expect(json.total).toBe(146 + 118 + 190 + 2800)
    // The data the page drew from is the bulletin itself…
    const served = await page.evaluate(async () => {
      const response = await fetch('/api/today')
      return ((await response.json()) as { work: unknown }).work
    })
    expect(served).toEqual(json)
    // …and what it shows says the same.
    expect(figureOf(await page.locator('#total .value').innerText())).toBe(json.total)
    const rows: Array<[string | null, number | null]> = []
    for (const row of await page.locator('#units tbody tr').all())
      rows.push([
        await row.getAttribute('data-unit'),
        figureOf(await row.locator('.count').innerText()),
      ])
    expect(rows).toEqual(json.units.map((u) => [u.unit, u.count]))
    const missing = await page.locator('#missing .tag').allInnerTexts()
    expect(missing).toEqual(json.missing)
    // The bulletin chart, drawn in the browser from the bulletin's option.
    await expect.poll(() => page.locator('#chart svg text').count()).toBeGreaterThan(10)
    await page.close()
  })

  it('shows a report said in WeChat on the open page within 2 seconds', async () => {
    const page = await signedIn(await link('commander'))
    const kunyang = page.locator('#units tr[data-unit="昆阳派出所"] .count')
    await expect.poll(() => kunyang.innerText()).toBe('未报')
    await page.locator('#live:not(.off)').waitFor()
    const said = Date.now()
    bot.world.say('孙所长', jinning, '昆阳所上岗90人')
    await kunyang.filter({ hasText: /^90$/ }).waitFor({ timeout: 2000 })
    expect(Date.now() - said).toBeLessThan(2000)
    await page.close()
  })

  it('lets an admin record a review item in one step; the liaison room gets the receipt', async () => {
    const id = bot.world.say(
      '李警官',
      longcheng,
      '龙城所今天的人数下午统计后再报，上午先按点位到岗',
    )
    await vi.waitFor(() =>
      expect(
        bot.db
          .select({ id: messages.id })
          .from(messages)
          .all()
          .map((m) => m.id),
      ).toContain(id),
    )
    // Listed by the bot when its parser says so; listed here either way, once.
    addReviewItem(bot.db, {
      messageId: id,
      day: localDay(Date.now(), 'Asia/Shanghai'),
      roomId: bot.world.room(longcheng).id,
      units: ['龙城派出所'],
      why: 'a figure was promised, none given',
      createdAt: Date.now(),
    })
    const before = bot.world.sentTo(longcheng).length
    const page = await signedIn(await link('admin'))
    await page.goto(`${base}/review`)
    const item = page.locator(`.item[data-message="${id}"]`)
    await item.locator('input[name=count]').fill('150')
    await item.locator('input[name=reason]').fill('电话核实')
    await item.getByRole('button', { name: '登记' }).click()
    await page.getByText('已登记：龙城派出所 150 人').waitFor()
    await vi.waitFor(() =>
      expect(bot.world.sentTo(longcheng).slice(before).join('\n')).toContain(
        '已登记：龙城派出所 今日上岗 150 人',
      ),
    )
    expect(readAudit(bot.db, { action: 'review-record' })).toMatchObject([
      { target: '龙城派出所', messageId: id, actorName: '运维老周' },
    ])
    await page.close()
  })

  it('keeps an inspector’s session out of rooms and review', async () => {
    const page = await signedIn(await link('inspector'))
    await page.locator('#checks').waitFor()
    expect(await page.locator('#units').count()).toBe(0)
    expect(await page.locator('nav a').allInnerTexts()).toEqual(['今日'])
    for (const path of ['/rooms', '/review']) {
      const response = await page.goto(`${base}${path}`)
      expect(response!.status()).toBe(403)
      await page.getByText('您的登录身份不能查看这一页').waitFor()
    }
    // The bar says who is signed in, and its button signs out.
    await page.goto(base)
    await page.locator('.bar .who').getByText('督导').waitFor()
    await page.locator('.bar').getByRole('button', { name: '退出' }).click()
    await page.getByText('请先登录').waitFor()
    await page.close()
  })

  it('refuses an expired, a used and a forged link', async () => {
    await browser.clearCookies()
    const page = await browser.newPage()
    const used = await link('commander')
    await (await signedIn(used)).close()
    const expired = await link('admin')
    bot.db
      .update(webLinks)
      .set({ expiresAt: Date.now() - 1 })
      .run()
    for (const url of [used, expired, `${base}/s/${'x'.repeat(43)}`]) {
      await browser.clearCookies()
      const response = await page.goto(url)
      expect(response!.status()).toBe(403)
      await page.getByText('此登录链接无效、已经使用过或已过期').waitFor()
      const today = await page.goto(`${base}/`)
      expect(today!.status()).toBe(401)
    }
    await page.close()
  })

  it('fits every view into a phone’s 390 px without sideways scrolling', async () => {
    const page = await signedIn(await link('admin'))
    await page.setViewportSize({ width: 390, height: 844 })
    for (const [path, ready] of [
      ['/', '#units'],
      ['/event', '#days'],
      ['/review', '#content p'],
      ['/rooms', '#entries'],
      ['/health', '#outbox'],
      ['/screen', '#top-units'],
    ] as const) {
      await page.goto(`${base}${path}`)
      await page.locator(ready).first().waitFor()
      const widths = await page.evaluate(
        '[document.documentElement.scrollWidth, document.body.scrollWidth]',
      )
      expect({ path, widths }).toEqual({ path, widths: [390, 390] })
    }
    await page.close()
    // Every script, style, font and the chart library came from the page's own server.
    expect(refused).toEqual([])
  })

  it('lists a core’s accounts in a table on the Health view, names escaped, and fits a phone', async () => {
    const loggedIn = instantOf('2026-12-02', '07:01', 'Asia/Shanghai')
    const core = await serveAccountsPage(() => [
      { ...busyAccount(loggedIn), name: '<b>红袖标助手2</b>' },
      accountState('acct-3', { rooms: 40, sentToday: 12, throttledToday: 0 }),
    ])
    try {
      const page = await signedIn(core.link())
      await page.setViewportSize({ width: 390, height: 844 })
      await page.goto(`${core.base}/health`)
      const rows = page.locator('#accounts tbody tr')
      await rows.first().waitFor()
      const cells = async (i: number) =>
        (await rows.nth(i).locator('td').allInnerTexts()).map((t) => t.trim())
      expect(await rows.count()).toBe(2)
      expect(await cells(0)).toEqual([
        '<b>红袖标助手2</b>',
        '在线',
        '2026-12-02 07:01',
        '212',
        '340',
        '1',
      ])
      expect(await cells(1)).toEqual(['acct-3', '掉线', '—', '40', '12', '0'])
      expect(await page.locator('#accounts b').count()).toBe(0)
      expect(await page.locator('#status').innerText()).not.toContain('微信登录')
      const widths = await page.evaluate(
        '[document.documentElement.scrollWidth, document.body.scrollWidth]',
      )
      expect(widths).toEqual([390, 390])
      await page.close()
    } finally {
      await core.close()
    }
  })
})
