import { roleWord } from '../src/roster/role-words.js'
import type { ProblemPlace, RosterProblem } from '../src/roster/roster-problem.js'
import { roomRoles } from '../src/roster/roster.js'

/** Where the problem is, as the operator finds it in the file: 单位 东华派出所（属 盘龙分局）. */
function placeWords(place: ProblemPlace): string | undefined {
  const under = 'under' in place && place.under ? `（属 ${place.under}）` : ''
  switch (place.at) {
    case 'file':
      return undefined
    case 'key':
      return place.key
    case 'unit':
      return `单位 ${place.name}${under}`
    case 'unit-entry':
      return `units 第 ${place.index + 1} 项${under}`
    case 'room':
      return `群 ${place.topic}`
    case 'room-entry':
      return `rooms 第 ${place.index + 1} 项`
  }
}

const meantWords = (meant: string | undefined) => (meant ? `，是否应为 ${meant}？` : '')
const readAlike = (sameAs: string | undefined) =>
  sameAs ? `（与 ${sameAs} 视为同一名称：全角、半角按同一字读）` : ''
/** liaison（联络）、command（指挥）、inspection（督导） */
const roleList = roomRoles.map((role) => `${role}（${roleWord[role]}）`).join('、')

function problemWords(p: RosterProblem): string {
  switch (p.kind) {
    case 'unreadable':
      return `读不了名册文件（${p.why}）；请用 REDBAND_ROSTER 或 --roster 指定名册，如 roster.example.yaml`
    case 'yaml':
      return `YAML 格式有误：${p.why}`
    case 'not-mapping':
      return '名册应由 timezone:、units: 和 rooms: 组成，如 units: [{ name: 东华派出所 }]'
    case 'unknown-key':
      return `没有 ${p.key} 这一项${meantWords(p.meant) || `；可写的项为 ${p.known.join('、')}`}`
    case 'bad-timezone':
      return `"${p.written}" 不是时区名，应写如 Asia/Shanghai`
    case 'name-taken':
      return `"${p.written}" 已是 ${p.owner} 的名称或别名${readAlike(p.sameAs)}；名称不能重复`
    case 'not-count':
      return `${p.key} 写的是 ${p.written}，应为 0 或正整数`
    case 'unit-not-mapping':
      return '单位应写成 { name: 东华派出所, target: 300 } 的形式'
    case 'no-name':
      return '缺少 name，每个单位都要有名称'
    case 'aliases-not-list':
      return 'aliases 应为名称列表，如 aliases: [东华所]'
    case 'children-not-list':
      return 'units 应为下属单位的列表'
    case 'name-twice':
      return `单位名称 "${p.name}" 出现了两次${readAlike(p.sameAs)}`
    case 'no-units':
      return '名册需要单位列表，如 units: [{ name: 东华派出所 }]'
    case 'not-unit-name':
      return `${p.field === 'unit' ? 'unit' : 'units 中'} ${p.written} 不是单位名称`
    case 'unit-unknown':
      return `名册里没有单位 "${p.name}"${meantWords(p.meant)}`
    case 'rooms-not-list':
      return 'rooms 应为群的列表，如 rooms: [{ topic: 红袖标指挥部, role: command }]'
    case 'room-not-mapping':
      return '群应写成 { topic: 红袖标指挥部, role: command } 的形式'
    case 'no-topic':
      return '缺少 topic，请写群名'
    case 'topic-twice':
      return '群名重复'
    case 'bad-role':
      return `role 应为 ${roleList}之一${meantWords(p.meant)}`
    case 'unit-and-units':
      return 'unit（本群的单位）和 units（共用群的各单位）只能写一个'
    case 'units-for-role':
      return `units 只用于共用的联络群；${p.role}（${roleWord[p.role]}）群不对应单位`
    case 'room-units-not-list':
      return 'units 应为本群所报各单位的列表，如 units: [交警支队]'
  }
}

/**
 * A roster problem in Chinese, for #重载名册's reply and the CLI, naming its place:
 * `单位 东华派出所：target 写的是 "三百"，应为 0 或正整数`.
 */
export function rosterProblemWords(problem: RosterProblem): string {
  const place = placeWords(problem.place)
  const words = problemWords(problem)
  return place === undefined ? words : `${place}：${words}`
}
