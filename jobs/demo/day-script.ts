/**
 * One simulated day in the liaison groups of the example roster: who says what, when (local
 * time). Realistic on purpose: greetings, lists, late and corrected reports, chatter, a photo,
 * a misspelt unit, a figure too large to believe, a recall, commanders asking.
 */

export type DayEvent =
  | { at: string; kind: 'say'; who: string; room: string; text: string; tag?: string }
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
