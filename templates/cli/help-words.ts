/**
 * What `redband --help` and `redband <command> --help` say: one line per command and option.
 * The README's "Command line" section says the same at more length.
 */
export const helpWords = {
  program: '红袖标 redband 的命令行：读消息、导入聊天记录、出通报、导出、管理群和名册',
  titles: {
    'Usage:': '用法：',
    'Options:': '选项：',
    'Commands:': '命令：',
    'Arguments:': '参数：',
    'Global Options:': '全局选项：',
  } as Record<string, string>,
  placeholders: { options: '[选项]', command: '[命令]' } as Record<string, string>,
  help: '显示帮助',
  helpCommand: '显示某个命令的帮助',
  options: {
    db: '数据库文件（默认取 REDBAND_DB）',
    roster: '名册文件（默认取 REDBAND_ROSTER）',
    json: '输出 JSON，每行一条或一个对象',
    date: '哪一天：2026-10-12、10月12日、昨天（默认今天）',
    from: '起始日：2026-10-12、10月12日、昨天',
    to: '截止日：2026-10-12、10月12日、昨天',
    deadline: '迟报的截止时间，如 09:00（默认取配置）',
    evidenceDir: '证据照片所在的文件夹',
    out: '写到哪个文件或文件夹',
  },
  parse: {
    what: '从标准输入逐行读消息，显示读到了什么',
    explain: '逐条说明每个数字按哪条规则保留或丢弃',
  },
  ingest: {
    what: '把聊天记录（每行一个 JSON）按实时消息的路径存入数据库',
    file: '聊天记录文件（不给则读标准输入）',
    evidenceDir: '证据照片存放的文件夹（默认 data/evidence）',
  },
  roster: {
    what: '名册',
    check: '校验名册并画出单位树',
    file: '名册文件',
    import:
      '由 Excel 或 CSV 表格（单位/上级单位/别名/计划人数/点位数，及「群」表）生成校验过的名册',
    sheet: '表格文件（.xlsx 或 .csv）',
    rooms: '群的 CSV（群名/单位/角色），配合单位 CSV 使用',
    timezone: '名册的时区（默认 Asia/Shanghai）',
    importOut: '写到哪个名册 YAML（默认输出到屏幕）',
    export: '把名册导出为 Excel（「单位」和「群」两张表）',
    exportOut: '写到哪个 .xlsx（默认与名册同名）',
  },
  bulletin: {
    what: '某一天的晚间通报',
    work: '工作情况通报',
    inspection: '督导情况通报',
  },
  audit: {
    what: '审计日志：每条命令和每次数字改动，按时间先后',
    actor: '只看此人（微信 ID）',
    target: '只看此对象',
    action: '只看此动作',
    timezone: '按哪个时区显示时间（默认 Asia/Shanghai）',
  },
  backup: {
    what: '在线备份数据库并校验完整性',
    out: '备份文件（须是新文件）',
    evidenceDir: '证据照片文件夹，复制到备份旁（默认取 REDBAND_EVIDENCE_DIR）',
  },
  export: {
    what: '导出一段时间的数字、督导、备注和排名为 Excel',
    out: '导出的 .xlsx 文件',
    maxMb: '单个文件的上限（兆字节，默认 25）；超过则按天拆分',
  },
  photos: {
    what: '把某天的证据照片按单位复制到文件夹',
    date: '哪一天：2026-10-12、10月12日、昨天',
    out: '复制到哪个文件夹',
  },
  rooms: {
    what: '名册中的群：已绑定、待确认、有同名群、未见到，以及名册之外的群',
    bind: '绑定群（同群里的 #绑定）',
    unbind: '解除绑定（同群里的 #解绑）',
    roomId: '群 ID（见 rooms 的列表）',
    expected: '一次确认所有待确认的群',
    seenBefore: '只确认此刻之前见到的群（rooms 列表里给出的数字）',
    entry: '按名册中的群名绑定',
    role: '群的用途：command、inspection 或 liaison',
    unit: '联络群所属单位',
  },
  core: {
    what: '多账号部署的核心：数据库、日程、发送队列和大屏，经 Redis（REDIS_URL）连接各账号的网关（redband gateway）',
  },
  link: {
    what: '指挥大屏的一次性登录链接（10 分钟内有效，只能用一次）',
    role: '身份：commander、inspector 或 admin',
  },
  review: {
    what: '某一天待核的消息：可能是上报但没读出数字的',
  },
  gateway: {
    what: '登录一个微信号，经 Redis 把消息转给核心、替核心发消息（每个微信号一个，设置见 REDBAND_ACCOUNT、REDIS_URL）',
    account: '微信号的账号 ID（默认取 REDBAND_ACCOUNT）',
  },
}
