// 群管理: the roster's rooms against the rooms the bot sees. An admin confirms every room that
// waits, in one step, as `redband rooms bind --expected` does: only rooms seen before the list
// was read, so a group someone made since is not confirmed with the others.
import { el, getJson, postJson, showProblem, startPage } from './common.js'

const content = document.getElementById('content')
const stateWords = {
  bound: '已绑定',
  waiting: '待确认',
  ambiguous: '有同名群',
  'not-seen': '未见到',
}
const roleWords = { command: '指挥群', inspection: '督导群', liaison: '联络群' }

function meant(room) {
  const units = [room.unit, ...room.units].filter(Boolean).join('、')
  return `${units ? `${units} ` : ''}${roleWords[room.role]}`
}

function who(room) {
  return `${room.people} 人${room.owner ? `，群主 ${room.owner}` : ''}`
}

function render(view, canBind) {
  const { counts } = view
  const result = el('p', { class: 'message', hidden: true })
  const bind =
    canBind && counts.waiting > 0
      ? el(
          'button',
          {
            type: 'button',
            id: 'bind-expected',
            onclick: async (event) => {
              event.target.disabled = true
              try {
                const { bound } = await postJson('/api/rooms/bind-expected', {
                  seenBefore: view.readAt,
                })
                result.className = 'message'
                result.textContent = `已确认 ${bound.length} 个群：${bound.map((b) => b.topic).join('、')}`
                result.hidden = false
                await load()
              } catch (problem) {
                result.className = 'message error'
                result.textContent = problem.message
                result.hidden = false
                event.target.disabled = false
              }
            },
          },
          `核对无误，确认这 ${counts.waiting} 个待确认的群`,
        )
      : null
  const entries = view.entries.map((e) =>
    el(
      'li',
      { 'data-state': e.state },
      el(
        'strong',
        { class: e.state === 'bound' ? 'good' : e.state === 'waiting' ? 'near' : 'short' },
        stateWords[e.state],
      ),
      ` ${e.topic} · ${meant(e)}`,
      e.bound && e.bound.topic !== e.topic
        ? el('div', { class: 'muted' }, `现名「${e.bound.topic}」`)
        : null,
      e.state === 'waiting' ? el('div', { class: 'muted' }, who(e.others[0])) : null,
      e.state === 'ambiguous'
        ? el(
            'div',
            { class: 'muted' },
            `同名群：${e.others.map((r) => `${r.id}（${who(r)}）`).join('、')}；请按群 ID 绑定：rooms bind 群ID，或在该群发送 #绑定`,
          )
        : null,
      e.state === 'bound' && e.others.length
        ? el(
            'div',
            { class: 'short' },
            `另有同名群未获授权：${e.others.map((r) => r.id).join('、')}`,
          )
        : null,
    ),
  )
  content.replaceChildren(
    el(
      'section',
      {},
      el('h2', {}, `名册中的群 ${view.entries.length} 个`),
      el(
        'p',
        {},
        `已绑定 ${counts.bound}，待确认 ${counts.waiting}，有同名群 ${counts.ambiguous}，未见到 ${counts['not-seen']}`,
      ),
      bind,
      result,
      el('ul', { class: 'plain', id: 'entries' }, entries),
    ),
    view.unlisted.length
      ? el(
          'section',
          {},
          el('h2', {}, `名册之外的群 ${view.unlisted.length} 个`),
          el(
            'ul',
            { class: 'plain' },
            view.unlisted.map((r) =>
              el(
                'li',
                {},
                `${r.topic}（${who(r)}）· `,
                r.binding ? `已在群里绑定为 ${meant(r.binding)}` : '只收听',
              ),
            ),
          ),
        )
      : '',
  )
}

const session = await startPage('rooms')
async function load() {
  try {
    render(await getJson('/api/rooms'), session.actions.includes('bind-rooms'))
  } catch (problem) {
    showProblem(content, problem)
  }
}
await load()
