// 运行状态: is the bot alive and speaking? Its WeChat accounts, the last message in, the last
// bulletin out, what waits to be sent by lane, failures, and the queue.
import { el, fmt, getJson, headedTable, live, showProblem, startPage } from './common.js'

const content = document.getElementById('content')
const laneWords = { reply: '回复', alert: '提醒', broadcast: '群发' }

const conditionWords = { live: '在线', 'logged-out': '掉线', silent: '失联' }

function row(label, value, valueClass) {
  return el('tr', {}, el('td', {}, label), el('td', { class: valueClass ?? '' }, value))
}

/** The rule #状态 follows (listsEachAccount): several accounts, or one that reports figures. */
function listsEachAccount(accounts) {
  return (
    accounts.length > 1 ||
    accounts.some((a) => a.rooms !== null || a.sentToday !== null || a.throttledToday !== null)
  )
}

/** The plugin's one account: logged in since when, or not. */
function loginRow(accounts) {
  const live = accounts.find((a) => a.condition === 'live')
  return row(
    '微信登录',
    live ? `${live.name}，自 ${live.since}` : '未登录（消息排队，登录后发送）',
    live ? 'good' : 'short',
  )
}

const figure = (n) => (n === null ? '—' : fmt(n))

function accountTable(accounts) {
  return el(
    'section',
    { id: 'accounts' },
    el('h2', {}, '账号'),
    headedTable(
      ['账号', '状态', '自', '群', '今日已发', '限流'],
      accounts.map((a) =>
        el(
          'tr',
          { 'data-account': a.account },
          el('td', {}, a.name),
          el(
            'td',
            { class: a.condition === 'live' ? 'good' : 'short' },
            conditionWords[a.condition] ?? a.condition,
          ),
          el('td', {}, a.since ?? '—'),
          el('td', {}, figure(a.rooms)),
          el('td', {}, figure(a.sentToday)),
          el('td', { class: a.throttledToday ? 'near' : '' }, figure(a.throttledToday)),
        ),
      ),
    ),
  )
}

function render(h) {
  const queue = h.queue
  const counts = queue.counts
  const eachAccount = listsEachAccount(h.accounts)
  content.replaceChildren(
    el(
      'section',
      { id: 'status' },
      el('h2', {}, '运行状态'),
      el(
        'table',
        {},
        el(
          'tbody',
          {},
          eachAccount ? null : loginRow(h.accounts),
          row('最近收到消息', h.lastInbound ?? '暂无'),
          row('最近一次通报', h.lastBulletin ?? '暂无'),
          row('今日收到消息', `${fmt(h.messagesToday)} 条，登记上报 ${fmt(h.reportsToday)} 条`),
          row('待核消息', `${fmt(h.unread)} 条`, h.unread ? 'near' : ''),
          row(
            '队列',
            `${queue.backend === 'redis' ? 'Redis（BullMQ）' : '内置（SQLite）'} · ${queue.up ? '正常' : '连接中断'}` +
              (counts
                ? ` · 等待 ${counts.waiting}，延后 ${counts.delayed}，进行中 ${counts.active}，失败 ${counts.failed}`
                : ''),
            queue.up ? 'good' : 'short',
          ),
        ),
      ),
    ),
    ...(eachAccount ? [accountTable(h.accounts)] : []),
    el(
      'section',
      { id: 'outbox' },
      el('h2', {}, '发送'),
      el(
        'table',
        {},
        el(
          'tbody',
          {},
          ...Object.entries(h.outbox.pending).map(([lane, n]) =>
            row(`待发送 · ${laneWords[lane] ?? lane}`, `${fmt(n)} 条`),
          ),
          row('已发送', `${fmt(h.outbox.sent)} 条`),
          row('未发出（过时或超过每日上限）', `${fmt(h.outbox.dropped)} 条`),
          row('发送失败', `${fmt(h.outbox.failed)} 条`, h.outbox.failed ? 'short' : ''),
        ),
      ),
      h.failures.length
        ? el(
            'ul',
            { class: 'plain' },
            h.failures.map((f) =>
              el(
                'li',
                {},
                `${f.due} · ${f.roomTopic} · `,
                el('span', { class: 'muted' }, f.error ?? ''),
              ),
            ),
          )
        : null,
    ),
  )
}

await startPage('health')
await live(async () => {
  try {
    render(await getJson('/api/health'))
  } catch (problem) {
    showProblem(content, problem)
  }
}, document.getElementById('live'))
