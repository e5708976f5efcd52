// The wall view: the day's headline figures, the top-level units, the checks under way and the
// units not reported, large, live, and with a clock. It reads the same data as 今日.
import {
  checkKindNames,
  countText,
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
const clock = document.getElementById('clock')
let timezone

function tick() {
  clock.textContent = new Date().toLocaleTimeString('zh-CN', { hour12: false, timeZone: timezone })
}

const kpi = (...figure) => figureBox('kpi', ...figure)

function render(data) {
  const { work, rates, checks } = data
  document.getElementById('day').textContent = data.date
  const top = work.units.filter((u) => u.depth === 0)
  const table = headedTable(
    ['单位', '上岗', '目标', '完成', ''],
    top.map((u) =>
      el(
        'tr',
        { 'data-unit': u.unit },
        el('td', {}, u.unit),
        el(
          'td',
          {},
          u.count === null ? el('span', { class: 'short' }, '未报') : countText(u.count, u.approx),
        ),
        el('td', { class: 'muted' }, fmt(u.target)),
        el('td', { class: percentClass(u.percent) }, percentText(u.percent)),
        el('td', { class: 'bar-cell' }, el('div', { class: 'meter' }, meterBar(u.percent))),
      ),
    ),
    { id: 'top-units' },
  )
  table.style.setProperty('--rows', String(Math.max(top.length, 6)))
  const { totals } = data.field
  content.replaceChildren(
    el(
      'div',
      { class: 'kpis' },
      kpi('total', '上岗人数', countText(work.total, work.approx), `目标 ${fmt(work.target)} 人`),
      kpi(
        'percent',
        '完成目标',
        percentText(work.percent),
        `截至 ${data.asOf}`,
        percentClass(work.percent),
      ),
      kpi(
        'missing-count',
        '未报单位',
        fmt(work.missing.length),
        `应报 ${fmt(work.units.filter((u) => u.leaf).length)} 个`,
        work.missing.length ? 'short' : 'good',
      ),
      kpi('on-duty', '见勤率', rateText(rates.onDuty), rateNote(rates.onDuty)),
      kpi('engagement', '管事率', rateText(rates.engagement), rateNote(rates.engagement)),
      kpi('coverage', '覆盖率', rateText(rates.coverage), rateNote(rates.coverage)),
    ),
    el(
      'div',
      { class: 'wall-body' },
      el('div', {}, el('h2', {}, '各单位上岗'), table),
      el(
        'div',
        {},
        el('h2', {}, '进行中的查岗'),
        checks.openDisplay.map((d) =>
          el(
            'p',
            {},
            `集中展示：${d.units} 个单位未回复 · `,
            el(
              'span',
              { class: d.minutesLeft <= 5 ? 'short' : 'near' },
              `剩 ${d.minutesLeft} 分钟`,
            ),
          ),
        ),
        checks.open.length
          ? el(
              'ul',
              { class: 'plain', id: 'open-checks' },
              checks.open
                .slice(0, 5)
                .map((c) =>
                  el(
                    'li',
                    {},
                    `${c.unit} · ${checkKindNames[c.kind]} · `,
                    el(
                      'span',
                      { class: c.minutesLeft <= 5 ? 'short' : 'near' },
                      `剩 ${c.minutesLeft} 分钟`,
                    ),
                  ),
                ),
            )
          : checks.openDisplay.length
            ? null
            : el('p', { class: 'muted' }, '暂无'),
        el('h2', {}, `未报单位（${work.missing.length}）`),
        work.missing.length
          ? el(
              'div',
              { class: 'tags', id: 'missing' },
              work.missing.slice(0, 30).map((u) => el('span', { class: 'tag' }, u)),
            )
          : el('p', { class: 'good' }, '全部已报'),
      ),
    ),
    el(
      'div',
      { class: 'wall-foot' },
      foot('今日查岗', [
        el('span', { class: 'good' }, `按时 ${checks.answered}`),
        el('span', { class: 'near' }, `迟答 ${checks.late}`),
        el('span', { class: 'short' }, `未答 ${checks.unanswered}`),
      ]),
      foot('督检', [`${totals.records} 条`, `在岗 ${totals.onDuty}`, `管事 ${totals.engaged}`]),
      foot(
        `迟报（${work.late.length}）`,
        work.late.slice(0, 4).map((l) => `${l.unit} ${l.time}`),
      ),
      foot(
        `更正（${work.corrections.length}）`,
        work.corrections.slice(0, 4).map((c) => `${c.unit} ${fmt(c.first)}→${fmt(c.count)}`),
      ),
    ),
  )
  tick()
}

function foot(title, items) {
  return el(
    'div',
    {},
    el('h2', {}, title),
    items.length
      ? el(
          'div',
          { class: 'foot-items' },
          items.map((i) => el('span', {}, i)),
        )
      : el('p', { class: 'muted' }, '无'),
  )
}

function meterBar(percent) {
  const bar = el('span', { class: percentClass(percent) })
  bar.style.width = `${Math.min(percent ?? 0, 100)}%`
  return bar
}

await startPage('screen')
tick()
setInterval(tick, 1000)
await live(async () => {
  try {
    const data = await getJson('/api/today')
    timezone ??= data.timezone
    render(data)
  } catch (problem) {
    showProblem(content, problem)
  }
}, document.getElementById('live'))
