// 今日 (and any day of the event): the figures as the evening bulletins count them, live.
import {
  checkKindNames,
  countText,
  drawChart,
  el,
  figureBox,
  fmt,
  getJson,
  headedTable,
  live,
  percentClass,
  percentText,
  rateNote,
  rateText,
  showProblem,
  startPage,
} from './common.js'

const content = document.getElementById('content')
const picker = document.getElementById('date')
const asOf = document.getElementById('as-of')
const day = new URLSearchParams(location.search).get('date')
/** Parents whose units are folded away; kept across refreshes. */
let closed

picker.addEventListener('change', () => {
  location.search = picker.value ? `?date=${picker.value}` : ''
})

const card = (...figure) => figureBox('card', ...figure)

function headcountCards(work, held) {
  const leaves = work.units.filter((u) => u.leaf).length
  return el(
    'div',
    { class: 'cards' },
    card('total', '上岗人数', countText(work.total, work.approx), `目标 ${fmt(work.target)} 人`),
    card(
      'percent',
      '完成目标',
      percentText(work.percent),
      work.delta === null ? '' : `较前一日 ${work.delta >= 0 ? '+' : ''}${fmt(work.delta)}`,
      percentClass(work.percent),
    ),
    card(
      'missing-count',
      '未报单位',
      fmt(work.missing.length),
      `应报 ${fmt(leaves)} 个`,
      work.missing.length ? 'short' : 'good',
    ),
    card(
      'late-count',
      '迟报 · 更正 · 待确认',
      `${work.late.length} · ${work.corrections.length} · ${Object.keys(held).length}`,
      `截止 ${work.deadline}`,
    ),
  )
}

/** Hides the rows under folded parents. */
function fold(table) {
  const hiddenBelow = []
  for (const row of table.tBodies[0].rows) {
    const depth = Number(row.dataset.depth)
    while (hiddenBelow.length && hiddenBelow.at(-1) >= depth) hiddenBelow.pop()
    row.classList.toggle('hidden', hiddenBelow.length > 0)
    if (row.classList.contains('parent') && closed.has(row.dataset.unit)) {
      row.classList.add('closed')
      hiddenBelow.push(depth)
    } else row.classList.remove('closed')
  }
}

/** 迟报, 更正 and figures held for #确认 (with the latest held figure), as short tags. */
function states(u, held) {
  const h = held[u.unit]
  return [
    u.late ? el('span', { class: 'near' }, '迟报') : null,
    u.corrected ? el('span', {}, '更正') : null,
    h ? el('span', { class: 'short' }, `待确认 ${fmt(h.latest)}`) : null,
  ].filter(Boolean)
}

function unitTable(work, held) {
  closed ??= new Set(
    work.units.length > 60 ? work.units.filter((u) => !u.leaf).map((u) => u.unit) : [],
  )
  const rows = work.units.map((u) => {
    const figure =
      u.count === null
        ? el('span', { class: u.leaf ? 'short' : 'muted' }, u.leaf ? '未报' : '—')
        : countText(u.count, u.approx)
    return el(
      'tr',
      {
        class: `d${Math.min(u.depth, 5)}${u.leaf ? '' : ' parent'}`,
        'data-unit': u.unit,
        'data-depth': u.depth,
      },
      el('td', {}, u.unit),
      el('td', { class: 'count' }, figure),
      el('td', { class: 'wide-only' }, fmt(u.target)),
      el('td', { class: percentClass(u.percent) }, percentText(u.percent)),
      el('td', { class: 'states' }, states(u, held)),
    )
  })
  const table = el(
    'table',
    { id: 'units', class: 'units' },
    el(
      'thead',
      {},
      el(
        'tr',
        {},
        el('th', {}, '单位'),
        el('th', {}, '上岗'),
        el('th', { class: 'wide-only' }, '目标'),
        el('th', {}, '完成'),
        el('th', {}, '情况'),
      ),
    ),
    el('tbody', {}, rows),
  )
  table.addEventListener('click', (event) => {
    const row = event.target.closest('tr.parent')
    if (!row || !event.target.closest('td:first-child')) return
    const unit = row.dataset.unit
    if (closed.has(unit)) closed.delete(unit)
    else closed.add(unit)
    fold(table)
  })
  fold(table)
  return table
}

function checksSection(checks) {
  const display = checks.openDisplay.map((d) =>
    el(
      'p',
      { class: 'open-display' },
      `集中展示进行中：${d.units} 个单位未回复，截止 ${d.deadline}，`,
      el('span', { class: d.minutesLeft <= 5 ? 'short' : '' }, `剩 ${d.minutesLeft} 分钟`),
    ),
  )
  const open = checks.open.length
    ? el(
        'ul',
        { class: 'plain', id: 'open-checks' },
        checks.open.map((c) =>
          el(
            'li',
            {},
            el('strong', {}, c.unit),
            ` · ${checkKindNames[c.kind]} · ${c.asked} 发出，截止 ${c.deadline} · `,
            el('span', { class: c.minutesLeft <= 5 ? 'short' : '' }, `剩 ${c.minutesLeft} 分钟`),
          ),
        ),
      )
    : display.length
      ? null
      : el('p', { class: 'muted' }, '目前没有进行中的查岗。')
  const tally = headedTable(
    ['类型', '已问', '按时', '迟答', '未答', '进行中'],
    checks.tallies.map((t) =>
      el(
        'tr',
        {},
        el('td', {}, checkKindNames[t.kind]),
        ...[t.asked, t.answered, t.late, t.unanswered, t.open].map((n) => el('td', {}, fmt(n))),
      ),
    ),
  )
  const missed = checks.missed.length
    ? el(
        'p',
        {},
        '未按时回复：',
        checks.missed
          .map((m) => `${m.unit}（${m.time}，${m.status === 'late' ? '迟答' : '未答'}）`)
          .join('、'),
      )
    : null
  return el(
    'section',
    { id: 'checks' },
    el('h2', {}, '查岗'),
    el(
      'p',
      { id: 'check-totals' },
      `今日按时 ${checks.answered}，迟答 ${checks.late}，未答 ${checks.unanswered}`,
    ),
    display,
    open,
    tally,
    missed,
  )
}

function ratesSection(data) {
  const { rates } = data
  return el(
    'section',
    { id: 'rates' },
    el('h2', {}, '督导指标'),
    el(
      'div',
      { class: 'cards' },
      card('on-duty', '见勤率', rateText(rates.onDuty), rateNote(rates.onDuty)),
      card('engagement', '管事率', rateText(rates.engagement), rateNote(rates.engagement)),
      card('coverage', '覆盖率', rateText(rates.coverage), rateNote(rates.coverage)),
      card('patrol', '巡逻指数', rateText(rates.patrol, true), rateNote(rates.patrol)),
    ),
    headedTable(
      ['比学赶超', '见勤', '管事', '覆盖'],
      data.standings.map((s) =>
        el(
          'tr',
          {},
          el('td', {}, `${s.rank ?? '—'}. ${s.unit}`),
          el('td', {}, rateText(s.rates.onDuty)),
          el('td', {}, rateText(s.rates.engagement)),
          el('td', {}, rateText(s.rates.coverage)),
        ),
      ),
    ),
  )
}

function fieldSection(field) {
  const { totals } = field
  return el(
    'section',
    { id: 'field' },
    el('h2', {}, '督检记录'),
    el(
      'p',
      {},
      `共 ${totals.records} 条：在岗 ${totals.onDuty}，其中管事 ${totals.engaged}` +
        (totals.unstated ? `，未说明 ${totals.unstated}` : ''),
    ),
    field.records.length
      ? el(
          'ul',
          { class: 'plain' },
          field.records.map((r) =>
            el(
              'li',
              {},
              `${r.time} `,
              el('strong', {}, r.unit),
              ` ${r.post} `,
              el('span', { class: r.onDuty ? 'good' : 'short' }, r.onDuty ? '在岗' : '缺岗'),
              r.volunteers === null ? '' : ` ${r.volunteers} 人`,
              r.engaged === null ? '' : r.engaged ? ' · 管事' : ' · 不管事',
              el('span', { class: 'muted' }, ` —— ${r.inspector}`),
            ),
          ),
        )
      : el('p', { class: 'muted' }, '暂无督检记录。'),
  )
}

function render(data) {
  picker.value = data.date
  asOf.textContent = data.isToday ? `截至 ${data.asOf}` : `${data.date} 全天`
  const parts = []
  if (data.work) {
    parts.push(headcountCards(data.work, data.held))
    const chart = el('div', { class: 'chart', id: 'chart' })
    parts.push(
      el(
        'div',
        { class: 'columns' },
        el('section', {}, el('h2', {}, '各单位上岗'), unitTable(data.work, data.held)),
        el(
          'div',
          {},
          el(
            'section',
            { id: 'missing' },
            el('h2', {}, `未报单位（${data.work.missing.length}）`),
            data.work.missing.length
              ? el(
                  'div',
                  { class: 'tags' },
                  data.work.missing.map((u) => el('span', { class: 'tag' }, u)),
                )
              : el('p', { class: 'good' }, '全部已报。'),
          ),
          el(
            'section',
            {},
            el('h2', {}, '通报图表'),
            data.chart ? chart : el('p', { class: 'muted' }, '暂无数据。'),
          ),
        ),
      ),
    )
    content.replaceChildren(...parts)
    if (data.chart) drawChart(chart, data.chart)
  } else content.replaceChildren()
  content.append(
    el('div', { class: 'columns' }, checksSection(data.checks), ratesSection(data)),
    fieldSection(data.field),
  )
}

await startPage('today')
getJson('/api/days')
  .then((days) => {
    picker.max = days.today
    if (days.period) picker.min = days.period.from
  })
  .catch(() => {})
await live(async () => {
  try {
    render(await getJson(`/api/today${day ? `?date=${encodeURIComponent(day)}` : ''}`))
  } catch (problem) {
    showProblem(content, problem)
  }
}, document.getElementById('live'))
