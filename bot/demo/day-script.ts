/**
 * One simulated day in the groups of the example roster: who says what, when (local time).
 * Realistic on purpose: greetings, lists, late and corrected reports, chatter, a photo, a
 * misspelt unit, a figure too large to believe, a recall, commanders asking, inspectors ordering
 * checks and recording what they found. Answers to spot checks come from `answerCheck` below.
 */

export type DayEvent =
  | { at: string; kind: 'say'; who: string; room: string; text: string; tag?: string }
  /** `who` makes a group called `room` and adds the bot; later events name it by `tag`. */
  | { at: string; kind: 'group'; who: string; room: string; tag: string }
  | { at: string; kind: 'photo'; who: string; room: string }
  | { at: string; kind: 'recall'; who: string; room: string; tag: string }

export const demoDay: DayEvent[] = [
  { at: '07:41', kind: 'say', who: '龙城所-李警官', room: '龙城派出所红袖标群', text: '收到' },
  {
    at: '07:52',
    kind: 'say',
    who: '龙城所-李警官',
    room: '龙城派出所红袖标群',
    text: '今日上岗红袖标146人，点位10个',
  },
  { at: '07:58', kind: 'photo', who: '龙城所-李警官', room: '龙城派出所红袖标群' },
  {
    at: '08:05',
    kind: 'say',
    who: '呈贡分局-王科长',
    room: '呈贡分局红袖标联络群',
    text: '各位领导早上好！呈贡分局今日上岗情况：\n洛龙所 118人\n吴家营所 一百九十八人（其中保安60人、学生138人）',
  },
  {
    at: '08:12',
    kind: 'say',
    who: '环卫集团-赵主任',
    room: '行业部门联络群',
    text: '环卫集团今日发动环卫工人2800余名，巡逻 120 次',
  },
  {
    at: '08:26',
    kind: 'say',
    who: '晋宁分局-孙所长',
    room: '晋宁分局红袖标联络群',
    text: '昆阳所上岗90人',
  },
  {
    at: '08:31',
    kind: 'say',
    who: '高新分局-周警官',
    room: '行业部门联络群',
    text: '马今铺所今日上岗 95 人',
  },
  {
    at: '08:33',
    kind: 'say',
    who: '高新分局-周警官',
    room: '行业部门联络群',
    text: '不好意思打错了，马金铺所今日上岗 95 人，点位 7 个',
  },
  {
    at: '08:40',
    kind: 'say',
    who: '晋宁分局-孙所长',
    room: '晋宁分局红袖标联络群',
    text: '明天需要增派 30 人到滇池路口',
  },
  {
    at: '09:12',
    kind: 'say',
    who: '晋宁分局-吴警官',
    room: '晋宁分局红袖标联络群',
    text: '晋城所 上岗 七十六 人，点位 5 个',
    tag: 'late',
  },
  {
    at: '09:18',
    kind: 'say',
    who: '呈贡分局-王科长',
    room: '呈贡分局红袖标联络群',
    text: '【更正】洛龙所今日上岗人数为 120 人',
  },
  { at: '09:40', kind: 'say', who: '指挥部-刘参谋', room: '红袖标指挥部', text: '#未报' },
  {
    at: '09:52',
    kind: 'say',
    who: '保安集团-钱经理',
    room: '行业部门联络群',
    text: '抱歉晚了，保安集团今日上岗 11,800 人',
  },
  {
    at: '10:05',
    kind: 'say',
    who: '呈贡分局-王科长',
    room: '呈贡分局红袖标联络群',
    text: '吴家营所今日上岗 2000 人',
    tag: 'typo',
  },
  {
    at: '10:06',
    kind: 'recall',
    who: '呈贡分局-王科长',
    room: '呈贡分局红袖标联络群',
    tag: 'typo',
  },
  {
    at: '16:30',
    kind: 'say',
    who: '龙城所-李警官',
    room: '龙城派出所红袖标群',
    text: '今日巡逻 40 次，安全检查 12 次，排查隐患 2 起，化解纠纷 1 起',
  },
  {
    at: '10:40',
    kind: 'say',
    who: '督导组-陈组长',
    room: '红袖标督导组',
    text: '#抽查 呈贡分局 随机 2',
  },
  // A liaison, a friend of the bot, makes a group named like the command room to read the figures.
  { at: '10:50', kind: 'group', who: '龙城所-李警官', room: '红袖标指挥部', tag: 'look-alike' },
  { at: '10:51', kind: 'say', who: '龙城所-李警官', room: 'look-alike', text: '#工作通报' },
  {
    at: '11:10',
    kind: 'say',
    who: '督导组-陈组长',
    room: '红袖标督导组',
    text: '#督检 龙城所 春融路口 在岗 3人 管事，劝阻了占道经营',
  },
  {
    at: '11:40',
    kind: 'say',
    who: '督导组-杨干事',
    room: '红袖标督导组',
    text: '#督检 晋城所，滇池大道：缺岗',
  },
  {
    at: '11:42',
    kind: 'say',
    who: '督导组-杨干事',
    room: '红袖标督导组',
    text: '#问题 晋城所 滇池大道 无人值守',
  },
  {
    at: '12:00',
    kind: 'say',
    who: '督导组-陈组长',
    room: '红袖标督导组',
    text: '#表扬 龙城所 李明 劝阻占道经营，主动为游客指路',
  },
  {
    at: '14:20',
    kind: 'say',
    who: '督导组-杨干事',
    room: '红袖标督导组',
    text: '#抽查 晋城所 15分钟',
  },
  {
    at: '15:05',
    kind: 'say',
    who: '督导组-陈组长',
    room: '红袖标督导组',
    text: '#督检 洛龙所 大学城地铁站 在岗 2人 不管事',
  },
  {
    at: '19:30',
    kind: 'say',
    who: '指挥部-刘参谋',
    room: '红袖标指挥部',
    text: '#明日重点 加强地铁站、商圈周边巡逻，集中展示时段全员在岗',
  },
  {
    at: '17:05',
    kind: 'say',
    who: '晋宁分局-孙所长',
    room: '晋宁分局红袖标联络群',
    text: '大家辛苦了🌹',
  },
  {
    at: '19:50',
    kind: 'say',
    who: '指挥部-刘参谋',
    room: '晋宁分局红袖标联络群',
    text: '#工作通报',
  },
]

/** A post each unit shows when asked. */
const posts: Record<string, string> = {
  龙城派出所: '春融路口',
  洛龙派出所: '大学城地铁站',
  吴家营派出所: '吴家营广场',
  昆阳派出所: '昆阳汽车站',
  晋城派出所: '滇池大道',
  马金铺派出所: '马金铺路口',
  环卫集团: '彩云北路',
  保安集团: '会展中心东门',
}

/**
 * How a liaison answers a spot check of their unit, the same way every run: most answer within
 * minutes naming a post, some answer late, one never does. Undefined: no answer.
 */
export function answerCheck(unit: string): { afterMinutes: number; text: string } | undefined {
  const post = posts[unit] ?? '执勤点'
  const short = unit.replace('派出所', '所')
  switch (unit) {
    case '晋城派出所':
      return undefined
    case '吴家营派出所':
      return { afterMinutes: 26, text: `${short} ${post} 在岗 2人（不好意思回复晚了）` }
    default:
      return {
        afterMinutes: 3 + (unit.length % 5),
        text: `${short} ${post} 在岗 ${2 + (unit.length % 3)}人`,
      }
  }
}
