/**
 * The words the parser knows, by what they do to a figure near them. Matched longest first
 * together with the roster's unit names (see compile.ts), so 请假 wins over 请 and 到岗 over 到.
 */
import type { ActivityKind } from './types.js'

/** Keyword flags; a word may carry several. */
export const K = {
  /** A headcount verb: 上岗, 到岗, 发动 … A clause with one may say anything around its figure. */
  VERB: 1 << 0,
  /** Harmless between a unit and its figure: 今日, 共, 红袖标, 人数 … */
  FILL: 1 << 1,
  /** Figures after it in the clause are not today's count: 较, 比, 昨日, 每, 目标 … */
  FWD: 1 << 2,
  /** Requests and plans: figures after it on the line are not counts (请, 需要, 计划 …). */
  FWD_LINE: 1 << 3,
  /** Another day ahead: 明天 … until 今日 / 今天 / 实际 says otherwise. */
  FUTURE: 1 << 4,
  /** No figure in the clause is a count: questions, leave, phone numbers, training … */
  CLAUSE: 1 << 5,
  /** No headcount in the clause: police, the public, enforcement, vehicles … */
  PERSON_TAINT: 1 << 6,
  /** A breakdown of the figure before it: 其中, 含, 包括. */
  BREAKDOWN: 1 << 7,
  /** The message corrects an earlier figure. */
  CORRECTION: 1 << 8,
  /** A unit right after it is a place, not the reporting unit: 在龙城所门口. */
  LOCATION: 1 << 9,
  /** Joins two units into one subject: 龙城所和洛龙所. */
  CONJ: 1 << 10,
  /** May be part of an unrecorded unit's name: 保安 in 保安公司, 治安 in 治安支队. */
  NAMEPART: 1 << 11,
  /** Duty points: 点位12个. */
  POINTS: 1 << 12,
  /** Patrols, checks, hazards, disputes: see `activity`. */
  ACTIVITY: 1 << 13,
  /** Cancels FWD / FWD_LINE / FUTURE: 实际, 实到. */
  RESET: 1 << 14,
  /** Cancels FUTURE only: 今日, 今天. */
  TODAY: 1 << 15,
  /** May stand right before a figure written without 人: 上岗人数 198. */
  BARE_VERB: 1 << 16,
  /** A total: 合计, 共计. A total with no unit is the heading unit's figure. */
  TOTAL: 1 << 17,
  /** A place inside a unit: a count after it is that spot's, not the unit's (门口, 路口). */
  SUBLOC: 1 << 18,
  /** Marks the figure after it as approximate: 约, 近, 大约. */
  APPROX: 1 << 19,
  /** An earlier day (昨日): its FWD veto ends at 今日 / 今天 (昨日320人今日326人). */
  PAST: 1 << 20,
} as const

export interface Keyword {
  flags: number
  activity?: ActivityKind
}

const { VERB, FILL, FWD, FWD_LINE, FUTURE, CLAUSE, PERSON_TAINT, BREAKDOWN, CORRECTION } = K
const { LOCATION, CONJ, NAMEPART, POINTS, ACTIVITY, RESET, TODAY, BARE_VERB, TOTAL } = K
const { SUBLOC, APPROX, PAST } = K

/** [space-separated words, flags]; a word listed twice gets both flag sets. */
const TABLE: Array<[string, number]> = [
  [
    '上岗 到岗 在岗 发动 出动 组织 投入 参与 参加 值守 执勤 值勤 出勤 上勤 在位 到位 签到 报到 部署 ' +
      '动员 站岗 上报 来了 到了 开展 坚守 实到 上岗人数 到岗人数 在岗人数 上岗情况',
    VERB,
  ],
  ['上岗 到岗 在岗 实到 人数 上岗人数 到岗人数 在岗人数 总人数 总数', BARE_VERB],
  [
    '今日 今天 当日 当天 本日 今 全天 早上 早晨 上午 中午 下午 晚上 晚间 夜间 为 是 达 达到 计 有效 ' +
      '人数 上岗人数 到岗人数 在岗人数 总人数 总数 红袖标 红袖章 袖标 志愿者 平安志愿者 志愿 队员 保安员 保安 ' +
      '保安人员 人员 力量 群防群治 群防群治力量 全区 全局 全所 全市 全县 全镇 全体 已 均 各类 安保 辖区 我所 ' +
      '我局 本所 本局 我单位 本单位 目前 现在 截至 截止 截至目前 截止目前 情况 上岗情况 工作 社会面 巡防队员 ' +
      '巡逻队员 巡逻队 义务 网格员 楼栋长 党员 干部 职工 员工 工人 环卫工人 治安 一线 骨干 的 了 都 也 ' +
      '志愿服务 服务队 实际 实到 报告 汇报 共同',
    FILL,
  ],
  ['合计 共计 总计 累计 总共 一共 共 全部', FILL | TOTAL],
  ['今日 今天', TODAY],
  ['实际 实到', RESET],
  [
    '较 比 比昨 同比 环比 相比 对比 增加 减少 增长 下降 上升 新增 增派 增援 增至 减至 增设 多出 少了 多了 ' +
      '原报 原上报 之前报 刚才报 上次报 昨日 昨天 前天 去年 上周 上月 本周 本月 本年 今年 近期 近日 连续 ' +
      '每 各 分别 另需 缺 差 还差 缺口 目标 任务 指标 定额 核定 编制 满编 平均 人均 应到 应出勤 应上岗 ' +
      '应有 不少于 不低于 不得少于 至少 确保 以下 最多 最少 之前 此前',
    FWD,
  ],
  ['明天 明日 明早 明晚 后天 下周 下月 未来', FUTURE],
  ['昨日 昨天 前天', PAST],
  [
    '计划 预计 预期 拟 将于 将要 即将 准备 打算 需要 需 急需 要求 请 务必 必须 争取 力争 希望 待 建议 ' +
      '估计',
    FWD_LINE,
  ],
  [
    '多少 几 吗 是否 怎么 为何 哪些 什么 有没有 请假 请病假 请事假 请了假 病假 事假 休假 调休 轮休 生病 ' +
      '缺勤 未到 未到岗 未上岗 没到 没来 迟到 早退 受伤 住院 离职 辞职 电话 手机 联系 集合 开会 会议 ' +
      '培训 尚未 还未 未 通知 提醒 表扬 考核 扣分 排名 名单 率 比例 占 年龄 核实 不对 有误 好像 似乎 ' +
      '可能 也许 缺岗 脱岗 空岗 无人 气温 温度 报名 接龙',
    CLAUSE,
  ],
  [
    '民警 警力 辅警 警员 警察 特警 交警 警车 车辆 疏导 服务 帮助 救助 劝离 劝导 劝阻 抓获 查获 盘查 ' +
      '盘问 查处 处罚 走访 宣传 发放 接待 处置 救援 寻找 找回 群众 居民 游客 市民 旅客 嫌疑人 违法 可疑 ' +
      '发现 涉及 受理 报警 求助 救治 伤 亡 医疗 隔离 核酸 检测 支援 谁',
    PERSON_TAINT,
  ],
  ['其中 含 包括 包含 内含', BREAKDOWN],
  [
    '更正 纠正 修正 订正 勘误 以此为准 以此条为准 以本条为准 以这条为准 以这个为准 以此数为准 有误 报错 ' +
      '重新上报 重报 更改为',
    CORRECTION,
  ],
  ['在 到 赴 前往 往 于 去', LOCATION],
  ['和 与 及 以及 同 跟', CONJ],
  ['保安 治安 红袖标 巡逻 巡防 平安 安保 志愿者 志愿 交警 特警 公安 交通 城管 环卫', NAMEPART],
  ['点位 岗点 执勤点 执勤点位 设点 布点 岗位 卡点 值守点 点位数', POINTS],
  [
    '门口 路口 卡口 岗亭 出口 入口 广场 大道 大街 车站 地铁站 公交站 汽车站 公园 商场 景区 码头',
    SUBLOC,
  ],
  ['约 近 大约 大概 将近 接近 超过 逾 超 差不多 约有', APPROX],
  // Words that hold a numeral but are not numbers, and words that only stop a shorter match.
  [
    '一起 一定 一些 一下 一般 一直 一致 一律 一同 一道 一带 一体 一切 一旦 一样 一边 一段 一点 一行 ' +
      '一把手 一批 一是 二是 三是 四是 五是 十分 一再 一度 一举 一番 一会 一周 一天 一早 一次性 五一 七一 ' +
      '八一 十字 各位 各位领导 重点 地点 应急 相应 收到 正在 关于 对于 由于 以往 同志 同时 同样 及时 附近 ' +
      '最近 几乎 出差 比较 通报',
    0,
  ],
]

const ACTIVITIES: Array<[string, ActivityKind]> = [
  ['巡逻 巡查 巡防', 'patrol'],
  ['安全检查 检查 安检 排查', 'safety_check'],
  ['隐患 排查隐患 整改隐患', 'hazard'],
  ['纠纷 矛盾纠纷 矛盾', 'dispute'],
]

/** Every keyword with its merged flags. */
export const KEYWORDS: ReadonlyMap<string, Keyword> = (() => {
  const map = new Map<string, Keyword>()
  const add = (word: string, flags: number, activity?: ActivityKind) => {
    const entry = map.get(word) ?? { flags: 0 }
    entry.flags |= flags
    if (activity) entry.activity = activity
    map.set(word, entry)
  }
  for (const [words, flags] of TABLE) for (const w of words.split(' ')) add(w, flags)
  for (const [words, kind] of ACTIVITIES) for (const w of words.split(' ')) add(w, ACTIVITY, kind)
  return map
})()

/**
 * Endings of unit names, to notice a unit that is not in the roster (拓东所, 治安支队).
 * `minStem`: characters needed before the ending; `boundary`: the ending must not run on into
 * more Chinese text (大学 in 大学城 is a place); `head`: may be followed by another ending
 * (昆明公交 + 集团).
 */
export interface UnitSuffix {
  text: string
  minStem: number
  boundary: boolean
  head: boolean
}

export const UNIT_SUFFIXES: readonly UnitSuffix[] = [
  ['派出所', 2],
  ['公安分局', 1],
  ['公安局', 1],
  ['分局', 1],
  ['支队', 1],
  ['大队', 1],
  ['中队', 1],
  ['集团', 1],
  ['公司', 1],
  ['公交', 0, true, true],
  ['地铁', 0, true, true],
  ['学校', 1, true],
  ['中学', 2, true],
  ['小学', 2, true],
  ['大学', 2, true],
  ['街道', 1],
  ['社区', 1],
  ['办事处', 1],
  ['警务站', 1],
  ['警务室', 1],
  ['工作站', 1],
  ['管委会', 1],
  ['村委会', 1],
  ['居委会', 1],
  ['物业', 1, true],
  ['医院', 1, true],
  ['所', 2],
].map(([text, minStem, boundary, head]) => ({
  text: text as string,
  minStem: minStem as number,
  boundary: (boundary as boolean | undefined) ?? false,
  head: (head as boolean | undefined) ?? false,
}))

/** After 所 these make a word (所以, 所属, 所长), not a unit's ending. */
export const NOT_AFTER_SUO = new Set([...'以属在谓需得长述示辖'].map((c) => c.charCodeAt(0)))

/** Unit-looking words that are not units: 场所, 厕所, 诊所 … */
export const NOT_UNITS = new Set(['场所', '厕所', '住所', '处所', '会所', '派出所', '公司', '分局'])
