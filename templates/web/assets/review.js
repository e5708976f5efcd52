// 待核: messages that may be reports but were not read. Commanders read them; an admin records
// the figure (unit, count, reason: audited, and the liaison gets a receipt) or dismisses it.
import { el, getJson, live, postJson, showProblem, startPage } from './common.js'

const content = document.getElementById('content')
const status = document.getElementById('status')
const picker = document.getElementById('date')
const params = new URLSearchParams(location.search)
status.value = params.get('status') ?? 'open'
picker.value = params.get('date') ?? ''
const statusWords = { open: '待核', recorded: '已登记', dismissed: '已排除' }
/** Forms being filled in are kept while the list is read again. */
const shown = new Map()

for (const input of [status, picker])
  input.addEventListener('change', () => {
    const query = new URLSearchParams({
      status: status.value,
      ...(picker.value ? { date: picker.value } : {}),
    })
    location.search = `?${query}`
  })

/** What the last 登记 or 排除 did, above the list, which is read again at once. */
const notice = el('p', { class: 'message', id: 'notice', hidden: true })
content.before(notice)

function tell(text, error = false) {
  notice.className = error ? 'message error' : 'message'
  notice.textContent = text
  notice.hidden = false
}

function settleForm(item, refresh) {
  const form = el(
    'form',
    {},
    el('input', {
      name: 'unit',
      value: item.units[0] ?? '',
      placeholder: '单位',
      required: true,
      'aria-label': '单位',
    }),
    el('input', {
      name: 'count',
      type: 'number',
      min: 0,
      step: 1,
      inputmode: 'numeric',
      placeholder: '人数',
      required: true,
      'aria-label': '人数',
    }),
    el('input', {
      name: 'reason',
      placeholder: '理由，如 电话核实',
      required: true,
      'aria-label': '理由',
    }),
    el('button', { type: 'submit' }, '登记'),
    el('button', { type: 'button', class: 'plain', 'data-action': 'dismiss' }, '排除'),
  )
  const send = async (action, body, done) => {
    for (const button of form.querySelectorAll('button')) button.disabled = true
    try {
      await postJson(`/api/review/${encodeURIComponent(item.messageId)}/${action}`, body)
      shown.delete(item.messageId)
      tell(done)
      await refresh()
    } catch (problem) {
      tell(problem.message, true)
      for (const button of form.querySelectorAll('button')) button.disabled = false
    }
  }
  form.addEventListener('submit', (event) => {
    event.preventDefault()
    const data = new FormData(form)
    const unit = String(data.get('unit')).trim()
    const count = Number(data.get('count'))
    void send(
      'record',
      { unit, count, reason: String(data.get('reason')) },
      `已登记：${unit} ${count} 人（${item.senderName} ${item.sent} 的消息），并已在群里回复。`,
    )
  })
  form.querySelector('[data-action=dismiss]').addEventListener('click', () => {
    void send(
      'dismiss',
      { reason: String(new FormData(form).get('reason') ?? '') },
      `已排除 ${item.senderName} ${item.sent} 的消息。`,
    )
  })
  return form
}

const who = await startPage('review')
const canSettle = who.actions.includes('settle-review')

async function refresh() {
  try {
    const query = new URLSearchParams({
      status: status.value,
      ...(picker.value ? { date: picker.value } : {}),
    })
    const { items } = await getJson(`/api/review?${query}`)
    const nodes = items.map((item) => {
      const kept = shown.get(item.messageId)
      if (kept && item.status === 'open') return kept
      const node = el(
        'div',
        { class: 'item', 'data-message': item.messageId },
        el(
          'div',
          {},
          el('strong', {}, item.senderName),
          ` @ ${item.roomTopic} · ${item.sent}`,
          item.status === 'open'
            ? ''
            : el(
                'span',
                { class: 'muted' },
                ` · ${statusWords[item.status]} ${item.settled ?? ''}`,
              ),
        ),
        el('div', { class: 'text' }, item.text),
        el(
          'div',
          { class: 'muted' },
          item.units.length ? `提到：${item.units.join('、')}` : '',
          item.why ? `（${item.why}）` : '',
        ),
        canSettle && item.status === 'open' ? settleForm(item, refresh) : null,
      )
      shown.set(item.messageId, node)
      return node
    })
    content.replaceChildren(
      el(
        'p',
        { class: 'muted' },
        `${statusWords[status.value]} ${items.length} 条${canSettle ? '' : '（只有管理员可以登记或排除）'}`,
      ),
      ...nodes,
    )
  } catch (problem) {
    showProblem(content, problem)
  }
}

await live(refresh, document.getElementById('live'))
