// Run inside an empty project where the packed redband tarball was installed (pack.test.ts):
// embeds the plugin as an integrator would, on wechaty-puppet-mock, and prints what the bot said.
import { Redband } from 'redband'
import { WechatyBuilder } from 'wechaty'
import { mock, PuppetMock } from 'wechaty-puppet-mock'

const mocker = new mock.Mocker()
const bot = WechatyBuilder.build({ puppet: new PuppetMock({ mocker }) })
bot.on('error', () => {})
const self = mocker.createContact({ name: '红袖标助手' })
const admin = mocker.createContact({ name: '管理员' })
const liaison = mocker.createContact({ name: '张三' })
const room = mocker.createRoom({
  topic: '龙城派出所红袖标群',
  memberIdList: [self.id, admin.id, liaison.id],
})
const said = []
room.on('message', (message) => {
  if (message.payload.talkerId === self.id) said.push(message.payload.text)
})

const redband = Redband({
  env: {},
  roster: 'node_modules/redband/roster.example.yaml',
  db: 'redband.db',
  evidenceDir: 'evidence',
  admins: [admin.id],
  schedule: { event: {} },
  outbox: { minGapMs: 0, jitterMs: 0 },
  http: 'off',
})
bot.use(redband)
await bot.start()
const loggedIn = new Promise((resolve) => bot.once('login', resolve))
mocker.login(self)
await loggedIn
mocker.puppet.emit('ready', { data: 'ready' })
await redband.ready()

const until = async (what) => {
  for (let waited = 0; !said.some((text) => text.includes(what)); waited += 50) {
    if (waited > 20_000) throw new Error(`no reply with ${what}: ${JSON.stringify(said)}`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}
admin.say('#绑定').to(room)
await until('绑定为')
liaison.say('龙城所今日上岗150人').to(room)
await until('已登记')
// Marked: the bot's own log lines share stdout, and one written before may come out after.
console.log(`said: ${JSON.stringify(said)}`)
await redband.close()
await bot.stop()
