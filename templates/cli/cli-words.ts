/**
 * What the command line tells the operator, beyond the bulletins it shares with the chat: usage
 * mistakes (one line each), problems that stop a command, and the line each command ends with.
 */
import type { ParseResult } from '../../src/parse/types.js'

const dateForms = '可以写 2026-10-12、10月12日、昨天'

export const cliWords = {
  unknownCommand: (name: string, nearest: string) => `未知命令 "${name}"，是否要用 "${nearest}"？`,
  unknownOption: (flag: string, nearest: string) => `未知选项 "${flag}"，是否要用 "${nearest}"？`,
  /** Appended to a usage mistake other than an unknown name, on the same line. */
  seeHelp: (command: string) => `；用法见 redband ${command} --help`,
  missingArgument: (name: string) => `缺少 ${name}`,
  optionMissingValue: (flags: string) => `选项 ${flags} 后面缺少值`,
  excessArguments: (extra: string[]) => `多余的参数：${extra.join(' ')}`,
  needs: (flag: string, env?: string) => `需要 ${flag}${env ? `（或设置 ${env}）` : ''}`,
  badDate: (flag: string, written: string) => `${flag} "${written}" 不是日期，${dateForms}`,
  badClock: (written: string) => `--deadline "${written}" 不是时间，请写成 09:00 这样`,
  badSize: (written: string) => `--max-mb "${written}" 不是大小，请写兆字节数，如 25`,
  badXlsx: (written: string) => `--out ${written} 应是 .xlsx 文件`,
  fromAfterTo: (from: string, to: string) => `起始日 ${from} 晚于截止日 ${to}`,
  badRole: (written: string, roles: readonly string[]) =>
    `--role "${written}" 不对，请写 ${roles.join('、')} 之一`,
  unitNotInRoster: (unit: string) => `--unit ${unit} 不在名册中`,
  roomsNeedRoomId: (action: string) =>
    `rooms ${action} 需要群 ID（见 rooms 的列表），或用 --expected`,
  badSeenBefore: (written: string) =>
    `--seen-before "${written}" 不对，请用 rooms 列表里给出的数字`,
  noRosterRoom: (topic: string) =>
    `名册中没有群「${topic}」；请用 --entry 群名，或 --role 用途 [--unit 单位]`,

  noStore: (file: string, hint: string) => `${file} 没有数据库：${hint}`,
  noStoreHint: {
    data: '先运行机器人，或用 ingest 导入聊天记录',
    rooms: '先启动一次机器人，让它看到各个群',
    page: '先启动机器人（大屏页面由它提供），或用 --db 指定',
    any: '请用 --db 或 REDBAND_DB 指定数据库',
  },

  audit: {
    head: ['时间', '操作人', '群', '动作', '对象', '之前', '之后'],
    none: '没有记录',
  },
  backup: {
    exists: (out: string) => `${out} 已存在；请换一个新文件名，以免覆盖已有的备份`,
    cannotCreateFolder: (dir: string, code: string | undefined) =>
      `无法创建文件夹 ${dir}（${code ?? '未知错误'}）；请换一个 --out`,
    done: (db: string, out: string, tables: Array<[string, number]>) =>
      `已把 ${db} 备份到 ${out}：完整性无误；${tables.map(([name, n]) => `${name} ${n}`).join('，')}`,
    evidence: (from: string, to: string, files: number) =>
      `已把证据照片 ${from} 复制到 ${to}：${files} 个文件`,
    noEvidence: '证据照片未备份：用 --evidence-dir 或 REDBAND_EVIDENCE_DIR 指明照片文件夹',
    noEvidenceDir: (dir: string) => `没有照片文件夹 ${dir}；请检查 --evidence-dir`,
  },
  export: {
    file: (file: string, bytes: number) => `${file}\t${bytes} 字节`,
    split: (files: number) => `导出超过大小上限，已拆分为 ${files} 个文件`,
    tooLarge: (day: string, bytes: number, maxBytes: number) =>
      `${day} 一天的导出就有 ${bytes} 字节，超过上限 ${maxBytes} 字节：没有写出文件`,
    noData: (from: string, to: string) => `${from} 至 ${to} 没有数据：没有写出文件`,
    noPeriod: '没有数据，也没有活动期：没有写出文件',
    summary: (files: number, bytes: number, seconds: string) =>
      `已导出 ${files} 个文件，共 ${bytes} 字节，用时 ${seconds} 秒`,
    progress:
      '导出 |{bar}| {percentage}% | {value}/{total} 天 | 每秒 {rate} 天 | 剩余 {eta_formatted}',
  },
  ingest: {
    fromStdin:
      '从标准输入读取聊天记录，每行一条 JSON；按 Ctrl-D 结束（也可直接给文件：ingest --db 文件 --roster 文件 记录文件）',
    cannotRead: (file: string, code: string) =>
      `无法读取 ${file}（${code}）：请给出聊天记录文件，或从标准输入传入`,
    refused: (line: number, reason: string) => `第 ${line} 行未导入：${reason}`,
    notJson: '不是 JSON 对象',
    notString: (key: string) => `"${key}" 缺失或不是字符串`,
    empty: (key: string) => `"${key}" 为空`,
    badTime: (written: string) =>
      `"time" ${written} 不是带时区偏移的 ISO 8601 时间，如 2026-10-12T08:03:00+08:00`,
    /** `perSecond`: the export's messages read a second, stored or already there. */
    summary: (o: {
      handled: number
      duplicate: number
      refused: number
      seconds: string
      perSecond: number
    }) =>
      `已导入 ${o.handled} 条消息（${o.duplicate} 条已存在，${o.refused} 行未导入），用时 ${o.seconds} 秒，每秒 ${o.perSecond} 条`,
    progress: '导入 |{bar}| {percentage}% | {messages} 条 | 每秒 {rate} 条 | 剩余 {eta_formatted}',
    progressStdin: '导入 {messages} 条 | 每秒 {rate} 条',
  },
  link: {
    pageOff:
      '大屏页面已关闭（REDBAND_HTTP=off）：请设置 REDBAND_HTTP（在反向代理之后还要设置 REDBAND_PUBLIC_URL）并重启机器人',
    sent: (minutes: number, role: string) => `只能登录一次，${minutes} 分钟内有效，身份 ${role}`,
  },
  parse: {
    head: ['类型', '读到', '原文'],
    kinds: {
      report: '上报',
      command: '命令',
      chatter: '闲聊',
      unplaced: '缺单位',
    } satisfies Record<ParseResult['kind'], string>,
  },
  photos: {
    copied: (count: number, day: string, folders: number, out: string) =>
      `已把 ${day} 的 ${count} 张照片复制到 ${out} 下的 ${folders} 个单位文件夹`,
    missing: (path: string) => `缺少照片：${path}`,
    notSaved: (where: string, sender: string) => `（未保存）${where} ${sender}`,
  },
  review: {
    head: ['时间', '群', '发送人', '内容', '原因', '单位', '消息 ID'],
    count: (n: number, day: string) => `${day} 有 ${n} 条待核：`,
    none: (day: string) => `${day} 没有待核的消息`,
  },
  rooms: {
    notBound: (roomId: string) => `群 ${roomId} 没有绑定`,
    notSeen: (roomId: string) => `机器人没见过群 ${roomId}；运行 rooms 可列出它见过的群`,
  },
  roster: {
    unusable: (file: string, problems: readonly string[]) =>
      [`名册 ${file} 不能用：`, ...problems.map((p) => `  - ${p}`)].join('\n'),
    ok: (file: string, units: number, timezone: string) =>
      `${file}：无误，${units} 个单位，时区 ${timezone}`,
    rooms: '群：',
    sheetKinds: 'roster import 需要 .xlsx 或 .csv 文件',
    roomsOnlyCsv: '--rooms 只用于单位 CSV；工作簿的群在「群」工作表里',
    noFile: (file: string) => `没有文件 ${file}`,
    unreadable: (file: string, rooms: string | undefined, why: string) =>
      `读不了 ${file}${rooms ? ` 或 ${rooms}` : ''}：${why}`,
    bad: (file: string, problems: readonly string[]) =>
      [`${file} 有误，未写入名册：`, ...problems.map((p) => `  ${p}`)].join('\n'),
    written: (file: string) => `已写入 ${file}`,
    notXlsx: (file: string) => `--out ${file} 应为 .xlsx 文件`,
    exported: (file: string, units: number, rooms: number) =>
      `已写入 ${file}：${units} 个单位，${rooms} 个群`,
  },
}
