// What every view shares: the session (who, the CSRF token), the top bar, requests, the live
// feed, number formats and the chart. Plain browser JavaScript, no build step.

/** The sentences for the server's answers (it speaks in codes). */
const problems = {
  'signed-out': '登录已过期或已退出。请在指挥群发送 #大屏 重新获取登录链接。',
  forbidden: '您的角色不能查看或操作这一项。',
  csrf: '页面已过期，请刷新后再试。',
  'rate-limited': '尝试过于频繁，请稍后再试。',
  'link-refused': '此链接无效或已使用、已过期。请在指挥群发送 #大屏 重新获取。',
  'bad-date': '日期不对，请重新选择。',
  'bad-request': '填写的内容不完整或格式不对。',
  'not-found': '没有找到这一项，可能已被处理。',
  settled: '这一条已经由他人处理。',
  recalled: '发送人已撤回这条消息。',
  'unknown-unit': '名册中没有这个单位，请检查单位名称。',
  'out-of-scope': '这个群不负责这个单位，不能登记。',
  'room-unbound': '这个群已不是确认的联络群，无法回复，未登记。',
  'bad-count': '人数应为 0 或正整数。',
  'no-reason': '请写明登记的理由（如 电话核实）。',
  'server-error': '服务器出错了，请稍后再试或联系运维。',
}

export const viewNames = {
  today: ['今日', '/'],
  event: ['全程', '/event'],
  review: ['待核', '/review'],
  rooms: ['群管理', '/rooms'],
  health: ['运行状态', '/health'],
  screen: ['大屏', '/screen'],
}

export const roleNames = { commander: '指挥部', inspector: '督导组', admin: '管理员' }

export const checkKindNames = { display: '集中展示', random: '随机抽查', ordered: '指令抽查' }

export class Problem extends Error {
  constructor(code, status) {
    super(problems[code] ?? problems['server-error'])
    this.code = code
    this.status = status
  }
}

let session

/** Who is here, and the CSRF token for their POSTs. */
export async function me() {
  const response = await fetch('/api/me', { credentials: 'same-origin' })
  session = await response.json()
  return session
}

async function answer(response) {
  const body = await response.json().catch(() => ({}))
  if (!response.ok) throw new Problem(body.error ?? 'server-error', response.status)
  return body
}

export async function getJson(path) {
  return answer(await fetch(path, { credentials: 'same-origin' }))
}

export async function postJson(path, body) {
  session ??= await me()
  return answer(
    await fetch(path, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json', 'x-csrf-token': session.csrf },
      body: JSON.stringify(body ?? {}),
    }),
  )
}

/** An element with attributes and children (strings become text, never HTML). */
export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag)
  for (const [key, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue
    if (key === 'class') node.className = value
    else if (key.startsWith('on')) node.addEventListener(key.slice(2), value)
    else node.setAttribute(key, value === true ? '' : String(value))
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue
    node.append(child instanceof Node ? child : String(child))
  }
  return node
}

/** A table whose header row is these words, with these rows (tr elements). */
export function headedTable(headers, rows, attributes = {}) {
  return el(
    'table',
    attributes,
    el(
      'thead',
      {},
      el(
        'tr',
        {},
        headers.map((h) => el('th', {}, h)),
      ),
    ),
    el('tbody', {}, rows),
  )
}

/** A headline figure: its label, value and note, in a box of class `kind` (card, kpi). */
export function figureBox(kind, id, label, value, note, valueClass) {
  return el(
    'div',
    { class: kind, id },
    el('div', { class: 'label' }, label),
    el('div', { class: `value ${valueClass ?? ''}` }, value),
    note ? el('div', { class: 'note' }, note) : null,
  )
}

export function fmt(n) {
  return n === null || n === undefined ? '—' : Number(n).toLocaleString('zh-CN')
}

/** A count as the bulletins write it: 余 for an approximate one. */
export function countText(n, approx) {
  return n === null || n === undefined ? '—' : `${fmt(n)}${approx ? '余' : ''}`
}

export function percentText(p) {
  return p === null || p === undefined ? '—' : `${p}%`
}

/** Green at target, amber from 90 %, red below: as the bulletin chart colours it. */
export function percentClass(p) {
  if (p === null || p === undefined) return 'muted'
  return p >= 100 ? 'good' : p >= 90 ? 'near' : 'short'
}

/** A rate (numerator over denominator): a share as a whole percent, "—" with no denominator. */
export function rateText(rate, ratio = false) {
  if (!rate || rate.value === null) return '—'
  return ratio ? rate.value.toFixed(2) : `${Math.round(rate.value * 100)}%`
}

export function rateNote(rate) {
  return rate ? `${fmt(rate.numerator)} / ${fmt(rate.denominator)}` : ''
}

/** Puts a problem where the view's content goes. */
export function showProblem(container, problem) {
  container.replaceChildren(
    el(
      'p',
      { class: 'message error' },
      problem instanceof Problem ? problem.message : String(problem),
    ),
  )
}

/**
 * The top bar (where the view has one): the views the role may open, who is signed in, and
 * sign-out. Resolves to the session; a browser no longer signed in is shown why.
 */
export async function startPage(current) {
  const who = await me()
  if (!who.signedIn) {
    location.reload()
    return new Promise(() => {})
  }
  const bar = document.querySelector('.bar')
  if (!bar) return who
  // Every page's bar is one and the same, built here rather than copied into each page.
  bar.replaceChildren(
    el('a', { class: 'brand', href: '/' }, '红袖标指挥大屏'),
    el(
      'nav',
      {},
      who.views.map((view) => {
        const [name, href] = viewNames[view]
        return el('a', { href, 'aria-current': view === current ? 'page' : undefined }, name)
      }),
    ),
    el('span', { class: 'who' }, `${who.name}（${roleNames[who.role]}）`),
    el(
      'button',
      {
        type: 'button',
        onclick: async () => {
          await postJson('/api/sign-out').catch(() => {})
          location.reload()
        },
      },
      '退出',
    ),
  )
  return who
}

/**
 * Reads the figures again when the server says they changed (a report, an answer, a field
 * record), and every minute for the time that passes; `indicator` shows whether it is live.
 */
export function live(refresh, indicator) {
  let running = false
  let again = false
  const run = async () => {
    if (running) {
      again = true
      return
    }
    running = true
    try {
      await refresh()
    } finally {
      running = false
      if (again) {
        again = false
        void run()
      }
    }
  }
  const feed = new EventSource('/api/feed')
  feed.addEventListener('change', () => void run())
  feed.addEventListener('open', () => indicator?.classList.remove('off'))
  feed.addEventListener('error', () => indicator?.classList.add('off'))
  setInterval(() => void run(), 60_000)
  return run()
}

/**
 * Draws an ECharts option the server built (the bulletin or trend chart, the same option as the
 * pictures sent to WeChat), as SVG scaled to the width it is given.
 */
export function drawChart(container, chart) {
  const { option, size } = chart
  const previous = window.echarts.getInstanceByDom(container)
  if (previous) previous.dispose()
  const instance = window.echarts.init(container, null, { renderer: 'svg', ...size })
  instance.setOption({
    animation: false,
    backgroundColor: '#ffffff',
    textStyle: { fontFamily: getComputedStyle(document.body).fontFamily },
    ...option,
  })
  const svg = container.querySelector('svg')
  svg.setAttribute('viewBox', `0 0 ${size.width} ${size.height}`)
  svg.removeAttribute('width')
  svg.removeAttribute('height')
}
