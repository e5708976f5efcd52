/**
 * Every word the readers of free text know, in one place: the parser's keywords (by what they do
 * to a figure near them), the measure words after a number, the endings of unit names, the
 * headers of pasted tables, and the words of spot-check answers and inspectors' findings. The
 * parser matches its keywords longest first together with the roster's unit names (compile.ts),
 * so 请假 wins over 请 and 到岗 over 到.
 */
import type { ActivityKind } from './types.js'

/**
 * Say the figure reported earlier was wrong (拓东所刚才报的人数不对): with a unit named and no new
 * figure, the liaison is asked for it.
 */
export const WRONG_FIGURE = [
  ...['人数不对', '人数有误', '数不对', '数有误', '数字不对', '数字有误', '数据不对', '数据有误'],
  ...['人数写错', '人数填错', '人数发错', '数字写错', '数字填错', '数字发错'],
  ...['报的不对', '报的有误', '报的数不对', '报的数有误'],
]

/** Keyword flags; a word may carry several. */
export const K = {
  /** A headcount verb: 上岗, 到岗, 发动 … A clause with one may say anything around its figure. */
  VERB: 1 << 0,
  /** Harmless between a unit and its figure: 今日, 共, 红袖标, 人数 … */
  FILL: 1 << 1,
  /** Figures after it in the clause are not today's count: 较, 比, 昨日, 目标 … */
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
  /** Cancels FWD / FWD_LINE / FUTURE: 实际, 实到, 更正为. */
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
  /** A shift: one unit's shifts are summed when no total is written (白班120人、夜班90人). */
  SHIFT: 1 << 21,
  /** Each unit of a list gets the figure: 各, 均, 都是 (昆阳所、晋城所各上岗80人). */
  EACH: 1 << 22,
  /** The units of a list get the figures in order: 分别 (A、B分别上岗140人、115人). */
  RESPECTIVE: 1 << 23,
  /** Says what was reported earlier was off by some (少算, 补报, 加上): the new figure is not written. */
  DELTA: 1 << 24,
  /** Many places at once (各点位, 周边, 沿线, 等): a place word is where, not one spot. */
  PLURAL: 1 << 25,
  /** Mobilises people (发动, 组织, 投入): its object may name where they work (码头从业人员). */
  MOBILIZE: 1 << 26,
  /** The speaker's own unit (我所, 全局, 我单位): the room's unit, if it is of that kind. */
  SELF: 1 << 27,
  /** A spot check and its answer (抽查): no figure on the line is a headcount. */
  CHECK: 1 << 28,
  /** Glued after a run of text, makes a place of it (呈贡校区, 东华街道), never a unit. */
  PLACE: 1 << 29,
  /** Police (民警, 警力): not volunteers; a message that counts only them is asked about. */
  POLICE: 1 << 30,
  /**
   * Names the people counted (志愿者, 保安员, 人员): labels a bare figure (保安员120), and a word
   * glued before it names a kind of them (安检人员). The sign bit: `&` reads it as any other.
   */
  PEOPLE: 1 << 31,
} as const

/** Which units a self-reference fits: 我所 a station, 我局 / 全区 a sub-bureau, 我单位 any. */
export type SelfKind = 'station' | 'bureau' | 'any'

export interface Keyword {
  flags: number
  activity?: ActivityKind
  self?: SelfKind
}

const { VERB, FILL, FWD, FWD_LINE, FUTURE, CLAUSE, PERSON_TAINT, BREAKDOWN, CORRECTION } = K
const { LOCATION, CONJ, NAMEPART, POINTS, ACTIVITY, RESET, TODAY, BARE_VERB, TOTAL } = K
const { SUBLOC, APPROX, PAST, SHIFT, EACH, RESPECTIVE, DELTA, PLURAL, MOBILIZE, SELF } = K
const { CHECK, PLACE, POLICE, PEOPLE } = K

/** [space-separated words, flags]; a word listed twice gets both flag sets. */
const TABLE: Array<[string, number]> = [
  [
    '上岗 到岗 在岗 发动 出动 组织 投入 参与 参加 值守 执勤 值勤 出勤 上勤 在位 到位 签到 报到 部署 ' +
      '动员 站岗 上报 来了 到了 上了 开展 坚守 实到 上岗人数 到岗人数 在岗人数 上岗情况 派出 派了',
    VERB,
  ],
  ['发动 出动 组织 投入 动员 派出 派了 部署', MOBILIZE],
  // The new figure of a correction: a verb that also lifts the vetoes before it (由140人调整为146人),
  // and may be written bare (由238调整为243, 更正为146)…
  [
    '更正为 调整为 改为 更改为 修改为 修正为 应为 应是 应该是 应该为 正确数字为 正确的是 正确为',
    VERB | RESET | CORRECTION | BARE_VERB,
  ],
  // …but not these four: they are correction verbs, not BARE_VERB.
  ['实际为 实际是 重新报 重报', VERB | RESET | CORRECTION],
  [
    '上岗 到岗 在岗 实到 出动 上了 来了 到了 人数 上岗人数 到岗人数 在岗人数 总人数 总数',
    BARE_VERB,
  ],
  [
    '今日 今天 当日 当天 本日 今 全天 早上 早晨 上午 中午 下午 晚上 晚间 夜间 ' +
      '为 是 达 达到 计 有效 人数 上岗人数 到岗人数 在岗人数 总人数 总数 志愿 ' +
      '群防群治 全市 全县 全镇 全体 已 均 各类 安保 辖区 目前 现在 截至 截止 ' +
      '截至目前 截止目前 情况 上岗情况 工作 社会面 巡逻队 义务 治安 一线 的 了 都 ' +
      '也 志愿服务 服务队 实际 实到 报告 汇报 共同 完毕 报告完毕 仅 整 各所 至 ' +
      '不好意思 抱歉 对不起',
    FILL,
  ],
  // The people counted: a bare figure may follow one as its label (保安员120).
  [
    '红袖标 红袖章 袖标 志愿者 平安志愿者 队员 保安员 保安 保安人员 人员 力量 ' +
      '群防群治力量 巡防队员 巡逻队员 网格员 楼栋长 党员 干部 职工 员工 工人 环卫工人 ' +
      '骨干 商户 店员 驾驶员 保通员 站务员 站务人员 安检员 协管员 交通协管员 劝导员 ' +
      '文明劝导员 船员 从业人员 内保 内保人员 学生 师生 教职工 本科生 研究生 退役军人 ' +
      '居民志愿者 群众志愿者 物业保安 快递小哥 外卖骑手 积极分子 押运员 管理人员 ' +
      '群防力量 志愿力量 商户志愿者 学生志愿者 党员志愿者 红袖标志愿者',
    PEOPLE | FILL,
  ],
  ['白班 夜班 早班 午班 中班 晚班 白天 晚上 夜间 上午 下午', SHIFT | FILL],
  ['各 均 均为 都 都是 都为 均是', EACH],
  ['分别 分别为 分别是', RESPECTIVE | FILL],
  [
    '各 等 周边 沿线 沿湖 沿河 沿江 沿岸 沿街 沿途 全线 全部 所有 各点位 各站点 各卡点 各岗点 各路口 ' +
      '各巡防点 各巡防点位 各校门 各码头 各单位 各类',
    PLURAL | FILL,
  ],
  ['少算 多算 少报 多报 漏报 漏算 补报 加上 再加 还要加 刚才报 之前报 上次报', DELTA | FWD],
  ['抽查 督导 督查 回复抽查', CHECK],
  ['街道 社区 校区 片区 园区 小区 中心区', PLACE | FILL],
  // A total may stand right before a bare figure (合计 269); = is a total but not BARE_VERB.
  ['合计 共计 总计 总共 一共 共 全局合计 全区合计', FILL | TOTAL | BARE_VERB],
  ['=', FILL | TOTAL],
  ['今日 今天', TODAY],
  ['实际 实到', RESET],
  [
    '较 比 比昨 同比 环比 相比 对比 增加 减少 增长 下降 上升 新增 增派 增援 增至 减至 增设 多出 少了 多了 ' +
      '原报 原上报 之前报 刚才报 上次报 昨日 昨天 前天 去年 上周 上月 本周 本月 本年 今年 近期 近日 连续 ' +
      '每 另需 缺 差 还差 缺口 目标 任务 指标 定额 核定 编制 满编 平均 人均 应到 应出勤 应上岗 ' +
      '应有 不少于 不低于 不得少于 至少 确保 以下 最多 最少 之前 此前 不是 非 由 累计',
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
      '发现 涉及 受理 报警 求助 救治 伤 亡 医疗 隔离 核酸 检测 支援 谁 联络员 客流 人流 人流量 车流量 销售额 ' +
      // Kinds of people (…人员) who are the public or the policed, not volunteers.
      '涉案人员 涉事人员 外来人员 滞留人员 被困人员 走失人员 上访人员 闲散人员 闲杂人员 流动人员 ' +
      '在逃人员 吸毒人员 涉毒人员 涉稳人员 重点人员 参赛人员 围观人员 聚集人员 无关人员 执法人员 ' +
      '医护人员 遇险人员 落水人员 务工人员 外来务工人员',
    PERSON_TAINT,
  ],
  ['民警 警力 辅警 警员 警察 特警', POLICE],
  ['其中 含 包括 包含 内含', BREAKDOWN],
  [
    '更正 纠正 修正 订正 勘误 以此为准 以此条为准 以本条为准 以这条为准 以这个为准 以此数为准 有误 报错 ' +
      '重新上报 重报 更改为 发错 填错 写错 报错了 发错了 刚才报错 之前报错 上次报错',
    CORRECTION,
  ],
  ['在 到 赴 前往 往 于 去', LOCATION],
  [WRONG_FIGURE.join(' '), CORRECTION | CLAUSE],
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
      '最近 几乎 出差 比较 通报 非常',
    0,
  ],
]

/** Self-references, by the kind of unit they fit; each is also FILL (see KEYWORDS). */
const SELVES: Array<[string, SelfKind]> = [
  // 所里 / 局里 / 咱所: how people speak of their own unit in chat.
  ['我所 本所 全所 我们所 所里 咱所 咱们所', 'station'],
  ['我局 本局 全局 全区 我们局 我分局 本分局 全分局 全局合计 全区合计 局里 咱局 咱们局', 'bureau'],
  [
    '我单位 本单位 我们单位 我们 我司 本公司 我公司 我集团 我校 本校 我支队 本支队 我队 我协会 ' +
      '咱们 咱单位 咱们单位 单位里 公司里 队里',
    'any',
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
  for (const [words, self] of SELVES) {
    for (const w of words.split(' ')) {
      add(w, SELF | FILL)
      map.get(w)!.self = self
    }
  }
  return map
})()

/** The keywords carrying any of `flags`, longest first. */
function wordsWith(flags: number): string[] {
  return [...KEYWORDS.entries()]
    .filter(([, kw]) => kw.flags & flags)
    .map(([word]) => word)
    .sort((a, b) => b.length - a.length)
}

/** What follows a number: the class of its measure word. */
export const C = {
  /** Something else that is not a measure word: 五 in 五华. */
  NONE: 0,
  /** 人, 名, 位, 个人. */
  PERSON: 1,
  /** Nothing: end of text or a separator right after. */
  BARE: 2,
  /** Spaces, then something: a bare figure only if a unit or 点位 follows. */
  BARE_SPACE: 3,
  /** 个点位, 个点. */
  POINTS: 4,
  /** 次, 趟, 遍, 轮. */
  TIMES: 5,
  /** 起, 处, 件, 宗, 条, 项, 家, 户. */
  ITEMS: 6,
  /** 个, alone. */
  COUNT: 7,
  /** Anything that makes it not a count: 号, 月, 日, 点, 元, 岁, % … */
  OTHER: 8,
} as const

/** The measure word right after a number, by its first character. */
export const MEASURES: ReadonlyMap<number, number> = (() => {
  const map = new Map<number, number>()
  for (const [chars, cls] of [
    ['人名位', C.PERSON],
    ['次趟遍轮', C.TIMES],
    ['起处件宗条项家户', C.ITEMS],
    [
      '号月日年点时分秒岁元块角%‰辆台部米天周届期楼层栋路线倍成级组班支批张份度斤吨室床公小单千万亿',
      C.OTHER,
    ],
    ['个', C.COUNT],
  ] as const) {
    for (const ch of chars) map.set(ch.charCodeAt(0), cls)
  }
  return map
})()

/** The measure words of people (人, 名, 位), as inspectors and liaisons write them after a count. */
export const PERSON_MEASURES = ['个人', '人', '名', '位']

/** After 个, these make the count one of duty points (3个点位), longest first. */
export const POINT_WORDS = ['执勤点位', '执勤点', '点位', '岗点', '卡点', '岗位', '点', '岗']

/**
 * After a list of units, a count of them (龙城、洛龙两个所, 三家单位): it restates the list, it is
 * no figure. Longest first.
 */
export const UNIT_KIND_WORDS = [
  ...['派出所', '单位', '部门', '分局', '学校', '高校', '大学', '商圈', '公司', '企业', '协会'],
  ...['集团', '支队', '所', '校'],
]

/** After 两人一…, a way of working, not a count: 两人一组, 一人一岗. */
export const GROUP_WORDS = '组岗班队哨'

/** Marks the figure before it as approximate: 200余, 80多, 100来, 150左右, 100以上. */
export const APPROX_AFTER = ['左右', '以上', '余', '多', '来']
/** Marks the figure after it as approximate, longest first: 约, 近, 大约 … */
export const APPROX_BEFORE: readonly string[] = wordsWith(APPROX)

/** Punctuation that ends a clause (after NFKC: ， is , and （ is ( ). */
export const CLAUSE_MARKS = '\n,、:;。!?…()[]【】/|"“”《》「」『』—~.<>{}‘’'
/** …and those of them that end a sentence. */
export const SENTENCE_MARKS = '\n;。!?….'

/** Between two numbers, a range or a time (8:30, 150-160, 11/3, 1至10, 2024.11). */
export const RANGE_MARKS = ':-~/—至到.'
/** After a number at the start of a line, a list marker: 1. 2、 3) */
export const LIST_MARKS = '.、)'

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

/** Last characters of a unit's name beyond the endings above: 局, 队, 团, 院, 站 … */
const UNIT_ENDING_CHARS = '所局队团司院校处站部办委会中'

/**
 * Whether a name ends like a unit's (东华所, 保安集团, 云南大学), not like an ordinary word
 * (环卫, 公交): an alias that does not is also a word people use about something else.
 */
export function endsLikeUnit(name: string): boolean {
  if (UNIT_SUFFIXES.some((s) => name.endsWith(s.text))) return true
  return name.length > 0 && UNIT_ENDING_CHARS.includes(name[name.length - 1]!)
}

/** After 所 these make a word (所以, 所属, 所长), not a unit's ending. */
export const NOT_AFTER_SUO = '以属在谓需得长述示辖'
/** Before 所 these make a place (场所, 厕所, 住所, 诊所 …), not a unit. */
export const PLACE_BEFORE_SUO = '场厕住处会诊寓'

/** After the name of a breakdown item, before its figure: 保安:60, 保安有60, 保安约60. */
export const LABEL_TRAILS = ' \t:为有共约近是达'
/** Words that open a breakdown (其中保安60人), longest first. */
export const BREAKDOWN_LEADS: readonly string[] = wordsWith(BREAKDOWN)

/** Pasted tables: the header words of each column, and the rows that are totals. */
export const TABLE_WORDS = {
  /** The column naming the unit of each row. */
  unit: ['单位', '单位名称', '名称', '派出所', '所队', '部门'],
  /** The column naming the shift of each row (one unit's table). */
  shift: ['时段', '班次', '班别'],
  /** The figure read: who is actually on duty today. */
  actual: [
    ...['实到', '实到人数', '上岗', '上岗人数', '到岗', '到岗人数', '在岗', '在岗人数', '人数'],
    ...['实际', '今日', '红袖标人数', '上岗红袖标'],
  ],
  /** Never read: the plan, or another day. */
  plan: ['计划', '计划人数', '应到', '应到人数', '昨日', '目标'],
  points: ['点位', '点位数', '岗点', '点位数量'],
  /** Columns that may stand in a header and are not read. */
  other: [
    ...['序号', '备注', '巡逻次数', '较昨日', '增减', '日期', '联系人', '电话', '到岗率', '上岗率'],
    ...['完成率', '排名', '上报时间'],
  ],
  total: ['合计', '总计', '共计', '小计', '全局合计', '全区合计', '总数'],
}

/** Spot-check answers: 北京路口 在岗 3人. */
export const CHECK_ANSWER_WORDS = {
  /** Someone is on duty. */
  onDuty: ['在岗', '到岗', '到位', '在位', '已上岗'],
  /** Words that say nothing about where: what is left after them must name a place. */
  filler: [
    ...['今日', '今天', '现在', '目前', '此刻', '截至', '报告', '汇报', '抽查', '回复', '人员'],
    ...['红袖标', '志愿者', '队员', '均', '都', '全部', '正常', '共有', '共'],
  ],
  /** Left alone, these name no particular post. */
  notAPost: ['点位', '岗位', '各点位', '所有点位', '有', '已'],
  /** A post is a place: a road, a crossing, a gate, a station, a square, a numbered point… */
  place: [
    ...['路', '街', '道', '巷', '口', '站', '场', '门', '桥', '园', '区', '村', '店', '校', '院'],
    ...['馆', '楼', '厦', '中心', '岗亭', '码头', '港', '商圈', '景区', '点', '号'],
  ],
  /** …and not the rest of a headcount: 较昨日增加, 设置执勤点位10处, 点位 10 个. */
  notAPlace: ['较', '比', '增加', '减少', '设置', '共计', '合计', '累计', '处', '个', '次'],
}

/** Inspectors' findings at a post (#督检): on duty or not, and whether they act (管事). */
export const FINDING_WORDS = {
  onDuty: ['在岗', '到岗', '上岗', '值守', '有人在岗', '有人值守'],
  /** 有人 is a finding only when no other words are glued after it. */
  onDutyWeak: ['有人'],
  offDuty: [
    ...['缺岗', '脱岗', '空岗', '离岗', '无人在岗', '没人在岗', '没有人在岗'],
    ...['无人值守', '没人值守', '没有人值守'],
    ...['不在岗', '未在岗', '没在岗', '未到岗', '没到岗', '未上岗', '没上岗'],
  ],
  offDutyWeak: ['无人', '没人', '没有人'],
  engaged: ['管事', '劝阻', '处置'],
  notEngaged: [
    ...['不管事', '未管事', '没管事', '不管', '不作为'],
    ...['不劝阻', '未劝阻', '没劝阻', '不处置', '未处置', '没处置'],
  ],
  /** Words around the findings that say nothing by themselves: 在岗志愿者3人, 有3名队员, (管事). */
  filler: [
    ...['志愿者', '红袖标', '队员', '人员', '人数', '共计'],
    ...['共', '有', '均', '都', '(', ')'],
  ],
}

/** SQL as injection attempts write it (drop table, union select…): no liaison writes that. */
export const SQL_PAIRS = [
  ...['drop table', 'drop database', 'delete from', 'insert into', 'truncate table'],
  ...['alter table', 'union select', 'update set', 'select from'],
]
