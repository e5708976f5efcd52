// 全程: the security period so far, each day's total against target, and the ranking (#评比).
import {
  countText,
  drawChart,
  el,
  fmt,
  getJson,
  headedTable,
  percentClass,
  percentText,
  rateText,
  showProblem,
  startPage,
} from './common.js'

const content = document.getElementById('content')
/** Rows of the unit ranking shown before "全部". */
const shortList = 20

function unitRows(units) {
  return units.map((u) =>
    el(
      'tr',
      {},
      el('td', {}, `${u.rank}. ${u.unit}`),
      el('td', {}, `${u.daysAtTarget}/${u.days}`),
      el('td', {}, rateText(u.onDuty)),
      el('td', {}, rateText(u.engagement)),
    ),
  )
}

function people(list, id) {
  return list.length
    ? el(
        'ul',
        { class: 'plain', id },
        list
          .slice(0, 10)
          .map((p) =>
            el(
              'li',
              {},
              el('strong', {}, `${p.rank}. ${p.name}`),
              `（${p.unit ?? '—'}，表扬 ${p.commendations} 次）`,
              el('div', { class: 'muted' }, p.deeds.join('；')),
            ),
          ),
      )
    : el('p', { class: 'muted' }, '暂无')
}

function render(data) {
  if (!data.period) {
    content.replaceChildren(el('p', { class: 'muted' }, '安保期尚未开始，或还没有任何数据。'))
    return
  }
  const { period, days, ranking } = data
  const chart = el('div', { class: 'chart', id: 'trend' })
  const unitsTable = headedTable(
    ['单位', '达标天数', '见勤率', '管事率'],
    unitRows(ranking.units.slice(0, shortList)),
    { id: 'ranking' },
  )
  const more =
    ranking.units.length > shortList
      ? el(
          'button',
          {
            class: 'plain',
            type: 'button',
            onclick: (event) => {
              unitsTable.tBodies[0].replaceChildren(...unitRows(ranking.units))
              event.target.remove()
            },
          },
          `显示全部 ${ranking.units.length} 个单位`,
        )
      : null
  content.replaceChildren(
    el('p', { class: 'muted' }, `安保期 ${period.from} 至 ${period.to}，共 ${days.length} 天`),
    el(
      'div',
      { class: 'columns' },
      el(
        'section',
        {},
        el('h2', {}, '每日上岗与目标'),
        data.chart ? chart : el('p', { class: 'muted' }, '暂无数据。'),
      ),
      el(
        'section',
        {},
        el('h2', {}, '每日合计'),
        headedTable(
          ['日期', '上岗', '目标', '完成'],
          days.map((d) =>
            el(
              'tr',
              {},
              el('td', {}, d.day),
              el('td', {}, countText(d.total, d.approx)),
              el('td', {}, fmt(d.target)),
              el('td', { class: percentClass(d.percent) }, percentText(d.percent)),
            ),
          ),
          { id: 'days' },
        ),
      ),
    ),
    el(
      'section',
      {},
      el('h2', {}, '评比：先进集体候选'),
      el('p', { class: 'muted' }, '按达标天数占比、见勤率、管事率排序'),
      unitsTable,
      more,
    ),
    el(
      'div',
      { class: 'columns' },
      el('section', {}, el('h2', {}, '先进个人候选'), people(ranking.people, 'people')),
      el('section', {}, el('h2', {}, '最暖红袖标候选'), people(ranking.warmest, 'warmest')),
    ),
  )
  if (data.chart) drawChart(chart, data.chart)
}

await startPage('event')
try {
  render(await getJson('/api/event'))
} catch (problem) {
  showProblem(content, problem)
}
